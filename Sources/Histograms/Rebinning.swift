extension ExponentialHistogram {
    /// Counts per display bin: `edges` (ascending, `k + 1` of them) give bins
    /// `[edges[i], edges[i+1])`, and each bucket's count is shared among the bins it overlaps
    /// in proportion to the overlap **in log|x|** (values are taken as uniform in `log|x|`
    /// within a bucket, the same assumption as `quantile`). A bin spanning 0 takes its negative
    /// and positive parts. Zeros, NaN and ±∞ are left out (show them separately), as are
    /// values outside the edges. A bin with non-increasing or NaN edges gets 0; fewer than two
    /// edges give `[]`.
    public func rebinned(onto edges: [Double]) -> [Double] {
        guard edges.count >= 2 else { return [] }
        let bucketsPerOctave = Double(sign: .plus, exponent: scale, significand: 1)   // 2^s
        var result = [Double](repeating: 0, count: edges.count - 1)
        for bin in result.indices {
            let a = edges[bin], b = edges[bin + 1]
            guard a < b else { continue }
            var total = 0.0
            // Positive part: |x| ∈ [max(a, 0), b).
            if b > 0 {
                total += overlap(positive, logLow: a > 0 ? MathFunctions.log2(a) : -.infinity,
                                 logHigh: MathFunctions.log2(b), bucketsPerOctave: bucketsPerOctave)
            }
            // Negative part: x ∈ [a, min(b, 0)), that is |x| ∈ (max(−b, 0), −a].
            if a < 0 {
                total += overlap(negative, logLow: b < 0 ? MathFunctions.log2(-b) : -.infinity,
                                 logHigh: MathFunctions.log2(-a), bucketsPerOctave: bucketsPerOctave)
            }
            result[bin] = total
        }
        return result
    }

    /// Sum over buckets of `count × (length of [logLow, logHigh] ∩ bucket) / (bucket length)`,
    /// lengths in `log2|x|`; bucket `i` spans `[i/2^s, (i+1)/2^s]`.
    private func overlap(_ counts: BucketCounts, logLow: Double, logHigh: Double, bucketsPerOctave: Double) -> Double {
        guard !counts.counts.isEmpty, logLow < logHigh else { return 0 }
        // Position in bucket units: bucket i covers [i, i + 1).
        let low = logLow * bucketsPerOctave, high = logHigh * bucketsPerOctave
        let first = Swift.max(counts.offset, clampedIndex(low))
        let last = Swift.min(counts.offset + counts.counts.count - 1,
                             clampedIndex(high))
        guard first <= last else { return 0 }
        var total = 0.0
        for index in first ... last {
            let count = counts.counts[index - counts.offset]
            guard count > 0 else { continue }
            let start = Swift.max(low, Double(index)), end = Swift.min(high, Double(index + 1))
            if end > start { total += Double(count) * (end - start) }
        }
        return total
    }
}

/// `⌊x⌋` as an `Int`, limited to `±2^60` (infinities included).
private func clampedIndex(_ x: Double) -> Int {
    let limit = 0x1p60
    return Int(Swift.min(Swift.max(x, -limit), limit).rounded(.down))
}
