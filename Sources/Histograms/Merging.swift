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

extension MagnitudeHistogram {
    /// The sum of histograms that share a bucket grid, or nil when they do not.
    ///
    /// Histograms with identical edges add bucket by bucket (exact for ours, and the only
    /// merge foreign buckets allow). Magnitudes of exponential histograms of one scale add
    /// by bucket index, whatever range each covers, which is `merge(_:)` at equal scales seen
    /// through `init(_:)`. Zeros, NaN and ∞ add.
    public static func merged(_ histograms: [MagnitudeHistogram]) -> MagnitudeHistogram? {
        guard var result = histograms.first else { return nil }
        let rest = histograms.dropFirst()
        guard !rest.isEmpty else { return result }
        if rest.allSatisfy({ $0.edges == result.edges }) {
            for h in rest {
                for i in h.counts.indices { result.counts[i] += h.counts[i] }
            }
        } else if let byIndex = mergedByBucketIndex(histograms) {
            result = byIndex
        } else {
            return nil
        }
        for h in rest {
            result.zeroCount += h.zeroCount
            result.nanCount += h.nanCount
            result.infCount += h.infCount
            result.hasLinearBuckets = result.hasLinearBuckets || h.hasLinearBuckets
        }
        return result
    }

    /// The bucket counts of exponential magnitudes of one scale added by index (the first
    /// histogram's counters), or nil when they are not all such or would span more than
    /// `ExponentialHistogram.maxBucketSpan` buckets together.
    private static func mergedByBucketIndex(_ histograms: [MagnitudeHistogram]) -> MagnitudeHistogram? {
        guard var result = histograms.first, let scale = result.exponentialScale,
              histograms.allSatisfy({ $0.exponentialScale == scale && ($0.exponentialOffset != nil || $0.counts.isEmpty) })
        else { return nil }
        let runs = histograms.compactMap { h -> (offset: Int, counts: [Double])? in
            guard let offset = h.exponentialOffset, !h.counts.isEmpty else { return nil }
            return (offset, h.counts)
        }
        guard let low = runs.map(\.offset).min(), let high = runs.map({ $0.offset + $0.counts.count }).max() else {
            return result
        }
        // Far-apart ranges (a crafted file at scale 20) would need a vast run: no merge.
        guard high - low <= ExponentialHistogram.maxBucketSpan else { return nil }
        var counts = [Double](repeating: 0, count: high - low)
        for run in runs {
            for i in run.counts.indices { counts[run.offset - low + i] += run.counts[i] }
        }
        result.counts = counts
        result.edges = ExponentialHistogram.boundaries(ofBuckets: low ..< high, scale: scale)
        result.exponentialOffset = low
        return result
    }
}
