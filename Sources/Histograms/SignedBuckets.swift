/// A histogram of signed values as contiguous buckets, ours or a foreign one (the view
/// `export` writes and the writer's legacy `HistogramProto` is built from).
public struct SignedBuckets: Sendable, Equatable {
    /// `counts.count + 1` increasing edges (empty when there are no buckets).
    public var edges: [Double]
    public var counts: [Double]

    public init(edges: [Double], counts: [Double]) {
        self.edges = edges
        self.counts = counts
    }

    /// The finite values of an exponential histogram as contiguous buckets.
    ///
    /// With `b = 2^(2^-scale)`, negative bucket `i` spans `[-b^(i+1), -b^i)`, positive bucket
    /// `i` spans `(b^i, b^(i+1)]`, and the values with `|x| <= zeroThreshold` go to a zero
    /// bucket `[-zeroThreshold, zeroThreshold]` (width 0 when the threshold is 0), present only
    /// when `zeroCount > 0`. Negative buckets come first (most negative first), then the zero
    /// bucket, then positive buckets; empty buckets within a side are kept, and where two
    /// pieces do not touch an empty bucket bridges the gap. Each side spans only from its
    /// first to its last non-zero bucket, whatever zero padding the histogram stores. NaN and
    /// ±Inf are not in any bucket, so `counts` sums to the number of finite values.
    public init(_ histogram: ExponentialHistogram) {
        var edges = [Double](), counts = [Double]()
        /// Appends the bucket `lower…upper`, first bridging from the last edge if needed.
        func append(lower: Double, upper: Double, count: UInt64) {
            if let last = edges.last {
                if last != lower {
                    edges.append(lower)
                    counts.append(0)
                }
            } else {
                edges.append(lower)
            }
            edges.append(upper)
            counts.append(Double(count))
        }
        let scale = histogram.scale
        let negative = histogram.negative.trimmed()
        for (i, count) in negative.counts.enumerated().reversed() {
            let index = negative.offset + i
            append(lower: -ExponentialHistogram.lowerBoundary(ofBucket: index + 1, scale: scale),
                   upper: -ExponentialHistogram.lowerBoundary(ofBucket: index, scale: scale), count: count)
        }
        if histogram.zeroCount > 0 {
            append(lower: 0 - histogram.zeroThreshold, upper: histogram.zeroThreshold, count: histogram.zeroCount)
        }
        let positive = histogram.positive.trimmed()
        for (i, count) in positive.counts.enumerated() {
            let index = positive.offset + i
            append(lower: ExponentialHistogram.lowerBoundary(ofBucket: index, scale: scale),
                   upper: ExponentialHistogram.lowerBoundary(ofBucket: index + 1, scale: scale), count: count)
        }
        self.init(edges: edges, counts: counts)
    }
}
