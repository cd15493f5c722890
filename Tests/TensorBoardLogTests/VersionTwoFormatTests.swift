import Foundation
import Histograms
import Testing
@testable import TensorBoardLog

/// The layout of payload version 2 (FORMAT.md), checked on the records themselves.
@Suite struct VersionTwoFormatTests {
    /// 1.5, 3, 100, −2 and 0 at scale 0 (base 2), zero threshold 0.
    ///
    /// By hand: at scale 0 the buckets are −2 ∈ [−2, −1), 0 in the zero bucket, 1.5 ∈ (1, 2],
    /// 3 ∈ (2, 4], 100 ∈ (64, 128]: 1 + 1 + 7 positive buckets (1…128) and two bridges
    /// (−1…0, 0…1), 11 > 8. At scale −1 (base 4): −2 ∈ [−4, −1), zero, 1.5 and 3 ∈ (1, 4],
    /// 100 ∈ (64, 256]: edges −4, −1, 0, 0, 1, 4, 16, 64, 256, counts 1, 0, 1, 0, 2, 0, 0, 1,
    /// eight buckets. Statistics: num 5, sum 102.5, sum of squares 10015.25, min −2, max 100.
    static let fiveValues: ExponentialHistogram = {
        var histogram = ExponentialHistogram(scale: 0)
        for x in [1.5, 3, 100, -2, 0] { histogram.record(x) }
        return histogram
    }()

    @Test func displayProtoIsTheLeastDownscaledWithAtMostEightBuckets() {
        let proto = Tensorboard_HistogramProto(displaying: Self.fiveValues, maxBuckets: 8)
        #expect(proto.bucketLimit == [-1, 0, 0, 1, 4, 16, 64, 256])
        #expect(proto.bucket == [1, 0, 1, 0, 2, 0, 0, 1])
        #expect(proto.num == 5 && proto.sum == 102.5 && proto.sumSquares == 10015.25)
        #expect(proto.min == -2 && proto.max == 100)
    }

    /// A histogram with only NaN and ±∞ shows no bucket, `num` 0 and min = max = 0.
    @Test func displayProtoOfNonFiniteValuesIsEmpty() {
        var histogram = ExponentialHistogram(scale: 3)
        for x in [Double.nan, .infinity, -.infinity] { histogram.record(x) }
        let proto = Tensorboard_HistogramProto(displaying: histogram, maxBuckets: 8)
        #expect(proto.bucket.isEmpty && proto.bucketLimit.isEmpty)
        #expect(proto.num == 0 && proto.min == 0 && proto.max == 0)
    }

    /// Two tags over two steps: one Event per step holding both, the plugin name on each tag's
    /// first value only, a version-2 payload without statistics on every value.
    @Test func oneEventPerStepAndThePluginNameOnceInAFile() throws {
        let logdir = try TestSupport.temporaryDirectory()
        let writer = try EventFileWriter(logdir: logdir)
        for step in Int64(1)...2 {
            writer.addHistogram("a", Self.fiveValues, step: step)
            writer.addScalar("loss", 1, step: step)
            writer.addHistogram("b", Self.fiveValues, step: step)
        }
        try writer.close()
        let events = try TestSupport.records(of: writer.path).records.map {
            try Tensorboard_Event(serializedBytes: $0.data)
        }
        let histogramEvents = events.filter { (event: Tensorboard_Event) in
            event.summary.value.contains { (value: Tensorboard_Summary.Value) in
                if case .histo = value.value { true } else { false }
            }
        }
        #expect(events.count == 5)
        #expect(histogramEvents.map { (event: Tensorboard_Event) in event.step } == [1, 2])
        let tags = histogramEvents.map { (event: Tensorboard_Event) in event.summary.value.map { $0.tag } }
        let names = histogramEvents.map { (event: Tensorboard_Event) in
            event.summary.value.map { $0.metadata.pluginData.pluginName }
        }
        let ours = ExponentialHistogramPayload.pluginName
        #expect(tags == [["a", "b"], ["a", "b"]])
        #expect(names == [[ours, ours], ["", ""]])
        for value in histogramEvents.flatMap({ (event: Tensorboard_Event) in event.summary.value }) {
            let payload = try Gradscope_ExponentialHistogramProto(serializedBytes: value.metadata.pluginData.content)
            #expect(payload.version == 2 && payload.scale == 0)
            #expect(payload.sum == 0 && payload.sumOfSquares == 0 && payload.min == 0 && payload.max == 0)
            #expect(payload.positive.offset == 0 && payload.positive.counts == [1, 1, 0, 0, 0, 0, 1])
            #expect(payload.negative.offset == 0 && payload.negative.counts == [1] && payload.zeroCount == 1)
        }
        let run = try #require(try RunData.loadAll(in: logdir).first)
        #expect(run.warnings.isEmpty)
        for tag in ["a", "b"] {
            #expect(run.histograms[tag]?.map(\.histogram) == [.exponential(Self.fiveValues), .exponential(Self.fiveValues)])
        }
    }

    /// When a tag's first record is lost, its later values (empty plugin name) still read as
    /// exact histograms.
    @Test func laterValuesReadWithoutTheTagsFirstRecord() throws {
        let logdir = try TestSupport.temporaryDirectory()
        let writer = try EventFileWriter(logdir: logdir)
        writer.addHistogram("a", Self.fiveValues, step: 1)
        writer.addHistogram("a", Self.fiveValues, step: 2)
        try writer.close()
        let records = try TestSupport.records(of: writer.path).records
        #expect(records.count == 3)
        var bytes: [UInt8] = []
        for record in [records[0], records[2]] { TFRecordFraming.append(record: [UInt8](record.data), to: &bytes) }
        let damaged = try TestSupport.writeTemporaryFile(bytes)
        let (events, warnings) = TestSupport.events(of: damaged)
        #expect(warnings.isEmpty)
        let values = events.flatMap(\.values)
        #expect(values.count == 1)
        #expect(values.first?.content == .histogram(.exponential(Self.fiveValues)))
    }
}
