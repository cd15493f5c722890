import Foundation
import Histograms
import Numerics
import GradscopeTestSupport
import Testing
@testable import Plotting

/// A slice is a step and Histograms' `MagnitudeHistogram`; the maths is tested in
/// HistogramsTests (`MagnitudeHistogramTests`). Here: what the slice adds.
@Suite struct HistogramSliceTests {
    @Test func membersAreTheMagnitudeHistogramsAndWritable() throws {
        var s = try HistogramSlice(step: 7, edges: [1, 2, 4], counts: [3, 5], zeroCount: 2, nanCount: 1)
        #expect(s.step == 7 && s.edges == [1, 2, 4] && s.counts == [3, 5] && s.zeroCount == 2 && s.nanCount == 1)
        #expect(s.finiteCount == 10 && s.totalCount == 11)
        s.counts = [1, 1]
        #expect(s.magnitudes.counts == [1, 1])
    }

    @Test func badInputThrowsAPlotErrorNamingTheStep() {
        for make in [{ try HistogramSlice(step: 3, signedEdges: [0, 1], counts: [1, 2]) },
                     { try HistogramSlice(step: 3, signedEdges: [2, 1], counts: [1]) },
                     { try HistogramSlice(step: 3, edges: [0, 1], counts: [-1]) },
                     { try HistogramSlice(step: 3, signedEdges: [0, .nan], counts: [1]) }] {
            #expect {
                _ = try make()
            } throws: { error in
                guard case PlotError.invalidArgument(let message) = error else { return false }
                return message.hasPrefix("histogram at step 3: ")
            }
        }
    }

    @Test func mergedSlicesCarryTheFirstStep() throws {
        let a = try HistogramSlice(step: 4, edges: [1, 2], counts: [1])
        let c = try HistogramSlice(step: 9, edges: [1, 2], counts: [4], zeroCount: 2)
        let merged = try #require(HistogramSlice.merged([a, c]))
        #expect(merged.step == 4 && merged.counts == [5] && merged.zeroCount == 2)
        #expect(HistogramSlice.merged([a, try HistogramSlice(step: 1, edges: [1, 3], counts: [1])]) == nil)
    }
}

@Suite struct DisplayBinsTests {
    @Test func alignedExponentialEdgesMoveWholeBuckets() {
        var h = ExponentialHistogram(scale: 3)
        var values: [Double] = []
        for k in 0..<2000 { values.append(exp(-Double(k % 37) * 0.6 - 1)) }
        h.record(contentsOf: values)
        let s = HistogramSlice(step: 1, histogram: h)
        let edges = DisplayBins.edges(lower: exp(-25), upper: 1, maxBins: 1000, exponentialScale: 3)
        let r = s.magnitudes.rebinned(onto: edges)
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
