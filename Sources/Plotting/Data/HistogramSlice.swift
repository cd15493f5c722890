import Histograms

/// The distribution of gradient magnitudes |g| at one step, as the plots consume it.
///
/// Bucket `i` spans `edges[i] … edges[i+1]` (ascending, ≥ 0) and holds `counts[i]` values.
/// Exact zeros are counted apart in `zeroCount`; NaN and ±∞ are never in a bucket.
public struct HistogramSlice: Sendable, Hashable {
    public var step: Int
    public var edges: [Double]
    public var counts: [Double]
    /// Values with |g| = 0 (or at most the writer's zero threshold).
    public var zeroCount: Double
    public var nanCount: Double
    /// +∞ and −∞ together.
    public var infCount: Double
    /// When set, `edges` are the bucket boundaries b^i of an exponential histogram at this
    /// scale (b = 2^(2^−scale)), so display bins can align with them exactly.
    public var exponentialScale: Int?
    /// True when the source buckets were linear (TF2's 30 equal buckets): they cannot resolve
    /// small magnitudes, and the plots say so.
    public var hasLinearBuckets: Bool
    /// With `exponentialScale`: the bucket index of `counts[0]` (edges[k] = b^(offset + k)).
    public var exponentialOffset: Int?

    public init(step: Int, edges: [Double], counts: [Double], zeroCount: Double = 0, nanCount: Double = 0,
                infCount: Double = 0, exponentialScale: Int? = nil, exponentialOffset: Int? = nil,
                hasLinearBuckets: Bool = false) throws {
        guard edges.count == counts.count + 1 || (edges.isEmpty && counts.isEmpty) else {
            throw PlotError.invalidArgument("histogram at step \(step): \(edges.count) edges for \(counts.count) buckets")
        }
        guard edges.allSatisfy({ $0.isFinite && $0 >= 0 }), zip(edges, edges.dropFirst()).allSatisfy({ $0 <= $1 }) else {
            throw PlotError.invalidArgument("histogram at step \(step): edges must be finite, non-negative and ascending")
        }
        guard counts.allSatisfy({ $0.isFinite && $0 >= 0 }), [zeroCount, nanCount, infCount].allSatisfy({ $0.isFinite && $0 >= 0 }) else {
            throw PlotError.invalidArgument("histogram at step \(step): counts must be finite and non-negative")
        }
        self.step = step; self.edges = edges; self.counts = counts; self.zeroCount = zeroCount
        self.nanCount = nanCount; self.infCount = infCount; self.exponentialScale = exponentialScale
        self.exponentialOffset = exponentialScale == nil ? nil : exponentialOffset
        self.hasLinearBuckets = hasLinearBuckets
    }

    /// Every finite value: bucket counts plus zeros.
    public var finiteCount: Double { counts.reduce(0, +) + zeroCount }
    /// Every value, NaN and ∞ included.
    public var totalCount: Double { finiteCount + nanCount + infCount }

    /// An exponential histogram at full resolution: positive and negative bucket `i`
    /// (|g| ∈ (b^i, b^(i+1)]) add up; zeros, NaN and ±∞ keep their counters.
    public init(step: Int, histogram h: ExponentialHistogram) {
        let pos = h.positive, neg = h.negative
        let nonEmpty = [pos, neg].filter { !$0.isEmpty }
        var edges: [Double] = [], counts: [Double] = []
        if let lo = nonEmpty.map({ $0.nonZeroSpan!.lowerBound }).min(),
           let hi = nonEmpty.map({ $0.nonZeroSpan!.upperBound }).max() {
            counts = [Double](repeating: 0, count: hi - lo + 1)
            for side in nonEmpty {
                for (i, c) in side.counts.enumerated() where c > 0 { counts[side.offset + i - lo] += Double(c) }
            }
            edges = (lo...(hi + 1)).map { ExponentialHistogram.lowerBoundary(ofBucket: $0, scale: h.scale) }
        }
        self.step = step; self.edges = edges; self.counts = counts
        self.zeroCount = Double(h.zeroCount); self.nanCount = Double(h.nanCount)
        self.infCount = Double(h.positiveInfinityCount) + Double(h.negativeInfinityCount)
        self.exponentialScale = h.scale; self.hasLinearBuckets = false
        self.exponentialOffset = nonEmpty.map { $0.nonZeroSpan!.lowerBound }.min()
    }

    /// A foreign histogram of signed values on contiguous buckets (`signedEdges.count ==
    /// counts.count + 1`), folded onto |g|.
    ///
    /// A bucket [l, r] on one side of zero maps to [|r|, |l|] or [l, r]; a bucket straddling
    /// zero is split in proportion to its parts, (−l)/(r−l) onto [0, −l] and r/(r−l) onto
    /// [0, r] (uniform density within a bucket). A zero-width bucket at 0 counts as zeros.
    /// Overlapping magnitude intervals are then cut at every edge and each count spread in
    /// proportion to length, so TensorBoard's symmetric ±1e-12·1.1^k buckets fold exactly.
    /// `linearBuckets` marks TF2's equal-width buckets.
    public init(step: Int, signedEdges: [Double], counts: [Double], linearBuckets: Bool = false) throws {
        guard signedEdges.count == counts.count + 1 || (signedEdges.isEmpty && counts.isEmpty) else {
            throw PlotError.invalidArgument("histogram at step \(step): \(signedEdges.count) edges for \(counts.count) buckets")
        }
        var intervals: [(lo: Double, hi: Double, count: Double)] = []
        var zeros = 0.0
        for (i, c) in counts.enumerated() where c > 0 {
            let l = signedEdges[i], r = signedEdges[i + 1]
            guard l.isFinite, r.isFinite, l <= r, c.isFinite else {
                throw PlotError.invalidArgument("histogram at step \(step): bucket \(i) has bad edges \(l)…\(r) or count \(c)")
            }
            if l == r {
                if l == 0 { zeros += c } else { intervals.append((abs(l), abs(l), c)) }
            } else if l >= 0 {
                intervals.append((l, r, c))
            } else if r <= 0 {
                intervals.append((-r, -l, c))
            } else {
                intervals.append((0, -l, c * (-l) / (r - l)))
                intervals.append((0, r, c * r / (r - l)))
            }
        }
        // Point masses (zero-width at |g| > 0) get a tiny width so they can be rebinned.
        intervals = intervals.map { $0.lo == $0.hi ? ($0.lo, $0.hi.nextUp, $0.count) : $0 }
        let cuts = Array(Set(intervals.flatMap { [$0.lo, $0.hi] })).sorted()
        var folded = [Double](repeating: 0, count: max(cuts.count - 1, 0))
        for iv in intervals {
            var k = lowerBoundIndex(cuts, iv.lo)
            while k < folded.count && cuts[k] < iv.hi {
                folded[k] += iv.count * (cuts[k + 1] - cuts[k]) / (iv.hi - iv.lo)
                k += 1
            }
        }
        try self.init(step: step, edges: cuts.count >= 2 ? cuts : [], counts: cuts.count >= 2 ? folded : [],
                      zeroCount: zeros, hasLinearBuckets: linearBuckets)
    }
}

/// First index with `a[i] >= x` in an ascending array.
func lowerBoundIndex(_ a: [Double], _ x: Double) -> Int {
    var lo = 0, hi = a.count
    while lo < hi {
        let mid = (lo + hi) / 2
        if a[mid] < x { lo = mid + 1 } else { hi = mid }
    }
    return lo
}
