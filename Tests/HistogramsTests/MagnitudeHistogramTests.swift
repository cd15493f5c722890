import Foundation
import GradscopeTestSupport
import Histograms
import Numerics
import Testing

/// Samples of ±x with log-uniform |x| in `low … high`.
private func signedLogUniform(_ n: Int, _ low: Double, _ high: Double, using generator: inout SplitMix64) -> [Double] {
    (0 ..< n).map { _ in
        let x = low * pow(high / low, Double.random(in: 0 ... 1, using: &generator))
        return Bool.random(using: &generator) ? x : -x
    }
}

@Suite("Signed buckets folded onto |x|")
struct FoldingTests {
    /// Scale 2: 0.5 and −0.5 share one magnitude bucket, zeros, NaN and ±∞ keep counters.
    @Test func exponentialHistogramFoldsSignsByBucketIndex() throws {
        var h = ExponentialHistogram(scale: 2)
        h.record(contentsOf: [0.5, -0.5, 3.0, 0.0, 0.0, .nan, .infinity, -.infinity])
        let m = MagnitudeHistogram(h)
        #expect(m.zeroCount == 2 && m.nanCount == 1 && m.infCount == 2)
        #expect(m.counts.reduce(0, +) == 3)
        #expect(m.exponentialScale == 2)
        // b = 2^(1/4): 0.5 = b^−4 lies in bucket −5 = (b^−5, b^−4]; 3 in bucket 6 = (b^6, b^7] (2.83 < 3 ≤ 3.36).
        #expect(m.exponentialOffset == -5)
        #expect(m.counts.first == 2 && m.counts.last == 1 && m.counts.count == 12)
        #expect(m.edges.first!.isApproximatelyEqual(to: pow(2, -5.0 / 4), relativeTolerance: 1e-15))
        #expect(m.edges.last!.isApproximatelyEqual(to: pow(2, 7.0 / 4), relativeTolerance: 1e-15))
    }

    @Test func negativeBucketsFoldOntoTheirMirrors() throws {
        let signed = try MagnitudeHistogram(signedEdges: [-4, -2, 0, 2, 4], counts: [3, 1, 1, 3])
        #expect(signed.edges == [0, 2, 4])
        #expect(signed.counts == [2, 6])
    }

    /// A bucket across zero is split in proportion to its two sides.
    @Test func straddlingBucketIsSplitByLength() throws {
        let folded = try MagnitudeHistogram(signedEdges: [-1, 3], counts: [8], linearBuckets: true)
        #expect(folded.edges == [0, 1, 3])
        // 2 of 8 from [−1, 0] land on [0, 1]; the 6 from [0, 3] spread 2 and 4 over [0, 1] and [1, 3].
        #expect(folded.counts == [4, 4])
        #expect(folded.hasLinearBuckets)
    }

    /// TF's default limits ±1e-12·1.1^k fold exactly: (−1e-12·1.1^(k+1), −1e-12·1.1^k] onto
    /// the positive bucket of the same k, and the bucket (0, 1e-12] stays [0, 1e-12].
    @Test func tensorBoardSymmetricBucketsFoldExactly() throws {
        let pos: [Double] = (0 ..< 5).map { 1e-12 * pow(1.1, Double($0)) }
        let edges: [Double] = pos.reversed().map { -$0 } + [0] + pos
        let counts: [Double] = [1, 2, 3, 4, 5, 6, 10, 20, 30, 40]
        let m = try MagnitudeHistogram(signedEdges: edges, counts: counts)
        #expect(m.edges.count == 6 && m.edges[0] == 0)
        for k in 1 ..< 5 { #expect(m.edges[k].isApproximatelyEqual(to: pos[k - 1], relativeTolerance: 1e-15)) }
        #expect(m.counts == [11, 14, 23, 32, 41])
    }

    /// Exact zeros (a zero-width bucket at 0) are zeros.
    @Test func zeroWidthBucketAtZeroCountsAsZeros() throws {
        let m = try MagnitudeHistogram(signedEdges: [0, 0, 1], counts: [60, 40])
        #expect(m.zeroCount == 60 && m.counts == [40] && m.edges == [0, 1])
    }

    @Test(arguments: [([0.0, 1], [1.0, 2]), ([2.0, 1], [1.0]), ([0.0, .nan], [1.0]), ([0.0, 1], [Double.infinity])])
    func invalidSignedBucketsThrow(edges: [Double], counts: [Double]) {
        #expect(throws: HistogramError.self) { try MagnitudeHistogram(signedEdges: edges, counts: counts) }
    }

    @Test(arguments: [([0.0, 1], [1.0, 2]), ([2.0, 1], [1.0]), ([-1.0, 1], [1.0]), ([0.0, 1], [-1.0]), ([0.0, .infinity], [1.0])])
    func invalidMagnitudeBucketsThrow(edges: [Double], counts: [Double]) {
        #expect(throws: HistogramError.self) { try MagnitudeHistogram(edges: edges, counts: counts) }
    }
}

@Suite("Quantiles and counts below a threshold, one rule within a bucket")
struct MagnitudeQuantileTests {
    /// One bucket reaching 0: values uniform in x, so the q-quantile of [0, 10] is 10q.
    @Test(arguments: [0.01, 0.25, 0.5, 0.9, 0.99])
    func bucketFromZeroIsUniformInX(q: Double) throws {
        let m = try MagnitudeHistogram(edges: [0, 10], counts: [40])
        #expect(try #require(m.quantile(q)).isApproximatelyEqual(to: 10 * q, relativeTolerance: 1e-12))
    }

    /// One bucket above 0: values uniform in log x, so the q-quantile of [1, 100] is 10^(2q).
    @Test(arguments: [0.01, 0.25, 0.5, 0.9, 0.99])
    func positiveBucketIsUniformInLogX(q: Double) throws {
        let m = try MagnitudeHistogram(edges: [1, 100], counts: [40])
        #expect(try #require(m.quantile(q)).isApproximatelyEqual(to: pow(10, 2 * q), relativeTolerance: 1e-12))
    }

    /// 60 zeros, then 40 values on [0, 1]: the median is 0, the 0.8-quantile is the middle of [0, 1].
    @Test func zerosRankFirst() throws {
        let m = try MagnitudeHistogram(edges: [0, 1], counts: [40], zeroCount: 60)
        #expect(m.quantile(0.5) == 0)
        #expect(try #require(m.quantile(0.8)).isApproximatelyEqual(to: 0.5, relativeTolerance: 1e-12))
    }

    /// An exponential histogram's quantile and its magnitudes' follow the same rule: b^(i+f).
    @Test func exponentialBucketGivesTheBasePower() throws {
        var h = ExponentialHistogram(scale: 0)   // bucket 1 is (2, 4]
        for _ in 0 ..< 8 { h.record(3.0) }
        h.record(1.5)                             // bucket 0, (1, 2]
        // Rank 0.5·9 = 4.5 is 3.5 of 8 into (2, 4]: 2^(1 + 3.5/8).
        let expected = pow(2, 1 + 3.5 / 8)
        #expect(try #require(MagnitudeHistogram(h).quantile(0.5)).isApproximatelyEqual(to: expected, relativeTolerance: 1e-12))
        #expect(try #require(h.quantile(0.5)).isApproximatelyEqual(to: expected, relativeTolerance: 1e-12))
    }

    @Test func emptyHasNoQuantile() throws {
        #expect(try MagnitudeHistogram(edges: [], counts: []).quantile(0.5) == nil)
        #expect(try MagnitudeHistogram(edges: [0, 1], counts: [0]).quantile(0.5) == nil)
        #expect(try MagnitudeHistogram(edges: [0, 1], counts: [1]).quantile(.nan) == nil)
    }

    /// 5 zeros, 10 on [0, 1], 20 on [1, 4]: 2 is halfway through [1, 4] in log x.
    @Test func countBelowFollowsTheSameRule() throws {
        let m = try MagnitudeHistogram(edges: [0, 1, 4], counts: [10, 20], zeroCount: 5)
        #expect(m.count(below: 2).isApproximatelyEqual(to: 5 + 10 + 10, relativeTolerance: 1e-12))
        #expect(m.count(below: 0.5).isApproximatelyEqual(to: 5 + 5, relativeTolerance: 1e-12))
        #expect(m.count(below: 0) == 0)
        #expect(m.count(below: 100) == 35)
        #expect(m.largestOccupiedEdge == 4)
    }
}

@Suite("Rebinning magnitudes onto other edges")
struct RebinningTests {
    /// Buckets one octave wide; edges at √2-multiples cut them in half on the log axis.
    @Test func proportionalOverlapInLogMeasureConservesMass() throws {
        let m = try MagnitudeHistogram(edges: [0, 1, 2, 4, 8], counts: [10, 20, 40, 80], zeroCount: 5)
        let r = m.rebinned(onto: [2.squareRoot(), 2 * 2.squareRoot(), 4 * 2.squareRoot()])
        // [0,1] (starts at zero, linear measure) lies below √2; [1,2]: 10 below, 10 in bin 0;
        // [2,4]: 20 in bin 0, 20 in bin 1; [4,8]: 40 in bin 1, 40 above.
        #expect(r.counts[0].isApproximatelyEqual(to: 30))
        #expect(r.counts[1].isApproximatelyEqual(to: 60))
        #expect(r.above.isApproximatelyEqual(to: 40))
        #expect(r.below.isApproximatelyEqual(to: 5 + 10 + 10))
    }

    @Test func bucketStartingAtZeroSpreadsLinearly() throws {
        let r = try MagnitudeHistogram(edges: [0, 10], counts: [100]).rebinned(onto: [1, 5, 10])
        #expect(r.below.isApproximatelyEqual(to: 10))
        #expect(r.counts[0].isApproximatelyEqual(to: 40))
        #expect(r.counts[1].isApproximatelyEqual(to: 50))
    }

    /// Rebinning onto the histogram's own boundaries b^i moves whole buckets.
    @Test func bucketBoundariesRebinExactly() {
        var h = ExponentialHistogram(scale: 2)
        for x: Double in [1.1, 1.3, 1.5, 1.7, 3, 3, -1.2] { h.record(x) }
        let edges = ExponentialHistogram.boundaries(ofBuckets: 0 ..< 8, scale: 2)
        let r = MagnitudeHistogram(h).rebinned(onto: edges)
        for (i, count) in r.counts.enumerated() {
            #expect(count == Double(h.positive[i] + h.negative[i]), "bucket \(i)")
        }
    }

    @Test func massIsConservedOverAnyEdges() {
        var generator = SplitMix64(seed: 12)
        var h = ExponentialHistogram(scale: 3)
        h.record(contentsOf: signedLogUniform(10_000, 1e-5, 1, using: &generator) + [0, .nan])
        let r = MagnitudeHistogram(h).rebinned(onto: stride(from: -4.0, through: -0.5, by: 0.05).map { pow(10, $0) })
        #expect((r.counts.reduce(0, +) + r.below + r.above).isApproximatelyEqual(to: 10_001, relativeTolerance: 1e-12))
        #expect(r.counts.allSatisfy { $0 >= 0 })
    }

    @Test func degenerateEdgesNeverCrash() throws {
        let m = try MagnitudeHistogram(edges: [1, 2], counts: [3], zeroCount: 1)
        for edges in [[], [1.0]] {
            let r = m.rebinned(onto: edges)
            #expect(r.counts.isEmpty && r.below == 4 && r.above == 0)
        }
        let point = try MagnitudeHistogram(edges: [2, 2], counts: [5]).rebinned(onto: [1, 3, 4])
        #expect(point.counts == [5, 0])
    }
}

@Suite("Merging magnitudes")
struct MagnitudeMergingTests {
    /// The magnitudes of two histograms merged by index equal the magnitudes of their merge
    /// (Histograms' exact `merging`), on ranges with a gap, overlapping, and nested.
    @Test(arguments: [(1e-9, 1e-7, 1e-3, 1e-1), (1e-6, 1e-2, 1e-4, 1.0), (1e-8, 10, 1e-5, 1e-4)])
    func mergedMagnitudesEqualTheMagnitudesOfTheMerge(lowA: Double, highA: Double, lowB: Double, highB: Double) throws {
        var generator = SplitMix64(seed: 11)
        var a = ExponentialHistogram(scale: 3), b = ExponentialHistogram(scale: 3)
        a.record(contentsOf: signedLogUniform(3000, lowA, highA, using: &generator) + [0, .nan])
        b.record(contentsOf: signedLogUniform(3000, lowB, highB, using: &generator) + [0, 0, .infinity, -.infinity])
        let merged = try #require(MagnitudeHistogram.merged([MagnitudeHistogram(a), MagnitudeHistogram(b)]))
        let expected = MagnitudeHistogram(a.merging(b))
        #expect(merged.exponentialOffset == expected.exponentialOffset)
        #expect(merged.counts == expected.counts)
        #expect(merged.edges == expected.edges)
        #expect(merged.zeroCount == 3 && merged.nanCount == 1 && merged.infCount == 2)
        #expect(merged.counts.reduce(0, +) == 6000)
    }

    @Test func identicalEdgesAddAndOthersDoNotMerge() throws {
        let a = try MagnitudeHistogram(edges: [1, 2], counts: [1])
        let b = try MagnitudeHistogram(edges: [1, 3], counts: [1])
        #expect(MagnitudeHistogram.merged([a, b]) == nil)
        let c = try MagnitudeHistogram(edges: [1, 2], counts: [4], zeroCount: 2)
        #expect(MagnitudeHistogram.merged([a, c])?.counts == [5])
        #expect(MagnitudeHistogram.merged([a, c])?.zeroCount == 2)
    }

    /// At scale 20, 1e−300 and 1e300 are 2·10⁹ buckets apart: no run that long is allocated.
    @Test func farApartRangesDoNotMerge() {
        var a = ExponentialHistogram(scale: 20), b = ExponentialHistogram(scale: 20)
        a.record(1e-300)
        b.record(1e300)
        #expect(MagnitudeHistogram.merged([MagnitudeHistogram(a), MagnitudeHistogram(b)]) == nil)
    }
}
