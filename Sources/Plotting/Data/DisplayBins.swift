import Foundation
import Histograms

/// Bins of |g| for display: log-uniform between `lower` and `upper`.
public enum DisplayBins {
    /// Display edges covering [lower, upper] with at most `maxBins` bins.
    ///
    /// When every slice comes from an exponential histogram at one scale s, the edges are
    /// that histogram's own boundaries b^i (b = 2^(2^−s)) — or those of the coarsest
    /// downscaling s − k that fits in `maxBins`, taken as b^(i·2^k) so they coincide exactly
    /// with native boundaries — and rebinning moves whole buckets (full resolution, exact
    /// merges). Otherwise the edges are log-uniform: lower·(upper/lower)^(j/n).
    public static func edges(lower: Double, upper: Double, maxBins: Int, exponentialScale: Int?) -> [Double] {
        let lo = max(lower, Double.leastNormalMagnitude), hi = max(upper, lo * 2)
        let maxBins = max(maxBins, 1)
        if let s = exponentialScale {
            for k in 0...40 {
                let first = ExponentialHistogram.bucketIndex(of: lo, scale: s) >> k
                let last = ExponentialHistogram.bucketIndex(of: hi, scale: s) >> k
                if last - first + 1 <= maxBins {
                    return (first...(last + 1)).map { ExponentialHistogram.lowerBoundary(ofBucket: $0 << k, scale: s) }
                }
            }
        }
        let n = maxBins
        let ratio = log(hi / lo)
        return (0...n).map { j in j == 0 ? lo : (j == n ? hi : lo * exp(ratio * Double(j) / Double(n))) }
    }

    /// The common exponential scale of the slices, if they all have the same one.
    static func commonScale(_ slices: [HistogramSlice]) -> Int? {
        guard let s = slices.first?.exponentialScale else { return nil }
        return slices.allSatisfy { $0.exponentialScale == s } ? s : nil
    }

    /// Default |g| range: from the lowest positive lower edge to the highest upper edge of the non-empty buckets,
    /// widened to whole powers of `base`, spanning at most 40 powers of 10 below the top.
    static func autoRange(_ slices: [HistogramSlice], base: LogBase) -> (Double, Double)? {
        // Buckets reaching down to 0 do not set the lower limit (their mass below it goes to
        // the underflow bin) unless no bucket has a positive lower edge. Edges ascend, so only
        // the first non-empty buckets and the last one matter.
        var lo = Double.infinity, hi = 0.0, zeroBased = Double.infinity
        for s in slices {
            guard let first = s.counts.firstIndex(where: { $0 > 0 }), let last = s.counts.lastIndex(where: { $0 > 0 }) else { continue }
            hi = max(hi, s.edges[last + 1])
            var i = first
            while i <= last {
                if s.counts[i] > 0 {
                    let a = s.edges[i], b = s.edges[i + 1]
                    if a > 0 { lo = min(lo, a); break }
                    if b > 0 { zeroBased = min(zeroBased, b / 10) }
                }
                i += 1
            }
        }
        guard hi > 0, lo.isFinite || zeroBased.isFinite else { return nil }
        let hasPositiveEdges = lo.isFinite
        if !hasPositiveEdges { lo = zeroBased }
        lo = max(lo, hi * 1e-40)
        var l = floor(base.log(lo) + 1e-9)
        let h = ceil(base.log(hi) - 1e-9)
        // A bucket [0, b] just above the rounded-down limit (TensorBoard's [0, 1e-12]) would
        // smear its mass over the first power of the axis: round the limit up past b instead,
        // so the whole bucket goes to the underflow bin.
        if hasPositiveEdges {
            for s in slices {
                // Buckets starting at 0 can only come first.
                var i = 0
                while i < s.counts.count && s.edges[i] == 0 {
                    if s.counts[i] > 0 {
                        let e = base.log(s.edges[i + 1])
                        if e > l, e <= l + 1 { l = max(l, ceil(e - 1e-9)) }
                    }
                    i += 1
                }
            }
            l = min(l, h - 1)
        }
        return (base.power(l), base.power(max(h, l + 1)))
    }
}
