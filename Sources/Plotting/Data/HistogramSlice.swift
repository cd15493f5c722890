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
    /// counts.count + 1`), folded onto |g| by `MagnitudeBuckets` (exactly, for TensorBoard's
    /// symmetric ±1e-12·1.1^k buckets). `linearBuckets` marks TF2's equal-width buckets.
    public init(step: Int, signedEdges: [Double], counts: [Double], linearBuckets: Bool = false) throws {
        let folded: MagnitudeBuckets
        do { folded = try MagnitudeBuckets(signedEdges: signedEdges, counts: counts) } catch {
            throw PlotError.invalidArgument("histogram at step \(step): \(error)")
        }
        try self.init(step: step, edges: folded.edges, counts: folded.counts, zeroCount: folded.zeroCount,
                      hasLinearBuckets: linearBuckets)
    }
}
