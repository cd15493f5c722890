import Foundation
import Histograms
import SwiftProtobuf

/// Writes one run's event file, readable by TensorBoard.
///
/// The file is named like TensorBoard's own writer names it,
/// `events.out.tfevents.{int(time)}.{hostname}.{pid}.{counter}` (counter per process), and
/// starts with an `Event` carrying `file_version = "brain.Event:2"`.
///
/// - Scalars are written as `simple_value` (float32), like PyTorch's `SummaryWriter`.
/// - Exponential histograms (payload version 2, FORMAT.md): a step's histograms share one
///   `Event`. Each value holds a `HistogramProto` that TensorBoard's dashboards show,
///   downscaled to at most `displayBucketLimit` buckets but with the exact statistics,
///   plus the lossless `ExponentialHistogramPayload` at the full recorded scale in the
///   value's plugin data. The plugin name "gradscope.exponential_histogram" is written on a
///   tag's first value in the file only.
///
/// Records are buffered in memory and written by `flush()` in one `write` call; call it
/// once per training step. A step's histogram event is framed when the step changes, when
/// a bucketed histogram is added, or on `flush()`.
public final class EventFileWriter {
    /// Path of the event file.
    public let path: String
    private let handle: FileHandle
    private var pending: [UInt8] = []
    private var closed = false
    /// The current step's histogram values, collected in a plain array and put into one event
    /// when framed (appending through `event.summary.value` copied the whole array each time:
    /// the message accessor hands out a copy that shares the buffer).
    private var histogramValues: [Tensorboard_Summary.Value] = []
    private var histogramStep: Int64?
    private var histogramWallTime = 0.0
    /// Tags whose plugin name this file already carries.
    private var namedTags: Set<String> = []

    /// The most buckets a display `HistogramProto` gets (see FORMAT.md).
    public static let displayBucketLimit = 8

    /// The `file_version` of the first event.
    public static let fileVersion = "brain.Event:2"

    /// Creates `logdir` if needed and a new event file in it, then writes and flushes the
    /// file-version event. Throws `TensorBoardLogError.writeFailed` on I/O errors.
    public init(logdir: String, filenameSuffix: String = "") throws {
        let now = Date().timeIntervalSince1970
        let name = String(format: "events.out.tfevents.%010d.%@.%d.%d", Int(now),
                          ProcessInfo.processInfo.hostName, Int(ProcessInfo.processInfo.processIdentifier),
                          FileCounter.shared.next()) + filenameSuffix
        path = (logdir as NSString).appendingPathComponent(name)
        do {
            try FileManager.default.createDirectory(atPath: logdir, withIntermediateDirectories: true)
        } catch {
            throw TensorBoardLogError.writeFailed(path: logdir, reason: "\(error)")
        }
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path) else {
            throw TensorBoardLogError.writeFailed(path: path, reason: "cannot create file")
        }
        self.handle = handle
        var event = Tensorboard_Event()
        event.wallTime = now
        event.fileVersion = Self.fileVersion
        event.sourceMetadata.writer = "gradscope"
        append(event)
        try flush()
    }

    deinit { try? close() }

    /// Queues a scalar (stored as float32 `simple_value`).
    public func addScalar(_ tag: String, _ value: Double, step: Int64, wallTime: Double? = nil) {
        var summaryValue = Tensorboard_Summary.Value()
        summaryValue.tag = tag
        summaryValue.simpleValue = Float(value)
        append(summaryValue, step: step, wallTime: wallTime)
    }

    /// Queues an exponential histogram into its step's event: the display proto plus the
    /// lossless payload (plugin name on the tag's first value in this file).
    public func addHistogram(_ tag: String, _ histogram: ExponentialHistogram, step: Int64, wallTime: Double? = nil) {
        var summaryValue = Tensorboard_Summary.Value()
        summaryValue.tag = tag
        summaryValue.histo = Tensorboard_HistogramProto(displaying: histogram, maxBuckets: Self.displayBucketLimit)
        if namedTags.insert(tag).inserted {
            summaryValue.metadata.pluginData.pluginName = ExponentialHistogramPayload.pluginName
        }
        summaryValue.metadata.pluginData.content = ExponentialHistogramPayload.encode(histogram)
        if let current = histogramStep, current != step { frameHistogramEvent() }
        if histogramStep == nil {
            histogramStep = step
            histogramWallTime = wallTime ?? Date().timeIntervalSince1970
        }
        histogramValues.append(summaryValue)
    }

    /// Queues a bucketed histogram as a legacy `HistogramProto` (`bucket_limit` = right
    /// edges). Without statistics, `num` is the sum of counts and min/max the outer edges.
    public func addHistogram(_ tag: String, _ histogram: ForeignHistogram, step: Int64, wallTime: Double? = nil) {
        var proto = Tensorboard_HistogramProto()
        let statistics = histogram.statistics ?? ForeignHistogram.Statistics(
            min: histogram.leftEdges.first ?? 0, max: histogram.rightEdges.last ?? 0,
            num: histogram.counts.reduce(0, +), sum: 0, sumOfSquares: 0)
        proto.min = statistics.min
        proto.max = statistics.max
        proto.num = statistics.num
        proto.sum = statistics.sum
        proto.sumSquares = statistics.sumOfSquares
        proto.bucketLimit = histogram.rightEdges
        proto.bucket = histogram.counts
        var summaryValue = Tensorboard_Summary.Value()
        summaryValue.tag = tag
        summaryValue.histo = proto
        frameHistogramEvent()
        append(summaryValue, step: step, wallTime: wallTime)
    }

    /// Queues a run's configuration as TensorBoard's hparams plugin records it, in the three
    /// events (experiment, session start, session end) at step 0 that PyTorch's
    /// `SummaryWriter.add_hparams` writes, so TensorBoard's HPARAMS tab lists the run.
    /// `metrics` are scalar tags for the tab's metric columns.
    public func addConfiguration(_ configuration: RunConfiguration, metrics: [String] = [], wallTime: Double? = nil) {
        let time = wallTime ?? Date().timeIntervalSince1970
        // Serializing proto3 messages without required fields cannot fail.
        guard let values = try? HParamsSummary.values(configuration, metrics: metrics, startTime: time) else { return }
        for value in values { append(value, step: 0, wallTime: time) }
    }

    /// Writes the queued records in one call.
    public func flush() throws {
        frameHistogramEvent()
        guard !pending.isEmpty else { return }
        do {
            try handle.write(contentsOf: pending)
        } catch {
            throw TensorBoardLogError.writeFailed(path: path, reason: "\(error)")
        }
        pending.removeAll(keepingCapacity: true)
    }

    /// Flushes and closes the file; later calls do nothing.
    public func close() throws {
        guard !closed else { return }
        closed = true
        defer { try? handle.close() }
        try flush()
    }

    /// Frames the current step's histogram event, if any.
    private func frameHistogramEvent() {
        guard let step = histogramStep else { return }
        var event = Tensorboard_Event()
        event.wallTime = histogramWallTime
        event.step = step
        event.summary.value = histogramValues
        histogramValues = []
        histogramStep = nil
        append(event)
    }

    private func append(_ value: Tensorboard_Summary.Value, step: Int64, wallTime: Double?) {
        var event = Tensorboard_Event()
        event.wallTime = wallTime ?? Date().timeIntervalSince1970
        event.step = step
        event.summary.value = [value]
        append(event)
    }

    private func append(_ event: Tensorboard_Event) {
        // Serializing a proto3 message without required fields cannot fail.
        guard let bytes: [UInt8] = try? event.serializedBytes() else { return }
        TFRecordFraming.append(record: bytes, to: &pending)
    }
}

extension Tensorboard_HistogramProto {
    /// The displayable form of an exponential histogram h (FORMAT.md, version 2): the
    /// buckets of `SignedBuckets(h.downscaled(by: k))` for the smallest k ≥ 0 that gives
    /// at most `maxBuckets` buckets (bridges and the zero bucket counted), or for the
    /// coarsest scale; finite values only. `num` is the number of finite values and
    /// `sum`, `sum_squares`, `min`, `max` are h's own (exact) statistics, min/max 0 when no
    /// value is finite.
    init(displaying histogram: ExponentialHistogram, maxBuckets: Int) {
        self.init()
        let buckets = Self.displayBuckets(histogram, maxBuckets: maxBuckets)
        let finiteCount = histogram.finiteCount
        num = Double(finiteCount)
        min = finiteCount > 0 ? histogram.min : 0
        max = finiteCount > 0 ? histogram.max : 0
        sum = histogram.sum
        sumSquares = histogram.sumOfSquares
        bucketLimit = Array(buckets.edges.dropFirst())
        bucket = buckets.counts
    }

    /// `SignedBuckets` of the least downscaled copy with at most `limit` buckets. Each
    /// sign's span at k steps coarser is `(last >> k) − (first >> k) + 1`, so k starts where
    /// the spans and the zero bucket alone fit; bridges may then need one step more.
    private static func displayBuckets(_ histogram: ExponentialHistogram, maxBuckets limit: Int) -> SignedBuckets {
        let spans = [histogram.positive.nonZeroSpan, histogram.negative.nonZeroSpan].compactMap { $0 }
        let zeroBuckets = histogram.zeroCount > 0 ? 1 : 0
        func pieces(_ k: Int) -> Int {
            spans.reduce(zeroBuckets) { $0 + ($1.upperBound >> k) - ($1.lowerBound >> k) + 1 }
        }
        let coarsest = histogram.scale - ExponentialHistogram.supportedScales.lowerBound
        var k = 0
        while k < coarsest && pieces(k) > limit { k += 1 }
        while true {
            let buckets = SignedBuckets(histogram.downscaled(by: k))
            if buckets.counts.count <= limit || k >= coarsest { return buckets }
            k += 1
        }
    }
}

/// The per-process counter of TensorBoard's file names.
private final class FileCounter: @unchecked Sendable {
    static let shared = FileCounter()
    private var value = 0
    private let lock = NSLock()

    func next() -> Int {
        lock.withLock {
            defer { value += 1 }
            return value
        }
    }
}
