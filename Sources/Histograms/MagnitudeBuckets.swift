/// Bucketed counts of signed values x, folded onto magnitudes |x|.
///
/// A bucket `[l, r]` on one side of zero maps to `[l, r]` or `[−r, −l]`; a bucket
/// straddling zero is split in proportion to its parts, `(−l)/(r−l)` of its count onto
/// `[0, −l]` and `r/(r−l)` onto `[0, r]` (uniform density within a bucket). A zero-width
/// bucket at 0 counts as zeros; one elsewhere becomes a bucket one ulp wide. The
/// overlapping magnitude intervals are then cut at every edge and each count spread over
/// the pieces in proportion to length, so symmetric buckets (TensorFlow's ±1e−12·1.1ᵏ,
/// or the two signs of an exponential histogram) fold exactly onto one set of buckets.
public struct MagnitudeBuckets: Sendable, Equatable {
    /// Contiguous, ascending, non-negative edges (`counts.count + 1` of them, or none).
    public var edges: [Double]
    public var counts: [Double]
    /// Values exactly zero (from zero-width buckets at 0).
    public var zeroCount: Double

    /// Folds `counts` over the contiguous signed buckets `signedEdges` (`counts.count + 1`
    /// ascending edges). Throws `HistogramError.invalidBuckets` for mismatched sizes, edges
    /// that are not finite or not ascending, and counts that are not finite.
    public init(signedEdges: [Double], counts: [Double]) throws(HistogramError) {
        guard signedEdges.count == counts.count + 1 || (signedEdges.isEmpty && counts.isEmpty) else {
            throw .invalidBuckets("\(signedEdges.count) edges for \(counts.count) buckets")
        }
        var intervals: [(lo: Double, hi: Double, count: Double)] = []
        var zeros = 0.0
        for (i, c) in counts.enumerated() where c > 0 {
            let l = signedEdges[i], r = signedEdges[i + 1]
            guard l.isFinite, r.isFinite, l <= r, c.isFinite else {
                throw .invalidBuckets("bucket \(i) has bad edges \(l)…\(r) or count \(c)")
            }
            if l == r {
                if l == 0 { zeros += c } else { intervals.append((abs(l), abs(l).nextUp, c)) }
            } else if l >= 0 {
                intervals.append((l, r, c))
            } else if r <= 0 {
                intervals.append((-r, -l, c))
            } else {
                intervals.append((0, -l, c * (-l) / (r - l)))
                intervals.append((0, r, c * r / (r - l)))
            }
        }
        let cuts = Array(Set(intervals.flatMap { [$0.lo, $0.hi] })).sorted()
        var folded = [Double](repeating: 0, count: Swift.max(cuts.count - 1, 0))
        for interval in intervals {
            var k = Self.firstIndex(in: cuts, notBelow: interval.lo)
            while k < folded.count && cuts[k] < interval.hi {
                folded[k] += interval.count * (cuts[k + 1] - cuts[k]) / (interval.hi - interval.lo)
                k += 1
            }
        }
        edges = cuts.count >= 2 ? cuts : []
        self.counts = cuts.count >= 2 ? folded : []
        zeroCount = zeros
    }

    /// The q-quantile of |x| (q clamped to 0…1), or nil when there are no values. Zeros
    /// rank first; within a bucket values are taken as uniform, so the cumulative count is
    /// piecewise linear and the quantile is interpolated linearly in |x|.
    public func quantile(_ q: Double) -> Double? {
        let total = counts.reduce(zeroCount, +)
        guard total > 0, !q.isNaN else { return nil }
        let target = Swift.min(Swift.max(q, 0), 1) * total
        if target <= zeroCount { return 0 }
        var below = zeroCount
        for (i, count) in counts.enumerated() where count > 0 {
            if target <= below + count {
                return edges[i] + (target - below) / count * (edges[i + 1] - edges[i])
            }
            below += count
        }
        return edges.last
    }

    /// First index `i` with `a[i] >= x` in an ascending array.
    static func firstIndex(in a: [Double], notBelow x: Double) -> Int {
        var lo = 0, hi = a.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if a[mid] < x { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
