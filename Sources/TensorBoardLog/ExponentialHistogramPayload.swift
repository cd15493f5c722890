import Foundation
import Histograms
import SwiftProtobuf

/// The lossless copy of an `ExponentialHistogram` that gradscope stores next to the
/// displayable `HistogramProto`: a serialized `gradscope.ExponentialHistogramProto`
/// (Protos/gradscope/exponential_histogram.proto) in the value's
/// `SummaryMetadata.plugin_data.content`, under the plugin name `pluginName`.
public enum ExponentialHistogramPayload {
    /// Plugin name marking a value whose plugin content is this payload.
    public static let pluginName = "gradscope.exponential_histogram"
    /// Payload format version written by this code.
    public static let version: UInt32 = 1
    /// Scales accepted when reading (those `Histograms` supports).
    public static var readableScales: ClosedRange<Int> { ExponentialHistogram.supportedScales }
    /// Bucket offsets accepted when reading.
    static let readableOffsets: ClosedRange<Int64> = -(1 << 40)...(1 << 40)

    /// Why a payload could not be read.
    public enum DecodingError: Error, Sendable, Equatable, CustomStringConvertible {
        case malformed(String)
        case unsupportedVersion(UInt32)
        case outOfRange(String)

        public var description: String {
            switch self {
            case .malformed(let reason): "malformed exponential histogram payload: \(reason)"
            case .unsupportedVersion(let v): "exponential histogram payload version \(v) is not supported"
            case .outOfRange(let what): "exponential histogram payload: \(what) out of range"
            }
        }
    }

    /// Serializes every field of `histogram`.
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
        proto.sum = histogram.sum
        proto.sumOfSquares = histogram.sumOfSquares
        proto.min = histogram.min
        proto.max = histogram.max
        // Serializing a fully built proto3 message without required fields cannot fail.
        return (try? proto.serializedData()) ?? Data()
    }

    /// Reads a payload written by `encode(_:)`.
    public static func decode(_ data: Data) throws -> ExponentialHistogram {
        let proto: Gradscope_ExponentialHistogramProto
        do {
            proto = try Gradscope_ExponentialHistogramProto(serializedBytes: data)
        } catch {
            throw DecodingError.malformed("\(error)")
        }
        guard proto.version == version else { throw DecodingError.unsupportedVersion(proto.version) }
        guard readableScales.contains(Int(clamping: proto.scale)) else { throw DecodingError.outOfRange("scale") }
        guard readableOffsets.contains(proto.positive.offset), readableOffsets.contains(proto.negative.offset) else {
            throw DecodingError.outOfRange("bucket offset")
        }
        return ExponentialHistogram(
            scale: Int(proto.scale), zeroThreshold: proto.zeroThreshold,
            positive: BucketCounts(offset: Int(proto.positive.offset), counts: proto.positive.counts),
            negative: BucketCounts(offset: Int(proto.negative.offset), counts: proto.negative.counts),
            zeroCount: proto.zeroCount, nanCount: proto.nanCount,
            positiveInfinityCount: proto.positiveInfinityCount,
            negativeInfinityCount: proto.negativeInfinityCount,
            sum: proto.sum, sumOfSquares: proto.sumOfSquares, min: proto.min, max: proto.max)
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
