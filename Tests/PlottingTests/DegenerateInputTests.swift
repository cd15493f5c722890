import Foundation
import Testing
@testable import Plotting

/// Odd but legal inputs render (to the recording renderer and to PNG) without crashing.
@Suite struct DegenerateInputTests {
    static func render(_ content: any FigureContent) throws -> String {
        let figure = Figure(content: content, width: 3, height: 2, dpi: 40)
        _ = try figure.rasterize()
        return figure.displayList()
    }

    @Test func emptyInputsSayThereIsNothingToPlot() throws {
        #expect(try Self.render(StackedHistogramPlot(panels: [])).contains("no histograms to plot"))
        #expect(try Self.render(HeatmapPlot(panels: [HistogramPanel(slices: [])])).contains("no histograms to plot"))
        #expect(try Self.render(ScalarPlot(panels: [])).contains("no scalar data"))
        #expect(try Self.render(RectificationPlot(series: [])).contains("no rectification data"))
    }

    @Test func slicesWithoutBucketsOrOnlyZeros() throws {
        let empty = try HistogramSlice(step: 3, edges: [], counts: [], zeroCount: 10, nanCount: 1)
        let zeros = try HistogramSlice(step: 4, edges: [1, 2], counts: [0])
        _ = try Self.render(StackedHistogramPlot(panels: [HistogramPanel(slices: [empty, zeros])], steps: .automatic(count: 3)))
        _ = try Self.render(HeatmapPlot(panels: [HistogramPanel(slices: [empty, zeros])]))
    }

    @Test func singleStepAndDuplicateSteps() throws {
        let a = FixedData.tinySlice(step: 7, counts: [1, 2, 3])
        _ = try Self.render(HeatmapPlot(panels: [HistogramPanel(slices: [a])]))
        _ = try Self.render(HeatmapPlot(panels: [HistogramPanel(slices: [a, a, a])], logSteps: true))
        _ = try Self.render(StackedHistogramPlot(panels: [HistogramPanel(slices: [a, a])], steps: .list([7])))
    }

    @Test func nonFiniteAndConstantScalars() throws {
        let s = try ScalarSeries(label: "x", steps: [0, 1, 2, 3], values: [.nan, .infinity, 2, 2])
        _ = try Self.render(ScalarPlot(panels: [ScalarPanel(series: [s])], smoothing: 0.9, logY: true))
        let one = try ScalarSeries(label: "y", steps: [5], values: [1])
        _ = try Self.render(ScalarPlot(panels: [ScalarPanel(series: [one])], logX: true))
        #expect(throws: PlotError.self) { try ScalarSeries(label: "z", steps: [1], values: []) }
    }

    @Test func rectificationWithoutAnyAdaptiveStep() throws {
        // β2 = 0.5: ρ∞ = 3 ≤ 4, so r is never defined.
        let steps = (1...50).map(Double.init)
        let rho = steps.map { t in 3 - 2 * t * pow(0.5, t) / (1 - pow(0.5, t)) }
        let s = try RectificationSeries(label: "β₂ = 0.5", steps: steps, rho: rho, r: steps.map { _ in .nan })
        _ = try Self.render(RectificationPlot(series: [s], logSteps: false))
    }

    @Test func extremeRangesAndTinyFigures() throws {
        let wide = try HistogramSlice(step: 1, edges: [1e-300, 1e-200, 1e300], counts: [5, 5])
        _ = try Self.render(StackedHistogramPlot(panels: [HistogramPanel(slices: [wide])], steps: .list([1])))
        let tiny = Figure(content: HeatmapPlot(panels: [HistogramPanel(slices: [wide])]), width: 0.3, height: 0.2, dpi: 20)
        _ = try tiny.rasterize()
    }
}
