extension ExponentialHistogram {
    /// Adds `other` into this histogram.
    ///
    /// At equal scales bucket counts add exactly. Otherwise the finer histogram is first
    /// downscaled to the coarser scale (bucket `i` → `i >> k`), which is exact too, since
    /// each coarse bucket is the union of `2^k` fine ones. If the zero thresholds differ,
    /// the larger one is kept and buckets lying wholly at or below it move to `zeroCount`
    /// (a bucket straddling the threshold stays a bucket). Counters, `sum`, `sumOfSquares`
    /// add; `min`/`max` combine.
    public mutating func merge(_ other: ExponentialHistogram) {
        var other = other
        if other.scale > scale { other = other.downscaled(by: other.scale - scale) }
        if scale > other.scale { self = downscaled(by: scale - other.scale) }
        if other.zeroThreshold > zeroThreshold { raiseZeroThreshold(to: other.zeroThreshold) }
        if zeroThreshold > other.zeroThreshold { other.raiseZeroThreshold(to: zeroThreshold) }
        addBuckets(other.positive, negative: false)
        addBuckets(other.negative.downscaled(by: other.scale - scale), negative: true)
        zeroCount &+= other.zeroCount
        nanCount &+= other.nanCount
        positiveInfinityCount &+= other.positiveInfinityCount
        negativeInfinityCount &+= other.negativeInfinityCount
        sum += other.sum
        sumOfSquares += other.sumOfSquares
        min = Swift.min(min, other.min)
        max = Swift.max(max, other.max)
    }

    /// The merge of two histograms (see `merge(_:)`).
    public func merging(_ other: ExponentialHistogram) -> ExponentialHistogram {
        var result = self
        result.merge(other)
        return result
    }

    /// The same values at scale `scale − k`: bucket `i` becomes `i >> k` (arithmetic shift,
    /// so negative indices round toward −∞), merging `2^k` neighbours. Exact: coarse bucket
    /// `i` is `(b'^i, b'^(i+1)]` with `b' = b^(2^k)`, the union of fine buckets `i·2^k …
    /// i·2^k + 2^k − 1`. `k ≤ 0` returns the histogram unchanged; the result's scale is
    /// never below −10.
    public func downscaled(by k: Int) -> ExponentialHistogram {
        let steps = Swift.min(k, scale - Self.supportedScales.lowerBound)
        guard steps > 0 else { return self }
        return ExponentialHistogram(scale: scale - steps, zeroThreshold: zeroThreshold,
                                    positive: positive.downscaled(by: steps), negative: negative.downscaled(by: steps),
                                    zeroCount: zeroCount, nanCount: nanCount,
                                    positiveInfinityCount: positiveInfinityCount,
                                    negativeInfinityCount: negativeInfinityCount,
                                    sum: sum, sumOfSquares: sumOfSquares, min: min, max: max)
    }

    /// The histogram of `|x|`: negative buckets folded into the positive ones, −∞ into +∞;
    /// `max` and `sumOfSquares` are exact; `sum` is exact when no negative value was recorded
    /// and NaN otherwise; `min` is exact unless both signs were recorded (and no zero), when it
    /// is the lower boundary of the smallest non-empty bucket.
    public var magnitudes: ExponentialHistogram {
        let noNegatives = negative.isEmpty && !(min < 0)
        var folded = positive
        folded.add(negative)
        let largest = Swift.max(max.magnitude, min.magnitude)
        let smallestFinite: Double = {
            if zeroCount > 0 { return 0 }
            if min >= 0 { return min }
            if max <= 0 { return max.magnitude }
            // Signs on both sides: the smallest |x| is only known to its bucket.
            return folded.nonZeroSpan.map { Self.lowerBoundary(ofBucket: $0.lowerBound, scale: scale) } ?? 0
        }()
        return ExponentialHistogram(scale: scale, zeroThreshold: zeroThreshold, positive: folded,
                                    negative: BucketCounts(), zeroCount: zeroCount, nanCount: nanCount,
                                    positiveInfinityCount: positiveInfinityCount &+ negativeInfinityCount,
                                    negativeInfinityCount: 0,
                                    sum: noNegatives ? sum : .nan, sumOfSquares: sumOfSquares,
                                    min: finiteCount == 0 ? .infinity : smallestFinite,
                                    max: finiteCount == 0 ? -.infinity : largest)
    }

    /// Moves buckets whose upper bound is at or below `threshold` into `zeroCount`.
    private mutating func raiseZeroThreshold(to threshold: Double) {
        zeroThreshold = threshold
        for side in [true, false] {
            var counts = side ? positive : negative
            for (index, count) in counts.nonZeroBuckets
            where Self.lowerBoundary(ofBucket: index + 1, scale: scale) <= threshold {
                zeroCount &+= count
                counts.counts[index - counts.offset] = 0
            }
            if side { positive = counts.trimmed() } else { negative = counts.trimmed() }
        }
    }
}
