import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A serial job queue on a dedicated thread that runs at idle priority, so that background work
/// (the trainer's logging) fills the time a core would otherwise idle instead of preempting
/// the training threads.
///
/// With S data-parallel shards on S cores, a logging thread at normal priority takes its
/// 1–2 ms per step from one shard, and the other shards wait for that one at the next
/// reduction. At idle priority (Linux's `SCHED_IDLE`) it runs in the gaps of the step: the
/// serial optimizer, the batch, a shard waiting for the others, or a step waiting for a buffer
/// the logging still holds (which frees that core for it).
///
/// **Starvation.** When other processes keep every core busy, an idle-priority thread gets
/// almost no time, and a trainer waiting on it would stall. ``promote()`` ends that: the idle
/// thread stops after its current job and a thread at normal priority takes over the queue, in
/// order. An unprivileged process cannot raise a thread back from `SCHED_IDLE`, hence the
/// second thread. Jobs run one at a time, in submission order, on whichever thread holds the
/// queue.
final class IdlePriorityWorker: @unchecked Sendable {
    // @unchecked: every stored property is touched only under `condition`.
    private let condition = NSCondition()
    private var jobs: [() -> Void] = []
    private var nextJob = 0
    private var running = false
    private var generation = 0
    private var closed = false
    /// The scheduling policy the current thread reported when it started.
    private var reportedPolicy: Int32?
    private var policyReported = false

    /// Starts the thread (at normal priority where `SCHED_IDLE` is missing or refused).
    init(name: String) {
        startThread(name: name, generation: 0, idle: true)
    }

    /// Whether ``promote()`` has moved the queue to normal priority (generation 0 is the idle thread).
    var isPromoted: Bool {
        condition.lock()
        defer { condition.unlock() }
        return generation > 0
    }

    /// Jobs queued or running (callers hold the lock).
    private var hasWork: Bool { nextJob < jobs.count || running }

    /// Queues `job` after every job queued before it.
    func async(_ job: @escaping () -> Void) {
        condition.lock()
        precondition(!closed, "job queued on a closed worker")
        jobs.append(job)
        condition.broadcast()
        condition.unlock()
    }

    /// Waits until every job queued so far has run.
    func drain() {
        condition.lock()
        while hasWork { condition.wait() }
        condition.unlock()
    }

    /// Waits at most `timeout` seconds for every queued job to run; true when they have.
    func drain(timeout: TimeInterval) -> Bool {
        let deadline = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        defer { condition.unlock() }
        while hasWork {
            if !condition.wait(until: deadline) { return !hasWork }
        }
        return true
    }

    /// Moves the queue to a new thread at normal priority (once; later calls do nothing). The
    /// idle thread finishes the job it is running, if any, and exits.
    func promote() {
        condition.lock()
        defer { condition.unlock() }
        guard generation == 0, !closed else { return }
        generation += 1
        policyReported = false
        startThread(name: "gradscope.log (promoted)", generation: generation, idle: false)
        condition.broadcast()
    }

    /// Runs what is queued, then ends the thread (which holds the worker until then). No job
    /// may be queued afterwards.
    func close() {
        condition.lock()
        while hasWork { condition.wait() }
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// Lets the thread end once it has run what is queued, without waiting for it (safe to call
    /// from a job, e.g. from the deinit of an object a job held last).
    func closeWhenDone() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// The policy the current thread reported when it started (`SCHED_IDLE` is 5 on Linux; nil
    /// elsewhere); waits for the thread to start.
    var schedulingPolicy: Int32? {
        condition.lock()
        defer { condition.unlock() }
        while !policyReported { condition.wait() }
        return reportedPolicy
    }

    private func startThread(name: String, generation: Int, idle: Bool) {
        let thread = Thread { [self] in
            let policy = idle ? Self.enterIdlePriority() : Self.currentPolicy()
            self.condition.lock()
            if self.generation == generation {
                self.reportedPolicy = policy
                self.policyReported = true
                self.condition.broadcast()
            }
            self.condition.unlock()
            self.serve(generation: generation)
        }
        thread.name = name
        thread.start()
    }

    /// Takes jobs in order while this thread's generation holds the queue. Jobs are released
    /// outside the lock: releasing one may run a deinit that calls back into the worker.
    private func serve(generation mine: Int) {
        condition.lock()
        while true {
            while generation == mine && (running || (nextJob == jobs.count && !closed)) { condition.wait() }
            if generation != mine || nextJob == jobs.count { break }  // promoted away, or closed and empty
            var job: (() -> Void)? = jobs[nextJob]
            nextJob += 1
            running = true
            var finished: [() -> Void] = []
            if nextJob == jobs.count {  // the queue is empty: drop the jobs that have run
                swap(&finished, &jobs)
                nextJob = 0
            }
            condition.unlock()
            finished.removeAll()
            job?()
            job = nil
            condition.lock()
            running = false
            condition.broadcast()
        }
        condition.unlock()
    }

    /// Switches the calling thread to `SCHED_IDLE` and returns the policy the kernel reports.
    private static func enterIdlePriority() -> Int32? {
        #if os(Linux)
        var parameters = sched_param()
        parameters.sched_priority = 0
        _ = pthread_setschedparam(pthread_self(), schedIdle, &parameters)
        #endif
        return currentPolicy()
    }

    private static func currentPolicy() -> Int32? {
        #if os(Linux)
        var policy: Int32 = 0
        var parameters = sched_param()
        return pthread_getschedparam(pthread_self(), &policy, &parameters) == 0 ? policy : nil
        #else
        return nil
        #endif
    }

    /// Linux's `SCHED_IDLE` (`<sched.h>`, defined only under `_GNU_SOURCE`, which Swift's Glibc
    /// module does not set).
    static let schedIdle: Int32 = 5
}
