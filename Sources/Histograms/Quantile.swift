extension ExponentialHistogram {
    /// The `q`-quantile of the signed distribution (NaN excluded), nil when nothing but NaN
    /// was recorded or `q` is NaN; `q` is clamped to `[0, 1]`.
    ///
    /// Values are ranked −∞, negative buckets (largest `|x|` first), zeros, positive buckets,
    /// +∞. The rank `r = q·N` falls in one of them at fraction `f ∈ [0, 1]`, placed by
    /// `BucketMeasure`'s rule: a positive bucket `(b^i, b^(i+1)]` gives `b^(i+f)`, a negative
    /// one `−b^(i+1−f)`, and the zeros, spread over `[−t, t]` for the zero threshold `t`,
    /// give `−t + 2t·f`. The result is clamped to `[min, max]`, so `quantile(0)` and
    /// `quantile(1)` are the exact extremes when all values are finite. Relative error of a
    /// bucket estimate: at most `b − 1`.
    public func quantile(_ q: Double) -> Double? {
        guard !q.isNaN else { return nil }
        let ranked = count &- nanCount
        guard ranked > 0 else { return nil }
        let rank = Swift.min(Swift.max(q, 0), 1) * Double(ranked)
        var before = 0.0
        // Finds the fraction of `rank` inside a group of `n` values, or nil to go on.
        func fraction(_ n: UInt64) -> Double? {
            guard n > 0 else { return nil }
            let size = Double(n)
            if rank <= before + size { return Swift.max(0, (rank - before) / size) }
            before += size
            return nil
        }
        func bucket(_ index: Int) -> BucketMeasure {
            BucketMeasure(lower: Self.lowerBoundary(ofBucket: index, scale: scale),
                          upper: Self.lowerBoundary(ofBucket: index + 1, scale: scale))
        }
        if fraction(negativeInfinityCount) != nil { return -.infinity }
        for index in negative.indices.reversed() {
            if let f = fraction(negative[index]) { return clampedToRange(-bucket(index).value(atFraction: 1 - f)) }
        }
        if let f = fraction(zeroCount) {
            return clampedToRange(BucketMeasure(lower: -zeroThreshold, upper: zeroThreshold).value(atFraction: f))
        }
        for index in positive.indices {
            if let f = fraction(positive[index]) { return clampedToRange(bucket(index).value(atFraction: f)) }
        }
        if positiveInfinityCount > 0 { return .infinity }
        return clampedToRange(max)   // rounding left the rank past the last finite value
    }

    private func clampedToRange(_ x: Double) -> Double {
        guard min <= max else { return x }
        return Swift.min(Swift.max(x, min), max)
    }
}

extension MagnitudeHistogram {
    /// The q-quantile of |x| (q clamped to 0…1), or nil when there are no finite values or
    /// `q` is NaN. Zeros rank first, then the buckets in order; within a bucket the rank is
    /// placed by `BucketMeasure`'s rule (uniform in log|x|, or in |x| for a bucket reaching 0).
    public func quantile(_ q: Double) -> Double? {
        let total = finiteCount
        guard total > 0, !q.isNaN else { return nil }
        let target = Swift.min(Swift.max(q, 0), 1) * total
        if target <= zeroCount { return 0 }
        var below = zeroCount
        for (i, count) in counts.enumerated() where count > 0 {
            if target <= below + count {
                return BucketMeasure(lower: edges[i], upper: edges[i + 1]).value(atFraction: (target - below) / count)
            }
            below += count
        }
        return edges.last
    }

    /// The number of finite values with |x| below `threshold`, zeros included (for
    /// `threshold > 0`), a bucket that holds `threshold` contributing the part that
    /// `BucketMeasure` places below it.
    public func count(below threshold: Double) -> Double {
        var below = threshold > 0 ? zeroCount : 0
        for (i, count) in counts.enumerated() where count > 0 {
            if edges[i + 1] <= threshold {
                below += count
            } else if edges[i] < threshold {
                below += count * BucketMeasure(lower: edges[i], upper: edges[i + 1]).fraction(below: threshold)
            }
        }
        return below
    }
}
