/// Why a foreign histogram read from a file was skipped.
public struct ForeignHistogramError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String
}

extension ForeignHistogram {
    /// A legacy histogram from a `HistogramProto` read from a file, checked before use:
    /// - `bucket_limit` and `bucket` have the same length;
    /// - no limit is NaN and the limits never decrease; ±∞ (which no writer produces, but
    ///   which means "unbounded") is clamped to ±`Double.greatestFiniteMagnitude`, as TF1
    ///   and PyTorch write their outermost limit;
    /// - every count is finite and ≥ 0.
    ///
    /// The statistics are kept as stored: PyTorch writes NaN `min`/`max`/`sum` when the
    /// values held NaN or ±Inf, which readers handle.
    static func checked(bucketLimits: [Double], bucketCounts: [Double],
                        statistics: Statistics) throws(ForeignHistogramError) -> ForeignHistogram {
        guard bucketLimits.count == bucketCounts.count else {
            throw ForeignHistogramError(description:
                "\(bucketLimits.count) bucket limits but \(bucketCounts.count) counts: skipped")
        }
        let limits = try checkedEdges(bucketLimits)
        try checkCounts(bucketCounts)
        return ForeignHistogram(bucketLimits: limits, bucketCounts: bucketCounts, statistics: statistics)
    }

    /// A TF2 `[k, 3]` histogram tensor's rows `(left, right, count)`, checked as
    /// `checked(bucketLimits:bucketCounts:statistics:)` checks a proto, plus left ≤ right in
    /// every row. Rows may overlap or leave gaps, as TF2 writes them.
    static func checked(leftEdges: [Double], rightEdges: [Double],
                        counts: [Double]) throws(ForeignHistogramError) -> ForeignHistogram {
        let lefts = try checkedEdges(leftEdges, ordered: false)
        let rights = try checkedEdges(rightEdges, ordered: false)
        for (left, right) in zip(lefts, rights) where left > right {
            throw ForeignHistogramError(description: "bucket (\(left), \(right)] has its left edge above its right: skipped")
        }
        try checkCounts(counts)
        return ForeignHistogram(source: .tensor, leftEdges: lefts, rightEdges: rights, counts: counts, statistics: nil)
    }

    /// `edges` with ±∞ clamped to ±`greatestFiniteMagnitude` (copied only where one is);
    /// throws on NaN, or where `ordered` and an edge is below the one before it.
    private static func checkedEdges(_ edges: [Double], ordered: Bool = true) throws(ForeignHistogramError) -> [Double] {
        var infinite = false
        for i in edges.indices {
            let edge = edges[i]
            guard !edge.isNaN else { throw ForeignHistogramError(description: "bucket edge \(i) is NaN: skipped") }
            if ordered && i > 0 && edge < edges[i - 1] {
                throw ForeignHistogramError(description: "bucket limits decrease at \(i): skipped")
            }
            infinite = infinite || edge.isInfinite
        }
        guard infinite else { return edges }
        return edges.map { Swift.min(Swift.max($0, -.greatestFiniteMagnitude), .greatestFiniteMagnitude) }
    }

    private static func checkCounts(_ counts: [Double]) throws(ForeignHistogramError) {
        for (i, count) in counts.enumerated() where !(count.isFinite && count >= 0) {
            throw ForeignHistogramError(description: "bucket \(i) has count \(count): skipped")
        }
    }
}
