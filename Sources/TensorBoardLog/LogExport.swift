import Foundation
import Histograms

/// Export of a logdir's values as lines of text (for `gradscope export`).
///
/// JSONL, one object per line:
/// - scalars: `{"run","tag","step","wall_time","kind":"scalar","value"}`;
/// - histograms: `{"run","tag","step","wall_time","kind":"histogram","edges","counts",
///   "zero_count","nan_count","pos_inf_count","neg_inf_count","non_finite_count","count","sum","sum_squares",
///   "min","max"}`, plus `"scale"` and `"zero_threshold"` for gradscope's exponential
///   histograms. `edges`/`counts` are `HistogramValue.buckets` (k+1 edges, k counts): for a
///   legacy `HistogramProto` the first edge is `min(min, bucket_limit[0])` (`bucket_limit[0]`
///   when `min` is NaN or infinite) and the others are
///   `bucket_limit`; for exponential histograms the counts include the zero bucket and
///   exclude NaN/±Inf. Values a format does not carry are `null` (foreign histograms have no
///   zero/NaN/Inf counters; TF2 tensors have no sum, min or max). `non_finite_count` is NaN
///   plus ±Inf: ours from the counters, a `HistogramProto`'s `num − Σ counts` (PyTorch
///   drops them from the buckets but counts them in `num`), `null` for TF2 tensors.
///
/// CSV (scalars only): header `run,tag,step,wall_time,value`.
///
/// Numbers are written exactly (shortest round-trip text); NaN and ±Inf are `null` in JSON
/// and `nan`/`inf`/`-inf` in CSV.
public enum LogExport {
    /// Output formats.
    public enum Format: String, Sendable, CaseIterable {
        case jsonl
        case csv
    }

    /// The CSV header line.
    public static let csvHeader = "run,tag,step,wall_time,value"

    /// Streams every value of the runs under `logdir` (optionally only run `run` and tag
    /// `tag`) to `sink`, one line at a time without newline, runs in name order, values in
    /// file order. Returns the reading warnings. Throws if the logdir has no event files,
    /// if `run` names no run, or whatever `sink` throws.
    @discardableResult
    public static func export(logdir: String, format: Format, run: String? = nil, tag: String? = nil,
                              to sink: (String) throws -> Void) throws -> [LogWarning] {
        var runs = try RunLocation.discover(in: logdir)
        if let run {
            let all = runs
            runs = runs.filter { $0.name == run }
            guard !runs.isEmpty else { throw TensorBoardLogError.unknownRun(run, known: all.map(\.name)) }
        }
        if format == .csv { try sink(csvHeader) }
        var warnings: [LogWarning] = []
        for location in runs {
            let reader = EventReader(run: location, filter: filter(format: format, tag: tag))
            while let event = reader.next() {
                for value in event.values {
                    let line: String? = switch format {
                    case .jsonl: jsonLine(run: location.name, step: event.step, wallTime: event.wallTime, value: value)
                    case .csv: csvLine(run: location.name, step: event.step, wallTime: event.wallTime, value: value)
                    }
                    if let line { try sink(line) }
                }
            }
            warnings += reader.warnings
        }
        return warnings
    }

    /// What an export of `format` reads: scalars (and histograms for JSONL), only `tag` if given.
    static func filter(format: Format, tag: String?) -> ReadFilter {
        let tags: TagSelection = tag.map { .named($0) } ?? .all
        return ReadFilter(scalars: tags, histograms: format == .jsonl ? tags : .none)
    }

    /// The JSONL line of one value.
    public static func jsonLine(run: String, step: Int64, wallTime: Double, value: LogValue) -> String {
        var fields = [
            ("run", JSONText.string(run)),
            ("tag", JSONText.string(value.tag)),
            ("step", String(step)),
            ("wall_time", JSONText.number(wallTime)),
        ]
        switch value.content {
        case .scalar(let x):
            fields += [("kind", JSONText.string("scalar")), ("value", JSONText.number(x))]
        case .histogram(let histogram):
            fields.append(("kind", JSONText.string("histogram")))
            fields += histogramFields(histogram)
        }
        return "{" + fields.map { "\(JSONText.string($0.0)):\($0.1)" }.joined(separator: ",") + "}"
    }

    private static func histogramFields(_ value: HistogramValue) -> [(String, String)] {
        let buckets = value.buckets
        switch value {
        case .exponential(let h):
            let finite = h.positive.total + h.negative.total + h.zeroCount
            return [
                ("edges", JSONText.array(buckets.edges)),
                ("counts", JSONText.array(buckets.counts.map { UInt64($0) })),
                ("zero_count", String(h.zeroCount)),
                ("nan_count", String(h.nanCount)),
                ("pos_inf_count", String(h.positiveInfinityCount)),
                ("neg_inf_count", String(h.negativeInfinityCount)),
                ("non_finite_count", String(h.nanCount + h.positiveInfinityCount + h.negativeInfinityCount)),
                ("count", String(h.count)),
                ("sum", JSONText.number(h.sum)),
                ("sum_squares", JSONText.number(h.sumOfSquares)),
                ("min", finite > 0 ? JSONText.number(h.min) : "null"),
                ("max", finite > 0 ? JSONText.number(h.max) : "null"),
                ("scale", String(h.scale)),
                ("zero_threshold", JSONText.number(h.zeroThreshold)),
            ]
        case .bucketed(let h):
            let statistics = h.statistics
            return [
                ("edges", JSONText.array(buckets.edges)),
                ("counts", JSONText.array(buckets.counts)),
                ("zero_count", "null"),
                ("nan_count", "null"),
                ("pos_inf_count", "null"),
                ("neg_inf_count", "null"),
                ("non_finite_count", JSONText.number(h.nonFiniteCount)),
                ("count", JSONText.number(h.totalCount)),
                ("sum", JSONText.number(statistics?.sum)),
                ("sum_squares", JSONText.number(statistics?.sumOfSquares)),
                ("min", JSONText.number(statistics?.min)),
                ("max", JSONText.number(statistics?.max)),
            ]
        }
    }

    /// The CSV line of a scalar value; nil for histograms.
    public static func csvLine(run: String, step: Int64, wallTime: Double, value: LogValue) -> String? {
        guard case .scalar(let x) = value.content else { return nil }
        return [csvField(run), csvField(value.tag), String(step), "\(wallTime)", "\(x)"].joined(separator: ",")
    }

    /// A CSV field, quoted (with doubled quotes) when it holds a comma, quote or line break.
    static func csvField(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// Buffers lines and writes them to a `FileHandle` in large blocks (a sink for
/// `LogExport.export`).
public final class LineSink {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private let blockSize: Int

    public init(handle: FileHandle, blockSize: Int = 1 << 16) {
        self.handle = handle
        self.blockSize = blockSize
    }

    deinit { try? flush() }

    /// Queues `line` and a newline; writes when the buffer is full.
    public func write(_ line: String) throws {
        buffer.append(contentsOf: line.utf8)
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= blockSize { try flush() }
    }

    /// Writes what is queued.
    public func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
