import Foundation

/// A scalar of a tag at one step.
public struct ScalarPoint: Sendable, Equatable {
    public var step: Int64
    public var wallTime: Double
    public var value: Double

    public init(step: Int64, wallTime: Double, value: Double) {
        self.step = step
        self.wallTime = wallTime
        self.value = value
    }
}

/// A histogram of a tag at one step.
public struct HistogramPoint: Sendable, Equatable {
    public var step: Int64
    public var wallTime: Double
    public var histogram: HistogramValue

    public init(step: Int64, wallTime: Double, histogram: HistogramValue) {
        self.step = step
        self.wallTime = wallTime
        self.histogram = histogram
    }
}

/// A whole run in memory, as per-tag series in file order (for the CLI and plots). For
/// bounded memory, iterate an `EventReader` instead.
public struct RunData: Sendable, Equatable {
    /// The run's name relative to its logdir.
    public var name: String
    public var scalars: [String: [ScalarPoint]] = [:]
    public var histograms: [String: [HistogramPoint]] = [:]
    /// The run's configuration (hparams), merged over its events; empty when not recorded.
    public var configuration = RunConfiguration()
    /// Problems met while reading the run's files.
    public var warnings: [LogWarning] = []

    public init(name: String) {
        self.name = name
    }

    /// Reads the values of every event file of `run` that `filter` wants.
    public static func load(_ run: RunLocation, filter: ReadFilter = .everything) -> RunData {
        var data = RunData(name: run.name)
        let reader = EventReader(run: run, filter: filter)
        while let event = reader.next() {
            data.add(event)
        }
        data.warnings = reader.warnings
        return data
    }

    /// Reads every run under `path` (see `RunLocation.discover(in:)`), only the values that
    /// `filter` wants, up to `parallelism` runs at a time; the result is sorted by run name.
    public static func loadAll(in path: String, filter: ReadFilter = .everything,
                               parallelism: Int = ProcessInfo.processInfo.activeProcessorCount) throws -> [RunData] {
        let runs = try RunLocation.discover(in: path)
        let results = ResultSlots<RunData>(count: runs.count)
        let workers = max(1, min(parallelism, runs.count))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for index in stride(from: worker, to: runs.count, by: workers) {
                results[index] = load(runs[index], filter: filter)
            }
        }
        return results.values
    }

    /// Adds the values of one event.
    public mutating func add(_ event: LogEvent) {
        if let recorded = event.configuration {
            configuration.values.merge(recorded.values) { _, new in new }
        }
        for value in event.values {
            switch value.content {
            case .scalar(let x):
                scalars[value.tag, default: []].append(ScalarPoint(step: event.step, wallTime: event.wallTime, value: x))
            case .histogram(let h):
                histograms[value.tag, default: []].append(
                    HistogramPoint(step: event.step, wallTime: event.wallTime, histogram: h))
            }
        }
    }

    /// Scalar tags, sorted.
    public var scalarTags: [String] { scalars.keys.sorted() }
    /// Histogram tags, sorted.
    public var histogramTags: [String] { histograms.keys.sorted() }
}

/// Slots written by concurrent workers, each slot by one worker only.
private final class ResultSlots<Value: Sendable>: @unchecked Sendable {
    private var slots: [Value?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    subscript(index: Int) -> Value? {
        get { lock.withLock { slots[index] } }
        set { lock.withLock { slots[index] = newValue } }
    }

    var values: [Value] { lock.withLock { slots.compactMap { $0 } } }
}
