import Histograms
import TensorBoardLog

/// Where the trainer writes its per-step scalars and histograms. The TensorBoard event
/// writer is adapted to this in ``TensorBoardSink``; tests use ``InMemoryLogSink``.
public protocol TrainingLogSink: AnyObject {
    func scalar(_ tag: String, step: Int, value: Double)
    func histogram(_ tag: String, step: Int, _ histogram: ExponentialHistogram)
    /// Records the run's configuration (once, before the first step; default: nothing).
    func configuration(_ configuration: RunConfiguration)
    /// Makes everything logged so far durable (called once per step).
    func flush() throws
    /// Flushes and releases the destination at the end of a run (default: ``flush()``).
    func finish() throws
}

extension TrainingLogSink {
    public func finish() throws { try flush() }
    public func configuration(_ configuration: RunConfiguration) {}
}

/// Keeps everything in memory, for tests and for callers that analyse a run directly.
public final class InMemoryLogSink: TrainingLogSink {
    public private(set) var scalars: [String: [(step: Int, value: Double)]] = [:]
    public private(set) var histograms: [String: [(step: Int, histogram: ExponentialHistogram)]] = [:]
    public private(set) var flushCount = 0
    /// Keep histograms only for these tags (nil: keep all).
    public var histogramTags: Set<String>?

    public init(histogramTags: Set<String>? = nil) { self.histogramTags = histogramTags }

    public func scalar(_ tag: String, step: Int, value: Double) {
        scalars[tag, default: []].append((step, value))
    }

    public func histogram(_ tag: String, step: Int, _ histogram: ExponentialHistogram) {
        if let keep = histogramTags, !keep.contains(tag) { return }
        histograms[tag, default: []].append((step, histogram))
    }

    public func flush() throws { flushCount += 1 }

    /// Values of one scalar tag in step order.
    public func values(_ tag: String) -> [Double] { (scalars[tag] ?? []).map(\.value) }
}

/// Discards everything (for timing the loop without logging).
public final class NullLogSink: TrainingLogSink {
    public init() {}
    public func scalar(_ tag: String, step: Int, value: Double) {}
    public func histogram(_ tag: String, step: Int, _ histogram: ExponentialHistogram) {}
    public func flush() throws {}
}
