import Histograms
import TensorBoardLog

/// A one-line summary of a histogram of x seen as magnitudes |x|: the 1st, 50th and 99th
/// percentiles and the counts of exact zeros, NaN and infinities.
///
/// Counts a format does not record are nil: foreign histograms carry no separate NaN or
/// Inf counters (a `HistogramProto`'s `num − Σ bucket` gives their total), and their zeros are known only when a bucket holds exactly zero
/// (edges `[0, 0]`, as PyTorch's default bins give for |g| with exact zeros).
public struct MagnitudeSummary: Sendable, Equatable {
    public var p01: Double?
    public var median: Double?
    public var p99: Double?
    public var zeroCount: Double?
    public var nanCount: Double?
    public var positiveInfinityCount: Double?
    public var negativeInfinityCount: Double?
    /// NaN and ±Inf together: ours from the counters, a foreign `HistogramProto` from
    /// `num − Σ bucket` (`ForeignHistogram.nonFiniteCount`); nil for TF2 tensors.
    public var nonFiniteCount: Double?

    /// Percentiles come from Histograms' quantiles, one interpolation rule for every format
    /// (`BucketMeasure`): an exponential histogram's own `magnitudes.quantile` (±Inf ranked
    /// as the largest magnitudes, clamped to the exact extremes), a foreign one's from its
    /// buckets folded onto |x| (`HistogramValue.magnitudes()`).
    public init(_ value: HistogramValue) {
        switch value {
        case .exponential(let histogram):
            let magnitudes = histogram.magnitudes
            p01 = magnitudes.quantile(0.01)
            median = magnitudes.quantile(0.5)
            p99 = magnitudes.quantile(0.99)
            zeroCount = Double(histogram.zeroCount)
            nanCount = Double(histogram.nanCount)
            positiveInfinityCount = Double(histogram.positiveInfinityCount)
            negativeInfinityCount = Double(histogram.negativeInfinityCount)
            nonFiniteCount = Double(histogram.nanCount + histogram.positiveInfinityCount + histogram.negativeInfinityCount)
        case .bucketed(let histogram):
            nonFiniteCount = histogram.nonFiniteCount
            let buckets = value.buckets
            let folded = try? value.magnitudes()
            p01 = folded?.quantile(0.01)
            median = folded?.quantile(0.5)
            p99 = folded?.quantile(0.99)
            let exactZeros = buckets.counts.indices.filter {
                buckets.edges[$0] == 0 && buckets.edges[$0 + 1] == 0
            }
            zeroCount = exactZeros.isEmpty ? nil : exactZeros.reduce(0) { $0 + buckets.counts[$1] }
        }
    }
}
