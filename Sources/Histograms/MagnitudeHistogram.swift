/// The distribution of magnitudes |x| of a histogram, ours or a foreign one: the one view
/// that plots and detectors ask their questions of (quantiles, rebinning, merging).
///
/// Bucket `i` spans `edges[i] … edges[i+1]` (ascending, ≥ 0) and holds `counts[i]` values;
/// within a bucket values follow `BucketMeasure`'s rule. Values with |x| = 0 (or at most
/// the writer's zero threshold) are counted apart in `zeroCount`; NaN and ±∞ are never in
/// a bucket. Made by `init(_:)` from an `ExponentialHistogram` (exact, by bucket index) or
/// by `init(signedEdges:counts:linearBuckets:)` from foreign signed buckets (see `Folding.swift`).
public struct MagnitudeHistogram: Sendable, Hashable {
    public var edges: [Double]
    public var counts: [Double]
    /// Values with |x| = 0 (or at most the writer's zero threshold).
    public var zeroCount: Double
    public var nanCount: Double
    /// +∞ and −∞ together.
    public var infCount: Double
    /// When set, `edges` are the bucket boundaries b^i of an exponential histogram at this
    /// scale (b = 2^(2^−scale)), so histograms of one scale merge by index and display bins
    /// can align with the buckets exactly.
    public var exponentialScale: Int?
    /// With `exponentialScale`: the bucket index of `counts[0]` (edges[k] = b^(offset + k)).
    public var exponentialOffset: Int?
    /// True when the source buckets were linear (TF2's 30 equal buckets): they cannot
    /// resolve small magnitudes.
    public var hasLinearBuckets: Bool

    /// A histogram from its parts. Throws `HistogramError.invalidBuckets` unless there are
    /// `counts.count + 1` edges (or none), finite, non-negative and ascending, and every
    /// count is finite and non-negative.
    public init(edges: [Double], counts: [Double], zeroCount: Double = 0, nanCount: Double = 0,
                infCount: Double = 0, exponentialScale: Int? = nil, exponentialOffset: Int? = nil,
                hasLinearBuckets: Bool = false) throws(HistogramError) {
        guard edges.count == counts.count + 1 || (edges.isEmpty && counts.isEmpty) else {
            throw .invalidBuckets("\(edges.count) edges for \(counts.count) buckets")
        }
        guard edges.allSatisfy({ $0.isFinite && $0 >= 0 }), zip(edges, edges.dropFirst()).allSatisfy({ $0 <= $1 }) else {
            throw .invalidBuckets("edges must be finite, non-negative and ascending")
        }
        guard counts.allSatisfy({ $0.isFinite && $0 >= 0 }), [zeroCount, nanCount, infCount].allSatisfy({ $0.isFinite && $0 >= 0 }) else {
            throw .invalidBuckets("counts must be finite and non-negative")
        }
        self.init(checkedEdges: edges, counts: counts, zeroCount: zeroCount, nanCount: nanCount, infCount: infCount,
                  exponentialScale: exponentialScale, exponentialOffset: exponentialOffset,
                  hasLinearBuckets: hasLinearBuckets)
    }

    /// The parts as given, already known to be valid.
    init(checkedEdges edges: [Double], counts: [Double], zeroCount: Double, nanCount: Double, infCount: Double,
         exponentialScale: Int?, exponentialOffset: Int?, hasLinearBuckets: Bool) {
        self.edges = edges
        self.counts = counts
        self.zeroCount = zeroCount
        self.nanCount = nanCount
        self.infCount = infCount
        self.exponentialScale = exponentialScale
        self.exponentialOffset = exponentialScale == nil ? nil : exponentialOffset
        self.hasLinearBuckets = hasLinearBuckets
    }

    /// The magnitudes of an exponential histogram at full resolution: `magnitudes`' folded
    /// buckets (positive and negative bucket `i`, |x| ∈ (b^i, b^(i+1)], add up), from the
    /// first to the last non-empty one; zeros, NaN and ±∞ keep their counters.
    public init(_ histogram: ExponentialHistogram) {
        let folded = histogram.magnitudes.positive.trimmed()
        let indices = folded.indices
        self.init(checkedEdges: ExponentialHistogram.boundaries(ofBuckets: indices, scale: histogram.scale),
                  counts: folded.counts.map { Double($0) }, zeroCount: Double(histogram.zeroCount),
                  nanCount: Double(histogram.nanCount),
                  infCount: Double(histogram.positiveInfinityCount) + Double(histogram.negativeInfinityCount),
                  exponentialScale: histogram.scale, exponentialOffset: indices.isEmpty ? nil : indices.lowerBound,
                  hasLinearBuckets: false)
    }

    /// Every finite value: bucket counts plus zeros.
    public var finiteCount: Double { counts.reduce(0, +) + zeroCount }
    /// Every value, NaN and ∞ included.
    public var totalCount: Double { finiteCount + nanCount + infCount }

    /// The upper edge of the last bucket that holds values (0 when only zeros do, nil when
    /// nothing finite does).
    public var largestOccupiedEdge: Double? {
        counts.lastIndex { $0 > 0 }.map { edges[$0 + 1] } ?? (zeroCount > 0 ? 0 : nil)
    }
}
