/// A histogram read from a foreign writer, kept as it was stored.
///
/// Bucket `i` covers `leftEdges[i] … rightEdges[i]` and holds `counts[i]` values.
/// - Legacy `HistogramProto` (TF1, PyTorch `SummaryWriter`, tensorboardX): bucket `i` covers
///   `(bucket_limit[i-1], bucket_limit[i]]`, so `rightEdges == bucket_limit`,
///   `counts == bucket`, and `leftEdges[i] == bucket_limit[i-1]` for `i > 0`. Bucket 0 is
///   unbounded below in the proto (`-DBL_MAX`); its left edge is taken as
///   `min(statistics.min, bucket_limit[0])`, i.e. the smallest value seen when bucket 0 is
///   populated and a zero-width bucket otherwise (TensorBoard's own migration also uses `min`).
/// - TF2 histogram tensors, shape `[k, 3]` rows `(left, right, count)`: the rows as stored.
public struct ForeignHistogram: Sendable, Equatable, Hashable, Codable {
    /// Where the histogram came from.
    public enum Source: String, Sendable, Codable {
        /// A `HistogramProto` (`Summary.Value.histo`).
        case histogramProto
        /// A `[k, 3]` tensor of the "histograms" plugin.
        case tensor
    }

    /// Summary statistics a `HistogramProto` carries (a TF2 tensor carries none).
    public struct Statistics: Sendable, Equatable, Hashable, Codable {
        public var min: Double
        public var max: Double
        /// Number of values.
        public var num: Double
        public var sum: Double
        public var sumOfSquares: Double

        public init(min: Double, max: Double, num: Double, sum: Double, sumOfSquares: Double) {
            self.min = min
            self.max = max
            self.num = num
            self.sum = sum
            self.sumOfSquares = sumOfSquares
        }
    }

    public var source: Source
    public var leftEdges: [Double]
    public var rightEdges: [Double]
    public var counts: [Double]
    /// Present for `HistogramProto`s.
    public var statistics: Statistics?

    /// A histogram from explicit buckets; the three arrays must have the same length.
    public init(source: Source, leftEdges: [Double], rightEdges: [Double], counts: [Double],
                statistics: Statistics?) {
        precondition(leftEdges.count == counts.count && rightEdges.count == counts.count,
                     "bucket arrays must have the same length")
        self.source = source
        self.leftEdges = leftEdges
        self.rightEdges = rightEdges
        self.counts = counts
        self.statistics = statistics
    }

    /// A legacy histogram from `HistogramProto` fields. Extra entries of the longer of
    /// `bucketLimits` and `bucketCounts` are dropped.
    public init(bucketLimits: [Double], bucketCounts: [Double], statistics: Statistics) {
        let k = Swift.min(bucketLimits.count, bucketCounts.count)
        let rights = Array(bucketLimits.prefix(k))
        var lefts = [Double]()
        lefts.reserveCapacity(k)
        // A NaN or infinite `min` (PyTorch writes NaN when the values hold NaN or ±Inf)
        // says nothing about bucket 0's left edge: it becomes zero-width at its right edge.
        if k > 0 { lefts.append(statistics.min.isFinite ? Swift.min(statistics.min, rights[0]) : rights[0]) }
        lefts.append(contentsOf: rights.dropLast())
        self.init(source: .histogramProto, leftEdges: lefts, rightEdges: rights,
                  counts: Array(bucketCounts.prefix(k)), statistics: statistics)
    }

    /// The number of NaN and ±Inf values, where the format tells: a `HistogramProto` from
    /// PyTorch's `SummaryWriter` (or tensorboardX) leaves them out of its buckets but
    /// counts them in `num`, so it is `num − Σ counts` (never below 0). Nil for TF2
    /// tensors, which carry no `num`.
    public var nonFiniteCount: Double? {
        guard let num = statistics?.num, num.isFinite else { return nil }
        return Swift.max(0, (num - counts.reduce(0, +)).rounded())
    }

    /// Number of values: `statistics.num` if known, else the sum of `counts`.
    public var totalCount: Double { statistics?.num ?? counts.reduce(0, +) }
}
