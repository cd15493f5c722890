/// A mergeable histogram with exponentially growing buckets, as in OpenTelemetry's
/// exponential histogram and Prometheus native histograms.
///
/// At scale `s` the base is `b = 2^(2^−s)` and bucket `i` holds the magnitudes in
/// `(b^i, b^(i+1)]`: upper-inclusive, so an exact power of the base falls in the lower
/// bucket. Any value reported as a bucket's geometric midpoint is within a relative error of
/// `√b − 1`, and any value in a bucket is within `b − 1 = 2^(2^−s) − 1` of either edge
/// (`s = 3`: `b ≈ 1.0905`, ≤ 9.05 % across a bucket, ≤ 4.4 % to its midpoint, ~26.6 buckets
/// per decade). Positive values go to `positive`, negative ones to `negative` indexed by
/// `|x|`; `|x| ≤ zeroThreshold` counts as zero; NaN and ±∞ have counters of their own.
/// `sum`, `sumOfSquares`, `min` and `max` cover the finite values only.
///
/// Two histograms of the same scale merge exactly (bucket counts add); at different scales
/// the finer one is first downscaled, bucket `i` becoming `i >> k`.
public struct ExponentialHistogram: Sendable {
    public private(set) var scale: Int
    public internal(set) var zeroThreshold: Double
    /// Buckets for `x > zeroThreshold`.
    public internal(set) var positive: BucketCounts
    /// Buckets for `x < −zeroThreshold`, indexed by `|x|`.
    public internal(set) var negative: BucketCounts
    /// Values with `|x| ≤ zeroThreshold`.
    public internal(set) var zeroCount: UInt64
    public internal(set) var nanCount: UInt64
    public internal(set) var positiveInfinityCount: UInt64
    public internal(set) var negativeInfinityCount: UInt64
    /// Sum of the finite values.
    public internal(set) var sum: Double
    /// Sum of the squares of the finite values.
    public internal(set) var sumOfSquares: Double
    /// Smallest finite value (`+∞` when there is none).
    public internal(set) var min: Double
    /// Largest finite value (`−∞` when there is none).
    public internal(set) var max: Double

    /// The exact bucket map of this scale (its tables are built on first use).
    var mapping: BucketMapping { BucketMapping.forScale(scale) }

    /// An empty histogram. A scale outside `supportedScales` is clamped into it; a negative
    /// or NaN zero threshold is taken as 0.
    public init(scale: Int = 3, zeroThreshold: Double = 0) {
        self.init(scale: scale, zeroThreshold: zeroThreshold, positive: BucketCounts(), negative: BucketCounts(),
                  zeroCount: 0, nanCount: 0, positiveInfinityCount: 0, negativeInfinityCount: 0,
                  sum: 0, sumOfSquares: 0, min: .infinity, max: -.infinity)
    }

    /// Restores a histogram from its stored parts (scale clamped and threshold sanitized as in
    /// `init(scale:zeroThreshold:)`).
    public init(scale: Int, zeroThreshold: Double, positive: BucketCounts, negative: BucketCounts,
                zeroCount: UInt64, nanCount: UInt64, positiveInfinityCount: UInt64, negativeInfinityCount: UInt64,
                sum: Double, sumOfSquares: Double, min: Double, max: Double) {
        let clamped = Swift.min(Swift.max(scale, Self.supportedScales.lowerBound), Self.supportedScales.upperBound)
        self.scale = clamped
        self.zeroThreshold = zeroThreshold >= 0 ? zeroThreshold : 0
        self.positive = positive
        self.negative = negative
        self.zeroCount = zeroCount
        self.nanCount = nanCount
        self.positiveInfinityCount = positiveInfinityCount
        self.negativeInfinityCount = negativeInfinityCount
        self.sum = sum
        self.sumOfSquares = sumOfSquares
        self.min = min
        self.max = max
    }

    /// Scales this type accepts: −10 (base 2^1024) … 20 (base 2^(2^−20), ~0.7 ppm per bucket).
    public static let supportedScales = BucketMapping.supportedScales

    /// Every recorded value, NaN and ±∞ included.
    public var count: UInt64 {
        positive.total &+ negative.total &+ zeroCount &+ nanCount &+ positiveInfinityCount &+ negativeInfinityCount
    }

    /// Number of finite values (those that `sum`, `min`, `max` cover).
    public var finiteCount: UInt64 { positive.total &+ negative.total &+ zeroCount }

    /// Mean of the finite values (nil when there is none).
    public var mean: Double? { finiteCount == 0 ? nil : sum / Double(finiteCount) }

    /// Population variance of the finite values, `E[x²] − E[x]²` clamped at 0 (nil when empty).
    public var variance: Double? {
        guard let mean else { return nil }
        return Swift.max(0, sumOfSquares / Double(finiteCount) - mean * mean)
    }

    /// Base of the buckets, `2^(2^−scale)`.
    public var base: Double { Self.base(scale: scale) }

    /// `2^(2^−scale)`.
    public static func base(scale: Int) -> Double {
        if scale <= 0 { return Double(sign: .plus, exponent: 1 << Swift.min(-scale, 62), significand: 1) }
        var b = 2.0
        for _ in 0 ..< scale { b = b.squareRoot() }
        return b
    }

    /// Largest relative distance between two values of one bucket, `2^(2^−scale) − 1`.
    public static func relativeError(scale: Int) -> Double { base(scale: scale) - 1 }
}

extension ExponentialHistogram: Equatable {
    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.scale == rhs.scale && lhs.zeroThreshold == rhs.zeroThreshold
            && lhs.positive == rhs.positive && lhs.negative == rhs.negative
            && lhs.zeroCount == rhs.zeroCount && lhs.nanCount == rhs.nanCount
            && lhs.positiveInfinityCount == rhs.positiveInfinityCount
            && lhs.negativeInfinityCount == rhs.negativeInfinityCount
            && lhs.sum == rhs.sum && lhs.sumOfSquares == rhs.sumOfSquares
            && lhs.min == rhs.min && lhs.max == rhs.max
    }
}
