import Foundation
import Histograms
import Testing
@testable import Training
#if canImport(Glibc)
import Glibc
#endif

@Suite("Idle-priority logging thread")
struct IdlePriorityWorkerTests {
    /// Jobs run one at a time, in the order they were queued.
    @Test func jobsRunSeriallyInOrder() {
        let worker = IdlePriorityWorker(name: "test")
        let record = JobRecord()
        for i in 0..<2_000 { worker.async { record.run(i) } }
        worker.drain()
        worker.close()
        #expect(record.order == Array(0..<2_000))
        #expect(record.mostAtOnce == 1)
    }

    /// Promotion in the middle of a stream of jobs keeps their order, and the jobs after it run
    /// at normal priority. The policies are read by each job from the kernel (`sched_getscheduler`).
    @Test func promotionKeepsOrderAndRaisesThePriority() {
        let worker = IdlePriorityWorker(name: "test")
        let record = JobRecord()
        worker.async { record.policy(before: true) }
        worker.drain()  // (so that the idle thread has started and run it)
        for i in 0..<500 { worker.async { record.run(i) } }
        worker.promote()
        for i in 500..<1_000 { worker.async { record.run(i) } }
        worker.drain()
        worker.async { record.policy(before: false) }
        worker.close()
        #expect(record.order == Array(0..<1_000))
        #expect(record.mostAtOnce == 1)
        #expect(worker.isPromoted)
        #if os(Linux)
        #expect(record.policies == [true: IdlePriorityWorker.schedIdle, false: SCHED_OTHER])
        #endif
    }

    /// A job that holds the last reference to an object whose deinit closes the worker (as a
    /// LogPipeline's jobs do after a failed run) neither deadlocks nor stops the later jobs.
    @Test(.timeLimit(.minutes(1)))
    func aDeinitOnTheWorkerThreadCanCloseIt() {
        let worker = IdlePriorityWorker(name: "test")
        let record = JobRecord()
        let gate = DispatchSemaphore(value: 0)
        worker.async { gate.wait() }  // so that both jobs are queued before either runs
        do {
            let owner = ClosesOnDeinit(worker)
            worker.async { _ = owner; record.run(0) }
        }
        worker.async { record.run(1) }
        gate.signal()
        worker.drain()
        #expect(record.order == [0, 1])
    }

    /// A logging thread that leaves the trainer waiting longer than the starvation timeout (here a
    /// sink that blocks) is replaced by one at normal priority, and nothing is lost.
    @Test func aStarvedPipelineMovesToNormalPriority() throws {
        let store = ParameterStore<Float>([("a", [8])])
        for i in 0..<store.count { store.gradients.buffer[i] = Float(i + 1) }
        let sink = SlowFirstStepSink(delay: 3 * LogPipeline.starvationTimeout)
        let pipeline = LogPipeline(sink: sink, tensors: store.tensors, parameterCount: store.count, scale: 3,
                                   keepMedianSteps: [])
        #if os(Linux)
        #expect(pipeline.loggingPolicy == IdlePriorityWorker.schedIdle)
        #endif
        for step in 1...4 {
            _ = pipeline.absoluteGradients(store.gradients.base, count: store.count, step: step)
            pipeline.submit(step: step, scalars: [("loss", Double(step))], histograms: true)
        }
        try pipeline.finish()
        #expect(pipeline.loggingPromoted)
        #expect(sink.inner.values("loss") == [1, 2, 3, 4])
        #expect(sink.inner.histograms["grad/a"]?.map(\.step) == [1, 2, 3, 4])
        #expect(sink.inner.histograms["grad/a"]?.allSatisfy { $0.histogram.count == 8 } == true)
    }

    /// A quick pipeline stays at idle priority.
    @Test func aPipelineThatKeepsUpStaysIdle() throws {
        let store = ParameterStore<Float>([("a", [8])])
        let sink = InMemoryLogSink()
        let pipeline = LogPipeline(sink: sink, tensors: store.tensors, parameterCount: store.count, scale: 3,
                                   keepMedianSteps: [])
        for step in 1...3 {
            _ = pipeline.absoluteGradients(store.gradients.base, count: store.count, step: step)
            pipeline.submit(step: step, scalars: [], histograms: true)
        }
        try pipeline.finish()
        #expect(!pipeline.loggingPromoted)
        #expect(sink.histograms["grad/a"]?.count == 3)
    }
}

private final class ClosesOnDeinit {
    let worker: IdlePriorityWorker
    init(_ worker: IdlePriorityWorker) { self.worker = worker }
    deinit { worker.closeWhenDone() }
}

/// What the jobs saw: their order, how many ran at once, and the scheduling policy.
private final class JobRecord: @unchecked Sendable {
    private let lock = NSLock()
    private var inside = 0
    private(set) var order: [Int] = []
    private(set) var mostAtOnce = 0
    private(set) var policies: [Bool: Int32] = [:]

    func run(_ i: Int) {
        lock.withLock { inside += 1; mostAtOnce = max(mostAtOnce, inside) }
        usleep(i % 97 == 0 ? 200 : 0)
        lock.withLock { order.append(i); inside -= 1 }
    }

    func policy(before: Bool) {
        #if os(Linux)
        let policy = sched_getscheduler(0)
        lock.withLock { policies[before] = policy }
        #endif
    }
}

/// Blocks the first histogram call of step 1 for `delay` seconds, then records like InMemoryLogSink.
private final class SlowFirstStepSink: TrainingLogSink, @unchecked Sendable {
    let inner = InMemoryLogSink()
    private let delay: TimeInterval
    private var slept = false

    init(delay: TimeInterval) { self.delay = delay }

    func scalar(_ tag: String, step: Int, value: Double) { inner.scalar(tag, step: step, value: value) }

    func histogram(_ tag: String, step: Int, _ histogram: ExponentialHistogram) {
        if step == 1 && !slept {
            slept = true
            Thread.sleep(forTimeInterval: delay)
        }
        inner.histogram(tag, step: step, histogram)
    }

    func flush() throws { try inner.flush() }
}
