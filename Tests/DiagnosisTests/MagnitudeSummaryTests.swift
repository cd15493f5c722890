import Diagnosis
import Histograms
import Numerics
import Testing
import TensorBoardLog

@Suite("Summary of |x| for inspect")
struct MagnitudeSummaryTests {
    /// On an exponential histogram the median |x| is within one bucket of the true one.
    @Test func exponentialHistogramMedianWithinABucket() throws {
        var histogram = ExponentialHistogram(scale: 3)
        let values: [Float] = (1...1001).map { Float($0) * 1e-4 * ($0 % 2 == 0 ? 1 : -1) }
        histogram.record(contentsOf: values)
        let summary = MagnitudeSummary(.exponential(histogram))
        let median = try #require(summary.median)
        #expect(median.isApproximatelyEqual(to: 501e-4, relativeTolerance: 0.045))
        #expect(summary.zeroCount == 0)
        #expect(summary.nanCount == 0)
    }
}

extension MagnitudeSummaryTests {
    /// Foreign buckets: percentiles from the folded buckets; zeros known only from a [0, 0] bucket.
    @Test func bucketedHistogramSummary() throws {
        let withZeros = ForeignHistogram(bucketLimits: [0, 1, 2], bucketCounts: [10, 45, 45],
                                          statistics: .init(min: 0, max: 2, num: 100, sum: 100, sumOfSquares: 150))
        let summary = MagnitudeSummary(.bucketed(withZeros))
        #expect(summary.zeroCount == 10)
        let median = try #require(summary.median)
        // Rank 50 of 100: past the 10 zeros, 40 of the 45 values uniform on [0, 1].
        #expect(median.isApproximatelyEqual(to: 40.0 / 45, relativeTolerance: 1e-12))
        #expect(summary.nanCount == nil)
    }
}
