import Histograms

extension HistogramSlice {
    /// The exact sum of slices that share a bucket grid, or nil when they do not.
    ///
    /// Slices with identical edges add bucket by bucket; exponential histograms of one scale
    /// add by bucket index (b^i edges), whatever range each covers. Zeros, NaN and ∞ add.
    /// The result carries the step of the first slice.
    public static func merged(_ slices: [HistogramSlice]) -> HistogramSlice? {
        guard var result = slices.first else { return nil }
        guard slices.count > 1 else { return result }
        let rest = slices.dropFirst()
        if rest.allSatisfy({ $0.edges == result.edges }) {
            for s in rest {
                for i in s.counts.indices { result.counts[i] += s.counts[i] }
            }
        } else if let scale = result.exponentialScale,
                  rest.allSatisfy({ $0.exponentialScale == scale }),
                  slices.allSatisfy({ $0.exponentialOffset != nil || $0.counts.isEmpty }) {
            let spans = slices.filter { !$0.counts.isEmpty }.map { ($0.exponentialOffset!, $0.exponentialOffset! + $0.counts.count) }
            guard let lo = spans.map(\.0).min(), let hi = spans.map(\.1).max() else { return result }
            var counts = [Double](repeating: 0, count: hi - lo)
            var edges = [Double](repeating: 0, count: hi - lo + 1)
            for s in slices where !s.counts.isEmpty {
                let o = s.exponentialOffset! - lo
                for i in s.counts.indices { counts[o + i] += s.counts[i] }
                for k in s.edges.indices { edges[o + k] = s.edges[k] }
            }
            // Fill edges of buckets no slice covered (gaps between ranges).
            for k in edges.indices where edges[k] == 0 {
                edges[k] = ExponentialHistogram.lowerBoundary(ofBucket: lo + k, scale: scale)
            }
            result.counts = counts
            result.edges = edges
            result.exponentialOffset = lo
        } else {
            return nil
        }
        for s in rest {
            result.zeroCount += s.zeroCount
            result.nanCount += s.nanCount
            result.infCount += s.infCount
            result.hasLinearBuckets = result.hasLinearBuckets || s.hasLinearBuckets
        }
        return result
    }
}
