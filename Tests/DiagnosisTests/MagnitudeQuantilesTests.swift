import Diagnosis
import Histograms
import Numerics
import Testing
import TensorBoardLog

@Suite("Quantiles of |x| from bucketed counts")
struct MagnitudeQuantilesTests {
    /// Uniform counts on [0, 10] in ten unit buckets: the q-quantile is 10q.
    @Test(arguments: [0.01, 0.1, 0.25, 0.5, 0.9, 0.99])
    func uniformBucketsInterpolateLinearly(q: Double) throws {
        let buckets = HistogramBuckets(edges: (0...10).map(Double.init), counts: Array(repeating: 5, count: 10))
        let quantile = try #require(MagnitudeQuantiles(buckets).quantile(q))
        #expect(quantile.isApproximatelyEqual(to: 10 * q, relativeTolerance: 1e-12))
    }

    /// A negative bucket and its mirror count as the same magnitudes.
    @Test func negativeBucketsFoldOntoMagnitudes() throws {
        let signed = HistogramBuckets(edges: [-4, -2, 0, 2, 4], counts: [3, 1, 1, 3])
        let folded = HistogramBuckets(edges: [0, 2, 4], counts: [2, 6])
        for q in stride(from: 0.05, through: 0.95, by: 0.1) {
            let a = try #require(MagnitudeQuantiles(signed).quantile(q))
            let b = try #require(MagnitudeQuantiles(folded).quantile(q))
            #expect(a.isApproximatelyEqual(to: b, relativeTolerance: 1e-12), "q = \(q)")
        }
    }

    /// Exact zeros (a zero-width bucket) hold their mass at 0.
    @Test func zeroWidthBucketIsAPointMass() throws {
        let buckets = HistogramBuckets(edges: [0, 0, 1], counts: [60, 40])
        let quantiles = MagnitudeQuantiles(buckets)
        #expect(quantiles.quantile(0.5) == 0)
        let q80 = try #require(quantiles.quantile(0.8))
        #expect(q80.isApproximatelyEqual(to: 0.5, relativeTolerance: 1e-12))
    }

    @Test func emptyHasNoQuantile() {
        #expect(MagnitudeQuantiles(HistogramBuckets(edges: [], counts: [])).quantile(0.5) == nil)
        #expect(MagnitudeQuantiles(HistogramBuckets(edges: [0, 1], counts: [0])).quantile(0.5) == nil)
    }

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
