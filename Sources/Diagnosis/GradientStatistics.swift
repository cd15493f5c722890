import Histograms
import TensorBoardLog

/// What the detectors ask of one gradient histogram, for ours and foreign ones alike.
///
/// Non-finite values: ours count NaN and ±Inf; a foreign `HistogramProto` (PyTorch's
/// `SummaryWriter`, tensorboardX) drops them from its buckets but still counts them in
/// `num`, so there the non-finite count is `num − Σ bucket`. A TF2 tensor records neither,
/// and the count is unknown (nil).
struct GradientStatistics {
    var step: Int64
    /// Finite values, as the buckets hold them.
    var finiteCount: Double
    var nonFiniteCount: Double?
    /// Whether every finite value is exactly zero (nil when the format cannot tell).
    var allZero: Bool?
    /// The largest finite |g|.
    var maxMagnitude: Double?
    /// √Σg² over the finite values.
    var norm: Double?
    /// The distribution of |g| (nil when foreign buckets are malformed).
    var magnitudes: MagnitudeHistogram?
    var isExponential: Bool

    init(_ point: HistogramPoint) {
        step = point.step
        magnitudes = try? point.histogram.magnitudes()
        if case .exponential = point.histogram { isExponential = true } else { isExponential = false }
        switch point.histogram {
        case .exponential(let h):
            finiteCount = Double(h.finiteCount)
            nonFiniteCount = Double(h.nanCount + h.positiveInfinityCount + h.negativeInfinityCount)
            allZero = h.finiteCount == 0 ? nil : h.zeroThreshold == 0 && h.zeroCount == h.finiteCount
            maxMagnitude = h.finiteCount == 0 ? nil : Swift.max(abs(h.min), abs(h.max))
            norm = h.sumOfSquares.isFinite ? h.sumOfSquares.squareRoot() : nil
        case .bucketed(let h):
            finiteCount = h.counts.reduce(0, +)
            nonFiniteCount = h.nonFiniteCount
            if let s = h.statistics, s.min.isFinite, s.max.isFinite, finiteCount > 0 {
                allZero = s.min == 0 && s.max == 0
                maxMagnitude = Swift.max(abs(s.min), abs(s.max))
            } else {
                allZero = magnitudes.flatMap { m in finiteCount > 0 ? m.zeroCount == finiteCount : nil }
                maxMagnitude = magnitudes?.largestOccupiedEdge
            }
            norm = h.statistics.flatMap { s in s.sumOfSquares.isFinite && s.sumOfSquares >= 0 ? s.sumOfSquares.squareRoot() : nil }
        }
        if maxMagnitude?.isFinite == false { maxMagnitude = nil }
    }

    /// The fraction of the finite |g| that are exactly zero (nil when unknown: a foreign
    /// histogram knows its zeros only from a zero-width bucket at 0).
    var zeroFraction: Double? {
        guard let m = magnitudes, finiteCount > 0 else { return nil }
        if allZero == true { return 1 }
        return m.zeroCount > 0 || isExponential ? m.zeroCount / finiteCount : nil
    }

    /// The fraction of the non-zero finite |g| below `threshold` (placed within a bucket by
    /// Histograms' `BucketMeasure`), or nil without such values. Exact zeros (a dead unit, an
    /// unused row) are not small gradients and are left out.
    func fraction(below threshold: Double) -> Double? {
        guard let m = magnitudes, finiteCount - m.zeroCount > 0 else { return nil }
        let nonZeroBelow = m.count(below: threshold) - (threshold > 0 ? m.zeroCount : 0)
        return Swift.min(Swift.max(nonZeroBelow, 0) / (finiteCount - m.zeroCount), 1)
    }
}
