extension ExponentialHistogram {
    /// Bucket of a magnitude at `scale`: the `i` with `b^i < |x| ≤ b^(i+1)`, `b = 2^(2^−scale)`.
    ///
    /// Exact for every `Float`, subnormals included, from the exponent bits and a table of
    /// mantissa boundaries (never `log`). Exact powers of the base fall in the lower bucket:
    /// for `scale > 0`, `2^e ↦ (e << scale) − 1`. Returns `Int.min` for 0 and NaN, `Int.max`
    /// for ±∞; the scale is clamped into `supportedScales`.
    public static func bucketIndex(of magnitude: Float, scale: Int) -> Int {
        bucketIndex(of: Double(magnitude), scale: scale)
    }

    /// Bucket of a magnitude at `scale` (see the `Float` overload). Exact for every `Double`.
    public static func bucketIndex(of magnitude: Double, scale: Int) -> Int {
        let x = magnitude.magnitude
        if x.isNaN || x == 0 { return Int.min }
        if x.isInfinite { return Int.max }
        return BucketMapping.forScale(clampedScale(scale)).index(ofPositive: x)
    }

    /// `b^index` with `b = 2^(2^−scale)`, rounded down to a `Double` (so it lies in bucket
    /// `index − 1` as the exact boundary does). Exact for `scale ≤ 0`; 0 below the range of
    /// `Double`, and `greatestFiniteMagnitude` above it (so the upper edge of the bucket that
    /// holds the largest doubles stays a finite number).
    public static func lowerBoundary(ofBucket index: Int, scale: Int) -> Double {
        Swift.min(BucketMapping.forScale(clampedScale(scale)).lowerBoundary(ofBucket: index), .greatestFiniteMagnitude)
    }

    /// The edges of the contiguous buckets `indices` at `scale`: `b^i` for `i` from
    /// `indices.lowerBound` through `indices.upperBound`, one more edge than there are buckets
    /// (each as `lowerBoundary(ofBucket:scale:)` gives it); none for an empty range.
    public static func boundaries(ofBuckets indices: Range<Int>, scale: Int) -> [Double] {
        guard !indices.isEmpty else { return [] }
        return (indices.lowerBound ... indices.upperBound).map { lowerBoundary(ofBucket: $0, scale: scale) }
    }

    static func clampedScale(_ scale: Int) -> Int {
        Swift.min(Swift.max(scale, supportedScales.lowerBound), supportedScales.upperBound)
    }
}
