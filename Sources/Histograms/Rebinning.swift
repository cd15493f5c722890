/// A histogram's counts on other bins (display bins, say).
public struct RebinnedCounts: Sendable, Hashable {
    /// One count per bin.
    public var counts: [Double]
    /// Zeros plus the mass below the first edge.
    public var below: Double
    /// Mass above the last edge.
    public var above: Double
}

/// Ascending, positive target edges with their `log₂` worked out once, to rebin many
/// histograms onto one grid.
public struct RebinningGrid: Sendable {
    public let edges: [Double]
    /// `log₂` of each edge: positions in `BucketMeasure`'s logarithmic measure.
    let logEdges: [Double]

    public init(edges: [Double]) {
        self.edges = edges
        logEdges = edges.map { MathFunctions.log2($0) }
    }
}

extension MagnitudeHistogram {
    /// The counts spread onto `targetEdges` (ascending, positive) by proportional overlap.
    ///
    /// A bucket gives each target bin the share of its count that `BucketMeasure` places in
    /// the bin: overlap measured in log|x| for a bucket `[a, b]` with `a > 0`, in |x| for one
    /// reaching down to zero (TF2's linear buckets). Buckets whose edges coincide with target
    /// edges move whole (share exactly 1), so aligned grids rebin exactly. A zero-width bucket
    /// goes where its value falls. Mass is conserved:
    /// `sum(counts) + below + above == finiteCount` up to rounding.
    public func rebinned(onto targetEdges: [Double]) -> RebinnedCounts {
        rebinned(onto: RebinningGrid(edges: targetEdges))
    }

    /// `rebinned(onto:)` onto a grid whose logarithms are worked out once.
    public func rebinned(onto grid: RebinningGrid) -> RebinnedCounts {
        let targetEdges = grid.edges, logEdges = grid.logEdges
        let m = targetEdges.count - 1
        var out = [Double](repeating: 0, count: Swift.max(m, 0))
        var below = zeroCount, above = 0.0
        guard m >= 1 else {
            return RebinnedCounts(counts: out, below: below + counts.reduce(0, +), above: 0)
        }
        let first = targetEdges[0], last = targetEdges[m]
        var k = 0   // target bin cursor: buckets ascend, so the search resumes where it stopped
        for i in counts.indices where counts[i] != 0 {
            let c = counts[i], a = edges[i], b = edges[i + 1]
            if b <= a {
                if a <= first { below += c } else if a > last { above += c } else {
                    out[Swift.min(Swift.max(targetEdges.partitioningIndex { $0 > a } - 1, 0), m - 1)] += c
                }
                continue
            }
            if b <= first { below += c; continue }
            if a >= last { above += c; continue }
            let measure = BucketMeasure(lower: a, upper: b)
            func position(_ j: Int) -> Double { measure.isLogarithmic ? logEdges[j] : targetEdges[j] }
            let width = measure.high - measure.low
            if a < first { below += c * (position(0) - measure.low) / width }
            if b > last { above += c * (measure.high - position(m)) / width }
            let lo = Swift.max(a, first), hi = Swift.min(b, last)
            let mlo = Swift.max(measure.low, position(0)), mhi = Swift.min(measure.high, position(m))
            if targetEdges[k] > lo { k = 0 }
            while k + 1 < targetEdges.count && targetEdges[k + 1] <= lo { k += 1 }
            var j = k
            while j < m && targetEdges[j] < hi {
                let overlap = Swift.min(mhi, position(j + 1)) - Swift.max(mlo, position(j))
                if overlap > 0 { out[j] += c * (overlap / width) }
                j += 1
            }
            k = Swift.max(j - 1, 0)
        }
        return RebinnedCounts(counts: out, below: below, above: above)
    }
}
