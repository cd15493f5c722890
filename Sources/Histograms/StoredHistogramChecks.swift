extension ExponentialHistogram {
    /// Bucket indices at `scale` whose buckets hold a finite non-zero `Double` magnitude:
    /// from the bucket of the least subnormal, 2^−1074, to that of `greatestFiniteMagnitude`.
    /// At scale 3 that is −8593 … 8191 (16 785 buckets); at scale −10, −2 … 0.
    public static func finiteBucketIndices(scale: Int) -> ClosedRange<Int> {
        bucketIndex(of: Double.leastNonzeroMagnitude, scale: scale)
            ... bucketIndex(of: Double.greatestFiniteMagnitude, scale: scale)
    }

    /// Restores a histogram from parts read from a file, refusing any that no recording
    /// could have produced, before they size an allocation or an index:
    /// - `scale` outside `supportedScales`;
    /// - a zero threshold that is NaN, infinite or carries a minus sign (−0 included);
    /// - a bucket run whose last index overflows `Int`, or whose non-zero buckets fall
    ///   outside `finiteBucketIndices(scale:)` (their edges would be 0 or ∞), or span more than
    ///   `maxBucketSpan` buckets, or, both signs together (as folded onto |x|), more than
    ///   `2 · maxBucketSpan`;
    /// - counts whose total (NaN and ±∞ counters included) overflows `UInt64`;
    /// - NaN `sum`, `sumOfSquares`, `min` or `max`, or `min > max`, when some value is finite.
    ///   With no finite value, `min`/`max` are set to `+∞`/`−∞` whatever was stored.
    public init(checkedScale scale: Int, zeroThreshold: Double, positive: BucketCounts, negative: BucketCounts,
                zeroCount: UInt64, nanCount: UInt64, positiveInfinityCount: UInt64, negativeInfinityCount: UInt64,
                sum: Double, sumOfSquares: Double, min: Double, max: Double) throws(HistogramError) {
        guard Self.supportedScales.contains(scale) else { throw .unsupportedScale(scale) }
        guard zeroThreshold.isFinite, zeroThreshold.sign == .plus else { throw .invalidZeroThreshold(zeroThreshold) }
        let finiteIndices = Self.finiteBucketIndices(scale: scale)
        let positiveSpan = try Self.checkedSpan(positive, within: finiteIndices, side: "positive")
        let negativeSpan = try Self.checkedSpan(negative, within: finiteIndices, side: "negative")
        if let p = positiveSpan, let n = negativeSpan,
           Swift.max(p.upperBound, n.upperBound) - Swift.min(p.lowerBound, n.lowerBound) >= 2 * Self.maxBucketSpan {
            throw .invalidBuckets("positive and negative buckets together span more than \(2 * Self.maxBucketSpan)")
        }
        let finite = try Self.checkedTotal([positive.counts, negative.counts, [zeroCount]])
        _ = try Self.checkedTotal([[finite, nanCount, positiveInfinityCount, negativeInfinityCount]])
        if finite > 0 {
            guard !sum.isNaN, !sumOfSquares.isNaN, !min.isNaN, !max.isNaN, min <= max else {
                throw .invalidStatistics("sum \(sum), sum of squares \(sumOfSquares), min \(min), max \(max)")
            }
        }
        self.init(scale: scale, zeroThreshold: zeroThreshold, positive: positive, negative: negative,
                  zeroCount: zeroCount, nanCount: nanCount, positiveInfinityCount: positiveInfinityCount,
                  negativeInfinityCount: negativeInfinityCount, sum: sum, sumOfSquares: sumOfSquares,
                  min: finite > 0 ? min : .infinity, max: finite > 0 ? max : -.infinity)
    }

    /// The non-zero span of one sign's run, checked as `init(checkedScale:…)` describes.
    private static func checkedSpan(_ run: BucketCounts, within finiteIndices: ClosedRange<Int>,
                                    side: String) throws(HistogramError) -> ClosedRange<Int>? {
        guard !run.offset.addingReportingOverflow(run.counts.count).overflow else {
            throw .invalidBuckets("\(side) bucket offset \(run.offset) overflows")
        }
        guard let span = run.nonZeroSpan else { return nil }
        guard finiteIndices.contains(span.lowerBound), finiteIndices.contains(span.upperBound) else {
            throw .invalidBuckets("\(side) buckets \(span.lowerBound)…\(span.upperBound) outside \(finiteIndices)")
        }
        guard span.count <= maxBucketSpan else {
            throw .invalidBuckets("\(side) buckets span \(span.count) > \(maxBucketSpan)")
        }
        return span
    }

    /// `Σ counts` over every list, or `.countOverflow` where it exceeds `UInt64.max`.
    private static func checkedTotal(_ lists: [[UInt64]]) throws(HistogramError) -> UInt64 {
        var total: UInt64 = 0
        for list in lists {
            for count in list {
                let (next, overflow) = total.addingReportingOverflow(count)
                guard !overflow else { throw .countOverflow }
                total = next
            }
        }
        return total
    }
}
