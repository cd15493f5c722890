import Foundation

/// A slice's counts on display bins.
public struct RebinnedCounts: Sendable, Hashable {
    /// One count per display bin.
    public var counts: [Double]
    /// Zeros plus the mass below the first display edge.
    public var below: Double
    /// Mass above the last display edge.
    public var above: Double
}

extension HistogramSlice {
    /// The counts spread onto `displayEdges` (ascending, positive) by proportional overlap.
    ///
    /// A source bucket [a, b] gives each display bin the share of its count that the bin
    /// covers, measured in log|g| when a > 0 (uniform density on the log axis the plots
    /// use) and in |g| when a = 0 (a bucket reaching down to zero, e.g. TF2's linear
    /// buckets). Buckets whose edges coincide with display edges move whole (share exactly
    /// 1), so aligned grids rebin exactly. Mass is conserved:
    /// `sum(counts) + below + above == finiteCount` up to rounding.
    public func rebinned(onto displayEdges: [Double]) -> RebinnedCounts {
        rebinned(onto: displayEdges, logEdges: displayEdges.map { Foundation.log($0) })
    }

    /// `rebinned(onto:)` with the logarithms of the display edges precomputed.
    func rebinned(onto displayEdges: [Double], logEdges: [Double]) -> RebinnedCounts {
        let m = displayEdges.count - 1
        var out = [Double](repeating: 0, count: max(m, 0))
        var below = zeroCount, above = 0.0
        guard m >= 1 else {
            return RebinnedCounts(counts: out, below: below + counts.reduce(0, +), above: 0)
        }
        let first = displayEdges[0], last = displayEdges[m]
        var k = 0 // display bin cursor
        for i in counts.indices {
            let c = counts[i]
            if c == 0 { continue }
            let a = edges[i], b = edges[i + 1]
            if b <= a {
                // A point mass: goes where its value falls.
                if a <= first { below += c } else if a > last { above += c } else {
                    out[min(max(upperBoundIndex(displayEdges, a) - 1, 0), m - 1)] += c
                }
                continue
            }
            if b <= first { below += c; continue }
            if a >= last { above += c; continue }
            // Measure: log|g| for a > 0, |g| for a bucket starting at zero.
            let useLog = a > 0
            let ma = useLog ? Foundation.log(a) : a, mb = useLog ? Foundation.log(b) : b
            let width = mb - ma
            func measure(_ j: Int) -> Double { useLog ? logEdges[j] : displayEdges[j] }
            if a < first { below += c * ((useLog ? logEdges[0] : first) - ma) / width }
            if b > last { above += c * (mb - (useLog ? logEdges[m] : last)) / width }
            let lo = max(a, first), hi = min(b, last)
            let mlo = max(ma, measure(0)), mhi = min(mb, measure(m))
            if displayEdges[k] > lo { k = 0 }
            while k + 1 < displayEdges.count && displayEdges[k + 1] <= lo { k += 1 }
            var j = k
            while j < m && displayEdges[j] < hi {
                let overlap = min(mhi, measure(j + 1)) - max(mlo, measure(j))
                if overlap > 0 { out[j] += c * (overlap / width) }
                j += 1
            }
            k = max(j - 1, 0)
        }
        return RebinnedCounts(counts: out, below: below, above: above)
    }
}

/// First index with `a[i] > x` in an ascending array.
func upperBoundIndex(_ a: [Double], _ x: Double) -> Int {
    var lo = 0, hi = a.count
    while lo < hi {
        let mid = (lo + hi) / 2
        if a[mid] <= x { lo = mid + 1 } else { hi = mid }
    }
    return lo
}
