import Histograms
import Numerics
import Testing

@Suite("Signed buckets folded onto |x|, and their quantiles")
struct MagnitudeBucketsTests {
    /// Uniform counts on [0, 10] in ten unit buckets: the q-quantile is 10q.
    @Test(arguments: [0.01, 0.1, 0.25, 0.5, 0.9, 0.99])
    func uniformBucketsInterpolateLinearly(q: Double) throws {
        let buckets = try MagnitudeBuckets(signedEdges: (0...10).map(Double.init), counts: Array(repeating: 5, count: 10))
        let quantile = try #require(buckets.quantile(q))
        #expect(quantile.isApproximatelyEqual(to: 10 * q, relativeTolerance: 1e-12))
    }

    /// A negative bucket and its mirror count as the same magnitudes.
    @Test func negativeBucketsFoldOntoMagnitudes() throws {
        let signed = try MagnitudeBuckets(signedEdges: [-4, -2, 0, 2, 4], counts: [3, 1, 1, 3])
        #expect(signed.edges == [0, 2, 4])
        #expect(signed.counts == [2, 6])
        let folded = try MagnitudeBuckets(signedEdges: [0, 2, 4], counts: [2, 6])
        for q in stride(from: 0.05, through: 0.95, by: 0.1) {
            let a = try #require(signed.quantile(q))
            let b = try #require(folded.quantile(q))
            #expect(a.isApproximatelyEqual(to: b, relativeTolerance: 1e-12), "q = \(q)")
        }
    }

    /// A bucket across zero is split in proportion to its two sides.
    @Test func straddlingBucketIsSplitByLength() throws {
        let folded = try MagnitudeBuckets(signedEdges: [-1, 3], counts: [8])
        #expect(folded.edges == [0, 1, 3])
        // 2 of 8 from [−1, 0] land on [0, 1]; the 6 from [0, 3] spread 2 and 4 over [0, 1] and [1, 3].
        #expect(folded.counts == [4, 4])
    }

    /// Exact zeros (a zero-width bucket at 0) hold their mass at 0.
    @Test func zeroWidthBucketIsAPointMass() throws {
        let buckets = try MagnitudeBuckets(signedEdges: [0, 0, 1], counts: [60, 40])
        #expect(buckets.zeroCount == 60)
        #expect(buckets.quantile(0.5) == 0)
        let q80 = try #require(buckets.quantile(0.8))
        #expect(q80.isApproximatelyEqual(to: 0.5, relativeTolerance: 1e-12))
    }

    @Test func emptyHasNoQuantile() throws {
        #expect(try MagnitudeBuckets(signedEdges: [], counts: []).quantile(0.5) == nil)
        #expect(try MagnitudeBuckets(signedEdges: [0, 1], counts: [0]).quantile(0.5) == nil)
    }

    @Test(arguments: [([0.0, 1], [1.0, 2]), ([2.0, 1], [1.0]), ([0.0, .nan], [1.0]), ([0.0, 1], [Double.infinity])])
    func invalidBucketsThrow(edges: [Double], counts: [Double]) {
        #expect(throws: HistogramError.self) { try MagnitudeBuckets(signedEdges: edges, counts: counts) }
    }
}
