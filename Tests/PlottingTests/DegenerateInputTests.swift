import Foundation
import Testing
@testable import Plotting

/// Odd but legal inputs render (to the recording renderer and to PNG) without crashing, and
/// what they draw is sane: every recorded box is finite and inside the figure, and the raster
/// is not blank (at least the axes are drawn).
@Suite struct DegenerateInputTests {
    @discardableResult
    static func render(_ content: any FigureContent, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let figure = Figure(content: content, width: 3, height: 2, dpi: 40)
        let recorder = RecordingRenderer()
        figure.draw(in: recorder)
        expectSaneBoxes(recorder, bounds: figure.bounds, sourceLocation: sourceLocation)
        let image = try figure.rasterize()
        expectInk(image, sourceLocation: sourceLocation)
        return figure.displayList()
    }

    /// Every text and fill box has finite coordinates, and every text lies within the figure
    /// (to half a point). Fills may run past the figure where a clip cuts them.
    static func expectSaneBoxes(_ r: RecordingRenderer, bounds: Rect, sourceLocation: SourceLocation) {
        for fill in r.fills {
            let box = fill.box
            let finite = box.x.isFinite && box.y.isFinite && box.width.isFinite && box.height.isFinite
            #expect(finite,
                    "a fill has a non-finite box \(box)", sourceLocation: sourceLocation)
        }
        let texts = r.texts.filter { !$0.text.isEmpty }
        #expect(!texts.isEmpty, "nothing was labelled", sourceLocation: sourceLocation)
        for text in texts {
            #expect(bounds.contains(text.box, tolerance: 0.5),
                    "'\(text.text)' at \(text.box) is outside the figure \(bounds)", sourceLocation: sourceLocation)
        }
    }

    /// At least 0.5 % of the pixels are darker than light grey: the figure is not blank.
    static func expectInk(_ image: RGBAImage, sourceLocation: SourceLocation) {
        var dark = 0
        for y in 0..<image.height {
            for x in 0..<image.width {
                let c = image[x, y]
                if c.alpha > 0.5 && (c.red + c.green + c.blue) / 3 < 0.8 { dark += 1 }
            }
        }
        #expect(Double(dark) >= 0.005 * Double(image.width * image.height),
                "only \(dark) of \(image.width * image.height) pixels have ink", sourceLocation: sourceLocation)
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
        try Self.render(StackedHistogramPlot(panels: [HistogramPanel(slices: [empty, zeros])], steps: .automatic(count: 3)))
        try Self.render(HeatmapPlot(panels: [HistogramPanel(slices: [empty, zeros])]))
    }

    @Test func singleStepAndDuplicateSteps() throws {
        let a = FixedData.tinySlice(step: 7, counts: [1, 2, 3])
        try Self.render(HeatmapPlot(panels: [HistogramPanel(slices: [a])]))
        try Self.render(HeatmapPlot(panels: [HistogramPanel(slices: [a, a, a])], logSteps: true))
        try Self.render(StackedHistogramPlot(panels: [HistogramPanel(slices: [a, a])], steps: .list([7])))
    }

    @Test func nonFiniteAndConstantScalars() throws {
        let s = try ScalarSeries(label: "x", steps: [0, 1, 2, 3], values: [.nan, .infinity, 2, 2])
        try Self.render(ScalarPlot(panels: [ScalarPanel(series: [s])], smoothing: 0.9, logY: true))
        let one = try ScalarSeries(label: "y", steps: [5], values: [1])
        try Self.render(ScalarPlot(panels: [ScalarPanel(series: [one])], logX: true))
        #expect(throws: PlotError.self) { try ScalarSeries(label: "z", steps: [1], values: []) }
    }

    @Test func rectificationWithoutAnyAdaptiveStep() throws {
        // β2 = 0.5: ρ∞ = 3 ≤ 4, so r is never defined.
        let steps = (1...50).map(Double.init)
        let rho = steps.map { t in 3 - 2 * t * pow(0.5, t) / (1 - pow(0.5, t)) }
        let s = try RectificationSeries(label: "β₂ = 0.5", steps: steps, rho: rho, r: steps.map { _ in .nan })
        try Self.render(RectificationPlot(series: [s], logSteps: false))
    }

    @Test func extremeRangesAndTinyFigures() throws {
        let wide = try HistogramSlice(step: 1, edges: [1e-300, 1e-200, 1e300], counts: [5, 5])
        try Self.render(StackedHistogramPlot(panels: [HistogramPanel(slices: [wide])], steps: .list([1])))
        let tiny = Figure(content: HeatmapPlot(panels: [HistogramPanel(slices: [wide])]), width: 0.3, height: 0.2, dpi: 20)
        let image = try tiny.rasterize()
        Self.expectInk(image, sourceLocation: #_sourceLocation)
    }
}
