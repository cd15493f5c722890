/// Why a stored histogram could not be restored.
public enum HistogramError: Error, Equatable, CustomStringConvertible {
    case unsupportedScale(Int)
    case invalidZeroThreshold(Double)
    /// Bucket edges and counts that do not describe a histogram (see `MagnitudeHistogram`).
    case invalidBuckets(String)
    /// Counts whose total exceeds `UInt64.max`.
    case countOverflow
    /// NaN statistics, or `min > max`.
    case invalidStatistics(String)

    public var description: String {
        switch self {
        case .unsupportedScale(let scale):
            "histogram scale \(scale) is outside the supported range \(ExponentialHistogram.supportedScales)"
        case .invalidZeroThreshold(let threshold):
            "histogram zero threshold \(threshold) is not a non-negative number"
        case .invalidBuckets(let reason):
            reason
        case .countOverflow:
            "histogram counts overflow 64 bits"
        case .invalidStatistics(let what):
            "histogram statistics are not valid: \(what)"
        }
    }
}

extension ExponentialHistogram: Codable {
    private enum CodingKeys: String, CodingKey {
        case scale, zeroThreshold, positive, negative, zeroCount, nanCount
        case positiveInfinityCount, negativeInfinityCount, sum, sumOfSquares, min, max
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(checkedScale: try c.decode(Int.self, forKey: .scale),
                  zeroThreshold: try c.decode(Double.self, forKey: .zeroThreshold),
                  positive: try c.decode(BucketCounts.self, forKey: .positive),
                  negative: try c.decode(BucketCounts.self, forKey: .negative),
                  zeroCount: try c.decode(UInt64.self, forKey: .zeroCount),
                  nanCount: try c.decode(UInt64.self, forKey: .nanCount),
                  positiveInfinityCount: try c.decode(UInt64.self, forKey: .positiveInfinityCount),
                  negativeInfinityCount: try c.decode(UInt64.self, forKey: .negativeInfinityCount),
                  sum: try c.decode(Double.self, forKey: .sum),
                  sumOfSquares: try c.decode(Double.self, forKey: .sumOfSquares),
                  min: try c.decode(Double.self, forKey: .min),
                  max: try c.decode(Double.self, forKey: .max))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(scale, forKey: .scale)
        try c.encode(zeroThreshold, forKey: .zeroThreshold)
        try c.encode(positive, forKey: .positive)
        try c.encode(negative, forKey: .negative)
        try c.encode(zeroCount, forKey: .zeroCount)
        try c.encode(nanCount, forKey: .nanCount)
        try c.encode(positiveInfinityCount, forKey: .positiveInfinityCount)
        try c.encode(negativeInfinityCount, forKey: .negativeInfinityCount)
        try c.encode(sum, forKey: .sum)
        try c.encode(sumOfSquares, forKey: .sumOfSquares)
        try c.encode(min, forKey: .min)
        try c.encode(max, forKey: .max)
    }
}
