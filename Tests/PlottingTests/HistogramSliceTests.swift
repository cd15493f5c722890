import Foundation
import Histograms
import Numerics
import GradscopeTestSupport
import Testing
@testable import Plotting

@Suite struct HistogramSliceTests {
    @Test func exponentialHistogramFoldsSignsOntoMagnitudes() {
        var h = ExponentialHistogram(scale: 2)
        h.record(contentsOf: [0.5, -0.5, 3.0, 0.0, 0.0, .nan, .infinity, -.infinity])
        let s = HistogramSlice(step: 7, histogram: h)
        #expect(s.step == 7)
        #expect(s.zeroCount == 2)
        #expect(s.nanCount == 1)
        #expect(s.infCount == 2)
        #expect(s.counts.reduce(0, +) == 3)
        #expect(s.exponentialScale == 2)
        // 0.5 and −0.5 share one bucket (b^i, b^(i+1)].
        let i = s.edges.indices.dropLast().first { s.edges[$0] < 0.5 && 0.5 <= s.edges[$0 + 1] }!
        #expect(s.counts[i] == 2)
        let j = s.edges.indices.dropLast().first { s.edges[$0] < 3.0 && 3.0 <= s.edges[$0 + 1] }!
        #expect(s.counts[j] == 1)
    }

    /// Merging the slices of two histograms gives the slice of their merge: the plots' exact
    /// merge by bucket index agrees with Histograms' `merging`, on ranges that do not overlap
    /// (a gap between them), overlap, and nest, with zeros, NaN and ∞ added.
    @Test(arguments: [(1e-9, 1e-7, 1e-3, 1e-1), (1e-6, 1e-2, 1e-4, 1.0), (1e-8, 10, 1e-5, 1e-4)])
    func mergedSlicesEqualTheSliceOfTheMergedHistogram(lowA: Double, highA: Double, lowB: Double, highB: Double) throws {
        var generator = SplitMix64(seed: 11)
        func sample(_ low: Double, _ high: Double) -> [Double] {
            (0..<3000).map { _ in
                let x = low * pow(high / low, Double.random(in: 0...1, using: &generator))
                return Bool.random(using: &generator) ? x : -x
            }
        }
        var a = ExponentialHistogram(scale: 3), b = ExponentialHistogram(scale: 3)
        a.record(contentsOf: sample(lowA, highA) + [0, .nan])
        b.record(contentsOf: sample(lowB, highB) + [0, 0, .infinity, -.infinity])
        let merged = try #require(HistogramSlice.merged([HistogramSlice(step: 1, histogram: a), HistogramSlice(step: 2, histogram: b)]))
        let expected = HistogramSlice(step: 1, histogram: a.merging(b))
        #expect(merged.exponentialOffset == expected.exponentialOffset)
        #expect(merged.counts == expected.counts)
        #expect(merged.edges.count == expected.edges.count)
        for (m, e) in zip(merged.edges, expected.edges) { #expect(m.isApproximatelyEqual(to: e, relativeTolerance: 1e-15)) }
        #expect(merged.zeroCount == 3 && merged.nanCount == 1 && merged.infCount == 2)
        #expect(merged.counts.reduce(0, +) == 6000)
    }

    @Test func tensorBoardSymmetricBucketsFoldExactly() throws {
        // TF's default limits ±1e-12·1.1^k: fold (−1.1e-12·1.1, −1.1e-12] onto [1.1e-12, 1.21e-12].
        let pos: [Double] = (0..<5).map { 1e-12 * pow(1.1, Double($0)) }
        let negative: [Double] = pos.reversed().map { -$0 }
        let edges: [Double] = negative + [0] + pos
        let counts: [Double] = [1, 2, 3, 4, 5, 6, 10, 20, 30, 40]
        let s = try HistogramSlice(step: 0, signedEdges: edges, counts: counts)
        #expect(s.edges.count == 6)
        #expect(s.edges[0] == 0)
        for k in 1..<5 { #expect(s.edges[k].isApproximatelyEqual(to: pos[k - 1], relativeTolerance: 1e-15)) }
        // Negative bucket (−pos[k+1], −pos[k]] and positive (pos[k], pos[k+1]] add.
        let expected: [Double] = [11, 14, 23, 32, 41]
        #expect(s.counts == expected)
        #expect(s.finiteCount == counts.reduce(0, +))
    }

    @Test func bucketStraddlingZeroSplitsInProportion() throws {
        let s = try HistogramSlice(step: 0, signedEdges: [-1, 3], counts: [8], linearBuckets: true)
        // 2 values on [0, 1] from the negative part, 6 on [0, 3]: cut at 1 → [0,1]: 2 + 2, [1,3]: 4.
        #expect(s.edges == [0, 1, 3])
        #expect(s.counts[0].isApproximatelyEqual(to: 4))
        #expect(s.counts[1].isApproximatelyEqual(to: 4))
        #expect(s.hasLinearBuckets)
    }

    @Test func badInputThrowsInsteadOfCrashing() {
        #expect(throws: PlotError.self) { try HistogramSlice(step: 0, signedEdges: [0, 1], counts: [1, 2]) }
        #expect(throws: PlotError.self) { try HistogramSlice(step: 0, signedEdges: [2, 1], counts: [1]) }
        #expect(throws: PlotError.self) { try HistogramSlice(step: 0, edges: [0, 1], counts: [-1]) }
        #expect(throws: PlotError.self) { try HistogramSlice(step: 0, signedEdges: [0, .nan], counts: [1]) }
    }
}

@Suite struct RebinningTests {
    @Test func proportionalOverlapInLogMeasureConservesMass() throws {
        // Buckets one octave wide; display edges at √2-multiples cut them in half on the log axis.
        let s = try HistogramSlice(step: 0, edges: [0, 1, 2, 4, 8], counts: [10, 20, 40, 80], zeroCount: 5)
        let r = s.rebinned(onto: [2.squareRoot(), 2 * 2.squareRoot(), 4 * 2.squareRoot()])
        // [0,1] (starts at zero, linear measure) lies below √2; [1,2]: 10 below, 10 in bin 0;
        // [2,4]: 20 in bin 0, 20 in bin 1; [4,8]: 40 in bin 1, 40 above.
        #expect(r.counts[0].isApproximatelyEqual(to: 30))
        #expect(r.counts[1].isApproximatelyEqual(to: 60))
        #expect(r.above.isApproximatelyEqual(to: 40))
        #expect(r.below.isApproximatelyEqual(to: 5 + 10 + 10))
        #expect((r.counts.reduce(0, +) + r.below + r.above).isApproximatelyEqual(to: s.finiteCount))
    }

    @Test func bucketStartingAtZeroSpreadsLinearly() throws {
        let s = try HistogramSlice(step: 0, edges: [0, 10], counts: [100])
        let r = s.rebinned(onto: [1, 5, 10])
        #expect(r.below.isApproximatelyEqual(to: 10))
        #expect(r.counts[0].isApproximatelyEqual(to: 40))
        #expect(r.counts[1].isApproximatelyEqual(to: 50))
    }

    @Test func alignedExponentialEdgesMoveWholeBuckets() {
        var h = ExponentialHistogram(scale: 3)
        var values: [Double] = []
        for k in 0..<2000 { values.append(exp(-Double(k % 37) * 0.6 - 1)) }
        h.record(contentsOf: values)
        let s = HistogramSlice(step: 1, histogram: h)
        let edges = DisplayBins.edges(lower: exp(-25), upper: 1, maxBins: 1000, exponentialScale: 3)
        let r = s.rebinned(onto: edges)
        // Every display count is a whole number: no bucket was split.
        #expect(r.counts.allSatisfy { $0 == $0.rounded() })
        #expect(r.counts.reduce(0, +) + r.below + r.above == 2000)
    }

    @Test func downscaledDisplayBinsMergeNativeBucketsExactly() {
        let fine = DisplayBins.edges(lower: 1e-8, upper: 10, maxBins: 10_000, exponentialScale: 4)
        let coarse = DisplayBins.edges(lower: 1e-6, upper: 1, maxBins: 60, exponentialScale: 4)
        #expect(coarse.count - 1 <= 60)
        // Every coarse edge is one of the fine (native) edges.
        let set = Set(fine)
        #expect(coarse.allSatisfy { set.contains($0) })
    }

    @Test func logUniformEdgesWithoutScale() {
        let e = DisplayBins.edges(lower: 1e-8, upper: 1, maxBins: 8, exponentialScale: nil)
        #expect(e.count == 9)
        #expect(e[0] == 1e-8 && e[8] == 1)
        #expect(e[4].isApproximatelyEqual(to: 1e-4, relativeTolerance: 1e-12))
    }
}

@Suite struct MergingTests {
    @Test func exponentialSlicesMergeLikeTheHistogramsThemselves() {
        let a = FixedData.exponential(center: -3, n: 500), b = FixedData.exponential(center: -9, n: 700, zeros: 5, nans: 1)
        let merged = HistogramSlice.merged([HistogramSlice(step: 1, histogram: a), HistogramSlice(step: 2, histogram: b)])!
        #expect(merged.finiteCount == 1200 + 5)
        #expect(merged.nanCount == 1)
        // Bucket by bucket equal to the sum of the two slices' counts at the same edges.
        let sa = HistogramSlice(step: 1, histogram: a), sb = HistogramSlice(step: 2, histogram: b)
        for (k, edge) in merged.edges.dropLast().enumerated() {
            let ca = sa.edges.firstIndex(of: edge).flatMap { $0 < sa.counts.count ? sa.counts[$0] : nil } ?? 0
            let cb = sb.edges.firstIndex(of: edge).flatMap { $0 < sb.counts.count ? sb.counts[$0] : nil } ?? 0
            #expect(merged.counts[k] == ca + cb, "bucket at \(edge)")
        }
    }

    @Test func slicesOnDifferentGridsDoNotMerge() throws {
        let a = try HistogramSlice(step: 0, edges: [1, 2], counts: [1])
        let b = try HistogramSlice(step: 1, edges: [1, 3], counts: [1])
        #expect(HistogramSlice.merged([a, b]) == nil)
        let c = try HistogramSlice(step: 2, edges: [1, 2], counts: [4], zeroCount: 2)
        #expect(HistogramSlice.merged([a, c])?.counts == [5])
        #expect(HistogramSlice.merged([a, c])?.zeroCount == 2)
    }
}

@Suite struct StepSelectionTests {
    @Test func paperStepsWherePresent() {
        #expect(StepSelection.paper.select(from: Array(0...60)) == [1, 5, 10, 25, 50])
    }

    @Test func automaticKeepsFirstAndLastAndIsLogSpaced() {
        let chosen = StepSelection.automatic(count: 6).select(from: Array(0..<1000))
        #expect(chosen.first == 0 && chosen.last == 999)
        #expect(chosen.count == 6)
        // Gaps grow: log spacing.
        let gaps = zip(chosen, chosen.dropFirst()).map { $1 - $0 }
        #expect(zip(gaps, gaps.dropFirst()).allSatisfy { $0 <= $1 })
    }

    @Test func parsing() throws {
        #expect(try StepSelection(parsing: "1, 5,10") == .list([1, 5, 10]))
        #expect(try StepSelection(parsing: "100-500") == .range(100...500, maxCount: 40))
        #expect(try StepSelection(parsing: "auto:5") == .automatic(count: 5))
        #expect(throws: PlotError.self) { try StepSelection(parsing: "ten") }
    }

    @Test func listIgnoresMissingSteps() {
        #expect(StepSelection.list([3, 4, 99]).select(from: [1, 2, 3, 5]) == [3])
    }
}

@Suite struct SmoothingTests {
    @Test func debiasedEMAMatchesTensorBoard() {
        // last = 0.5·last + 0.5·v; value / (1 − 0.5ⁿ).
        let s = ScalarSeries.smoothed([1, 2, 3], weight: 0.5)
        #expect(s[0].isApproximatelyEqual(to: 1))
        #expect(s[1].isApproximatelyEqual(to: 1.25 / 0.75))
        #expect(s[2].isApproximatelyEqual(to: 2.125 / 0.875))
    }

    @Test func nonFiniteValuesPassThroughAndConstantSeriesStay() {
        let s = ScalarSeries.smoothed([1, .nan, 3], weight: 0.5)
        #expect(s[1].isNaN)
        #expect(s[2].isApproximatelyEqual(to: (0.25 + 1.5) / 0.75))
        #expect(ScalarSeries.smoothed([2, 2, 2], weight: 0.9) == [2, 2, 2])
        #expect(ScalarSeries.smoothed([1, 5], weight: 0) == [1, 5])
    }
}
