import Foundation
import Histograms
import SwiftProtobuf

/// The lossless copy of an `ExponentialHistogram` that gradscope stores next to the
/// displayable `HistogramProto`: a serialized `gradscope.ExponentialHistogramProto`
/// (Protos/gradscope/exponential_histogram.proto) in the value's
/// `SummaryMetadata.plugin_data.content`, under the plugin name `pluginName` on a tag's
/// first value in a file and an empty name after it. Together with the display proto's
/// statistics it restores the histogram exactly.
public enum ExponentialHistogramPayload {
    /// Plugin name marking a value whose plugin content is this payload.
    public static let pluginName = "gradscope.exponential_histogram"
    /// Payload format version written by this code: 2, without the statistics, which
    /// the display `HistogramProto` carries exactly (see FORMAT.md).
    public static let version: UInt32 = 2
    /// Payload versions this code reads: 1 (statistics in the payload) and 2.
    public static let readableVersions: ClosedRange<UInt32> = 1 ... 2

    /// Why a payload could not be read.
    public enum DecodingError: Error, Sendable, Equatable, CustomStringConvertible {
        case malformed(String)
        case unsupportedVersion(UInt32)
        case outOfRange(String)

        public var description: String {
            switch self {
            case .malformed(let reason): "malformed exponential histogram payload: \(reason)"
            case .unsupportedVersion(let v): "exponential histogram payload version \(v) is not supported"
            case .outOfRange(let what): "exponential histogram payload: \(what)"
            }
        }
    }

    /// Serializes `histogram` as version 2: every field but the statistics (fields 10–13),
    /// which go into the display proto (`Tensorboard_HistogramProto(displaying:)`).
    public static func encode(_ histogram: ExponentialHistogram) -> Data {
        var proto = Gradscope_ExponentialHistogramProto()
        proto.version = version
        proto.scale = Int64(histogram.scale)
        proto.zeroThreshold = histogram.zeroThreshold
        proto.positive = bucketCountsProto(histogram.positive)
        proto.negative = bucketCountsProto(histogram.negative)
        proto.zeroCount = histogram.zeroCount
        proto.nanCount = histogram.nanCount
        proto.positiveInfinityCount = histogram.positiveInfinityCount
        proto.negativeInfinityCount = histogram.negativeInfinityCount
        // Serializing a fully built proto3 message without required fields cannot fail.
        return (try? proto.serializedData()) ?? Data()
    }

    /// Reads a payload of either version. Version 1 carries its statistics; version 2
    /// takes `sum`, `sum_squares`, `min` and `max` from `display`, the value's `histo`.
    /// Every field is checked (`ExponentialHistogram.init(checkedScale:…)`) before it
    /// sizes anything.
    static func decode(_ data: Data, display: Tensorboard_HistogramProto) throws(DecodingError) -> ExponentialHistogram {
        let proto: Gradscope_ExponentialHistogramProto
        do {
            proto = try Gradscope_ExponentialHistogramProto(serializedBytes: data)
        } catch {
            throw .malformed("\(error)")
        }
        guard readableVersions.contains(proto.version) else { throw .unsupportedVersion(proto.version) }
        let statistics = proto.version == 1
            ? (sum: proto.sum, sumOfSquares: proto.sumOfSquares, min: proto.min, max: proto.max)
            : (sum: display.sum, sumOfSquares: display.sumSquares, min: display.min, max: display.max)
        guard let scale = Int(exactly: proto.scale), let positiveOffset = Int(exactly: proto.positive.offset),
              let negativeOffset = Int(exactly: proto.negative.offset) else { throw .outOfRange("scale or offset") }
        do {
            return try ExponentialHistogram(
                checkedScale: scale, zeroThreshold: proto.zeroThreshold,
                positive: BucketCounts(offset: positiveOffset, counts: proto.positive.counts),
                negative: BucketCounts(offset: negativeOffset, counts: proto.negative.counts),
                zeroCount: proto.zeroCount, nanCount: proto.nanCount,
                positiveInfinityCount: proto.positiveInfinityCount,
                negativeInfinityCount: proto.negativeInfinityCount,
                sum: statistics.sum, sumOfSquares: statistics.sumOfSquares,
                min: statistics.min, max: statistics.max)
        } catch {
            throw .outOfRange(error.description)
        }
    }

    /// The non-zero span of `buckets` (zero padding is not part of a histogram's value).
    private static func bucketCountsProto(_ buckets: BucketCounts) -> Gradscope_BucketCountsProto {
        let buckets = buckets.trimmed()
        var proto = Gradscope_BucketCountsProto()
        proto.offset = Int64(buckets.offset)
        proto.counts = buckets.counts
        return proto
    }
}
