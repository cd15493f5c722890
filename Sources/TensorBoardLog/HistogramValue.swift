import Histograms

/// A histogram loaded from an event file: ours at full fidelity, or a foreign bucketed one.
public enum HistogramValue: Sendable, Equatable {
    /// Written by gradscope: every bucket, counter and statistic of the original.
    case exponential(ExponentialHistogram)
    /// Written by another tool (legacy `HistogramProto` or TF2 `[k, 3]` tensor).
    case bucketed(ForeignHistogram)

    /// Contiguous buckets in increasing value order: bucket `i` spans `edges[i]…edges[i+1]`
    /// and holds `counts[i]` values (`edges.count == counts.count + 1`, or both empty).
    ///
    /// - Exponential: see `SignedBuckets.init(_:)` for ExponentialHistogram.
    /// - Bucketed: `edges = [leftEdges[0]] + rightEdges`, `counts` as stored. For a legacy
    ///   `HistogramProto` this is `[min(min, bucket_limit[0])] + bucket_limit`.
    ///   Should a TF2 tensor have gaps between rows, the right edges are kept.
    public var buckets: SignedBuckets {
        switch self {
        case .exponential(let histogram):
            return SignedBuckets(histogram)
        case .bucketed(let histogram):
            guard let first = histogram.leftEdges.first else { return SignedBuckets(edges: [], counts: []) }
            return SignedBuckets(edges: [first] + histogram.rightEdges, counts: histogram.counts)
        }
    }

    /// Number of values, including NaN and infinities for exponential histograms.
    public var totalCount: Double {
        switch self {
        case .exponential(let histogram): Double(histogram.count)
        case .bucketed(let histogram): histogram.totalCount
        }
    }
}


extension HistogramValue {
    /// The distribution of |x| that plots and detectors read: an exponential histogram's
    /// exactly, by bucket index (`MagnitudeHistogram.init(_:)`); a foreign one's by folding
    /// its signed buckets (`MagnitudeHistogram.init(signedEdges:counts:linearBuckets:)`),
    /// marked as linear when it is a TF2 tensor of equal-width buckets. Throws
    /// `HistogramError.invalidBuckets` for foreign buckets that describe no histogram.
    public func magnitudes() throws(HistogramError) -> MagnitudeHistogram {
        switch self {
        case .exponential(let histogram):
            return MagnitudeHistogram(histogram)
        case .bucketed(let histogram):
            let signed = buckets
            return try MagnitudeHistogram(signedEdges: signed.edges, counts: signed.counts,
                                          linearBuckets: histogram.source == .tensor && Self.hasEqualWidths(signed.edges))
        }
    }

    /// Whether there are at least three buckets, all of one width (TF2's default of 30
    /// linear buckets).
    static func hasEqualWidths(_ edges: [Double]) -> Bool {
        guard edges.count >= 4 else { return false }
        let widths = zip(edges, edges.dropFirst()).map { $1 - $0 }
        guard let w = widths.first, w > 0 else { return false }
        return widths.allSatisfy { abs($0 - w) <= 1e-6 * w }
    }
}
