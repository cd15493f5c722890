/// One non-empty bucket as a range of signed values.
public struct BucketRange: Sendable, Equatable {
    /// Lower end of the range (exclusive for positive buckets, inclusive for negative ones).
    public var lower: Double
    /// Upper end of the range (inclusive for positive buckets, exclusive for negative ones).
    public var upper: Double
    public var count: UInt64

    public init(lower: Double, upper: Double, count: UInt64) {
        self.lower = lower
        self.upper = upper
        self.count = count
    }
}

extension ExponentialHistogram {
    /// The non-empty buckets in ascending order of value: negative buckets as
    /// `[−b^(i+1), −b^i)`, then positive ones as `(b^i, b^(i+1)]` (zeros, NaN, ±∞ are not buckets).
    public var bucketRanges: [BucketRange] {
        var ranges: [BucketRange] = []
        for (index, count) in negative.nonZeroBuckets.reversed() {
            ranges.append(BucketRange(lower: -Self.lowerBoundary(ofBucket: index + 1, scale: scale),
                                      upper: -Self.lowerBoundary(ofBucket: index, scale: scale), count: count))
        }
        for (index, count) in positive.nonZeroBuckets {
            ranges.append(BucketRange(lower: Self.lowerBoundary(ofBucket: index, scale: scale),
                                      upper: Self.lowerBoundary(ofBucket: index + 1, scale: scale), count: count))
        }
        return ranges
    }
}
