import Histograms
import Testing
@testable import TensorBoardLog

@Suite struct SignedBucketsTests {
    /// Scale 0: bucket i is (2^i, 2^(i+1)]. Values -3, 0, 0, 1.5, 5 give the negative bucket
    /// [-4, -2), a bridge to the zero bucket, [0, 0] with 2, a bridge, (1, 2], an empty (2, 4]
    /// and (4, 8].
    @Test func exponentialBucketsAreContiguousAndIncreasing() {
        var histogram = ExponentialHistogram(scale: 0)
        for x in [-3.0, 0, 0, 1.5, 5, .nan, .infinity] { histogram.record(x) }
        let buckets = SignedBuckets(histogram)
        #expect(buckets.edges == [-4, -2, 0, 0, 1, 2, 4, 8])
        #expect(buckets.counts == [1, 0, 2, 0, 1, 0, 1])
    }

    @Test func zeroThresholdWidensTheZeroBucket() {
        var histogram = ExponentialHistogram(scale: 0, zeroThreshold: 0.5)
        for x in [0.25, -0.25, 3] { histogram.record(x) }
        let buckets = SignedBuckets(histogram)
        #expect(buckets.edges == [-0.5, 0.5, 2, 4])
        #expect(buckets.counts == [2, 0, 1])
    }

    @Test func emptyHistogramHasNoBuckets() {
        let buckets = HistogramValue.exponential(ExponentialHistogram()).buckets
        #expect(buckets.edges.isEmpty && buckets.counts.isEmpty)
    }

    @Test func tensorHistogramEdgesAreLeftsThenLastRight() {
        let histogram = ForeignHistogram(source: .tensor, leftEdges: [0, 1], rightEdges: [1, 2], counts: [5, 6],
                                          statistics: nil)
        #expect(HistogramValue.bucketed(histogram).buckets == SignedBuckets(edges: [0, 1, 2], counts: [5, 6]))
        #expect(histogram.totalCount == 11)
    }
}
