extension ExponentialHistogram {
    /// The `q`-quantile of the signed distribution (NaN excluded), nil when nothing but NaN
    /// was recorded or `q` is NaN; `q` is clamped to `[0, 1]`.
    ///
    /// Values are ranked −∞, negative buckets (largest `|x|` first), zeros, positive buckets,
    /// +∞. The rank `r = q·N` falls in one of them at fraction `f ∈ [0, 1]`, and within a
    /// bucket `(b^i, b^(i+1)]` values are taken as uniform in `log|x|`, so a positive bucket
    /// gives `b^(i+f)` and a negative one `−b^(i+1−f)`; zeros give `−t + 2t·f` for the zero
    /// threshold `t`. The result is clamped to `[min, max]`, so `quantile(0)` and
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
        let width = 1 / Double(sign: .plus, exponent: scale, significand: 1)   // log2 width of a bucket
        if fraction(negativeInfinityCount) != nil { return -.infinity }
        for index in negative.indices.reversed() {
            if let f = fraction(negative[index]) {
                return clampedToRange(-MathFunctions.exp2((Double(index) + 1 - f) * width))
            }
        }
        if let f = fraction(zeroCount) { return clampedToRange(zeroThreshold * (2 * f - 1)) }
        for index in positive.indices {
            if let f = fraction(positive[index]) {
                return clampedToRange(MathFunctions.exp2((Double(index) + f) * width))
            }
        }
        if positiveInfinityCount > 0 { return .infinity }
        return clampedToRange(max)   // rounding left the rank past the last finite value
    }

    private func clampedToRange(_ x: Double) -> Double {
        guard min <= max else { return x }
        return Swift.min(Swift.max(x, min), max)
    }
}
