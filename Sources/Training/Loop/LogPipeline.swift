import Dispatch
import Foundation
import Histograms

/// The trainer's logging path. The training thread only computes |g| into one of two
/// preallocated buffers (plus Σg² and the count below 1e-8, in the same pass); recording the
/// per-tensor histograms, merging them into `grad/abs_all`, and every sink call (encoding,
/// CRCs, file writes) run in order on one serial background thread at idle priority
/// (``IdlePriorityWorker``), overlapping the next step where a core has time.
/// The two |g| buffers alternate; step t waits only if the job of step t − 2 still holds its
/// buffer. A wait longer than ``starvationTimeout`` means other processes leave the idle thread
/// no time: the queue then moves to a thread at normal priority for the rest of the run.
/// All sink calls happen on the worker, so sinks need not be thread-safe.
final class LogPipeline: @unchecked Sendable {
    // @unchecked: `sink` and `buffers` contents are touched by the queue only while the
    // buffer's semaphore is held by that job; `firstError`/`medians` only under `lock`.
    private let sink: TrainingLogSink
    private let worker: IdlePriorityWorker
    /// Seconds the training thread waits for the idle-priority logging thread before moving the
    /// queue to normal priority (a step's logging takes a few milliseconds).
    static let starvationTimeout: TimeInterval = 0.1
    private let buffers: [Buffer<Float>]
    private let free: [DispatchSemaphore]
    private let lock = NSLock()
    private var firstError: (any Error)?
    private var medians: [Int: Double] = [:]
    private let tensors: [(tag: String, offset: Int, count: Int)]
    private let scale: Int
    private let keepMedianSteps: Set<Int>

    /// `tensors` are the logged ones (a subset, at their offsets in the flat buffer of
    /// `parameterCount` values that ``absoluteGradients`` fills).
    init(sink: TrainingLogSink, tensors: [ParameterStore<Float>.Tensor], parameterCount: Int, scale: Int,
         keepMedianSteps: Set<Int>) {
        self.sink = sink
        worker = IdlePriorityWorker(name: "gradscope.log")
        self.tensors = tensors.map { ("grad/" + $0.name, $0.offset, $0.count) }
        precondition(tensors.allSatisfy { $0.offset >= 0 && $0.offset + $0.count <= parameterCount })
        buffers = [Buffer(count: parameterCount), Buffer(count: parameterCount)]
        free = [DispatchSemaphore(value: 1), DispatchSemaphore(value: 1)]
        self.scale = scale
        self.keepMedianSteps = keepMedianSteps
    }

    /// A run that ended early (an error) never called ``finish()``: end the thread after its
    /// jobs (without waiting: this may run on that thread, when a job held the last reference).
    deinit { worker.closeWhenDone() }

    /// Computes |g| of the flat gradient buffer into the buffer of `step` (waiting for it to be
    /// free) and returns the scalars; the histograms are recorded later by ``submit``.
    func absoluteGradients(_ g: UnsafePointer<Float>, count: Int, step: Int) -> (sumSquares: Double, below: Int) {
        let k = step & 1
        if free[k].wait(timeout: .now() + Self.starvationTimeout) == .timedOut {
            worker.promote()
            free[k].wait()
        }
        let r = GradientMonitor.absoluteValuesChunked(g, into: buffers[k].base, count: count)
        return r
    }

    /// Queues the step's scalars, (if `histograms`) the gradient histograms from the buffer
    /// filled by ``absoluteGradients``, extra histograms, and a flush.
    func submit(step: Int, scalars: [(String, Double)], histograms: Bool,
                extra: [(String, ExponentialHistogram)] = []) {
        let k = step & 1
        worker.async {
            for (tag, value) in scalars { self.sink.scalar(tag, step: step, value: value) }
            if histograms {
                let base = self.buffers[k].base
                var all = ExponentialHistogram(scale: self.scale)
                for t in self.tensors {
                    var h = ExponentialHistogram(scale: self.scale)
                    h.record(contentsOf: UnsafeBufferPointer(start: base + t.offset, count: t.count))
                    all.merge(h)
                    self.sink.histogram(t.tag, step: step, h)
                }
                self.sink.histogram("grad/abs_all", step: step, all)
                if let m = all.magnitudes.quantile(0.5), m > 0 {
                    let value = log10(m)
                    self.sink.scalar("grad/median_log10", step: step, value: value)
                    if self.keepMedianSteps.contains(step) { self.withLock { self.medians[step] = value } }
                }
            }
            self.free[k].signal()
            for (tag, h) in extra { self.sink.histogram(tag, step: step, h) }
            do { try self.sink.flush() } catch { self.record(error) }
        }
    }

    /// Queues scalars only (used when a step ends early, e.g. on a NaN loss).
    func submit(step: Int, scalars: [(String, Double)]) {
        worker.async {
            for (tag, value) in scalars { self.sink.scalar(tag, step: step, value: value) }
        }
    }

    /// Rethrows the first error a background sink call raised.
    func checkError() throws {
        if let error = withLock({ firstError }) { throw error }
    }

    /// Waits for the queue to drain, finishes the sink, ends the worker, rethrows the first error.
    func finish() throws {
        worker.async {
            do { try self.sink.finish() } catch { self.record(error) }
        }
        if !worker.drain(timeout: Self.starvationTimeout) { worker.promote() }
        worker.close()
        try checkError()
    }

    /// Whether the queue moved to normal priority (see ``starvationTimeout``).
    var loggingPromoted: Bool { worker.isPromoted }

    /// The scheduling policy of the logging thread (Linux: `SCHED_IDLE` = 5 unless promoted).
    var loggingPolicy: Int32? { worker.schedulingPolicy }

    /// log₁₀ median |g| recorded at `step` (only for `keepMedianSteps`; call after ``finish()``).
    func medianLog10(at step: Int) -> Double? { withLock { medians[step] } }

    private func record(_ error: any Error) { withLock { if firstError == nil { firstError = error } } }

    private func withLock<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }
}
