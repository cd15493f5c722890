import Foundation
import Histograms
import Testing
@testable import Plotting

/// Layout checks on the recorded boxes of every text and fill: no two labels overlap, no
/// text leaves its panel (or the figure), and each stacked slice's underflow bar stays in the
/// slice's own row. The expectations are geometric facts about the page, not the plots' own
/// arithmetic.
@Suite struct FigureLayoutTests {
    static func record(_ content: any FigureContent, width: Double, height: Double) -> (RecordingRenderer, Rect) {
        let figure = Figure(content: content, width: width, height: height)
        let r = RecordingRenderer()
        figure.draw(in: r)
        return (r, figure.bounds)
    }

    /// Whether a fill was drawn clipped to the panel's plotting area (up to rounding).
    static func isClipped(_ fill: RecordedFill, to frame: PlotFrame) -> Bool {
        guard let clip = fill.clip else { return false }
        return clip.contains(frame.rect, tolerance: 1e-6) && frame.rect.contains(clip, tolerance: 1e-6)
    }

    /// Texts pairwise apart, inside the figure, and inside the clip they were drawn under.
    static func expectCleanText(_ r: RecordingRenderer, bounds: Rect, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let texts = r.texts.filter { !$0.text.isEmpty }
        for (i, a) in texts.enumerated() {
            #expect(bounds.contains(a.box, tolerance: 0.5), "\(name): '\(a.text)' leaves the figure: \(a.box)", sourceLocation: sourceLocation)
            if let clip = a.clip {
                #expect(clip.contains(a.box, tolerance: 0.5), "\(name): '\(a.text)' leaves its panel \(clip): \(a.box)",
                        sourceLocation: sourceLocation)
            }
            for b in texts[(i + 1)...] where a.box.overlaps(b.box, tolerance: 0.5) {
                Issue.record("\(name): '\(a.text)' \(a.box) overlaps '\(b.text)' \(b.box)", sourceLocation: sourceLocation)
            }
        }
    }

    /// A slice of `n` log-normal values around e^center plus `zeros` exact zeros.
    static func slice(step: Int, center: Double, n: Int = 2000, zeros: Int) -> HistogramSlice {
        HistogramSlice(step: step, histogram: FixedData.exponential(center: center, n: n, zeros: zeros))
    }

    /// Adam-like collapse: the share of zeros grows from 0 to all values over the paper's steps.
    static let collapsing: [HistogramSlice] = [
        slice(step: 1, center: -8, zeros: 0), slice(step: 5, center: -10, zeros: 200),
        slice(step: 10, center: -14, zeros: 1000), slice(step: 25, center: -18, zeros: 2000),
        slice(step: 50, center: -19, zeros: 8000), slice(step: 75, center: -19, zeros: 20000),
        slice(step: 100, center: -19, n: 0, zeros: 4000),
    ]
    static let healthy: [HistogramSlice] = [1, 5, 10, 25, 50, 75, 100].map { slice(step: $0, center: -8, zeros: $0 == 1 ? 20 : 0) }

    static let stackedFigures: [(String, StackedHistogramPlot, Double, Double)] = [
        ("three runs, demo size", StackedHistogramPlot(panels: [HistogramPanel(title: "adam", slices: collapsing),
                                                                 HistogramPanel(title: "adam-warmup", slices: healthy),
                                                                 HistogramPanel(title: "radam", slices: collapsing)],
                                                       range: exp(-20)...exp(0), title: "|g|"), 10, 4.2),
        ("one run, default size", StackedHistogramPlot(panels: [HistogramPanel(slices: collapsing)], range: exp(-20)...exp(0)), 6.4, 4),
        ("two runs, small", StackedHistogramPlot(panels: [HistogramPanel(title: "a", slices: collapsing), HistogramPanel(title: "b", slices: healthy)],
                                                 range: exp(-20)...exp(0), normalization: .shared), 4, 2.5),
        ("six tensors, two rows", StackedHistogramPlot(panels: (0..<6).map { HistogramPanel(title: "layer\($0)/w", slices: collapsing) },
                                                       range: exp(-20)...exp(0), columns: 3), 8, 6),
    ]

    @Test(arguments: stackedFigures.indices)
    func stackedHistogramTextIsClean(_ i: Int) {
        let (name, plot, w, h) = Self.stackedFigures[i]
        let (r, bounds) = Self.record(plot, width: w, height: h)
        Self.expectCleanText(r, bounds: bounds, name)
    }

    /// Every bar in the underflow column (left of e⁻²⁰) sits on a slice's base line and ends
    /// below the next slice's base: inside its own row. One bar per slice that has zeros.
    @Test(arguments: stackedFigures.indices)
    func underflowBarsStayInTheirRows(_ i: Int) {
        let (name, plot, w, h) = Self.stackedFigures[i]
        let (r, _) = Self.record(plot, width: w, height: h)
        #expect(r.panelFrames.count == plot.panels.count)
        for (frame, panel) in zip(r.panelFrames, plot.panels) {
            let column = frame.px(exp(-20))
            let bars = r.fills.filter { Self.isClipped($0, to: frame) && $0.box.maxX <= column + 1e-6 && $0.box.height > 0 }
            let withZeros = panel.slices.filter { $0.zeroCount > 0 }
            #expect(bars.count == withZeros.count, "\(name): \(bars.count) underflow bars for \(withZeros.count) slices with zeros")
            func row(_ y: Double) -> Double { frame.y.value(atFraction: (frame.rect.maxY - y) / frame.rect.height) }
            for bar in bars {
                let base = row(bar.box.maxY), top = row(bar.box.minY)
                #expect(abs(base - base.rounded()) < 1e-6, "\(name): a bar's base \(base) is not on a slice's base line")
                #expect(top <= base.rounded() + 1 + 1e-9, "\(name): a bar reaches \(top), above its row \(base.rounded())")
            }
        }
    }

    /// The all-zero slice gets the tallest bar, a slice with a tenth zeros a shorter one.
    @Test func underflowBarHeightFollowsTheShare() {
        let plot = StackedHistogramPlot(panels: [HistogramPanel(slices: [Self.slice(step: 1, center: -8, n: 1800, zeros: 200),
                                                                         Self.slice(step: 2, center: -8, n: 1000, zeros: 1000),
                                                                         Self.slice(step: 3, center: -8, n: 0, zeros: 500)])],
                                        steps: .list([1, 2, 3]), range: exp(-20)...exp(0))
        let (r, _) = Self.record(plot, width: 6.4, height: 4)
        let frame = r.panelFrames[0]
        let bars = r.fills.filter { Self.isClipped($0, to: frame) && $0.box.maxX <= frame.px(exp(-20)) + 1e-6 }.sorted { $0.box.maxY > $1.box.maxY }
        #expect(bars.count == 3)
        guard bars.count == 3 else { return }
        let heights = bars.map(\.box.height)
        #expect(abs(heights[1] / heights[0] - 5) < 1e-6, "a half share is five times a tenth: \(heights)")
        #expect(abs(heights[2] / heights[0] - 10) < 1e-6, "all values is ten times a tenth: \(heights)")
        #expect(Set(r.texts.map(\.text)).isSuperset(of: ["10%", "50%", "100%"]))
    }

    @Test(arguments: [(6.4, 4.0), (10, 3.6), (4, 2.5)])
    func heatmapTextIsClean(_ size: (Double, Double)) {
        let slices = (1...60).map { Self.slice(step: $0, center: -8 - Double($0) / 6, zeros: $0 * 10) }
        let plot = HeatmapPlot(panels: [HistogramPanel(title: "adam", slices: slices), HistogramPanel(title: "radam", slices: slices)],
                               logSteps: true, title: "heatmap")
        let (r, bounds) = Self.record(plot, width: size.0, height: size.1)
        Self.expectCleanText(r, bounds: bounds, "heatmap \(size)")
    }

    @Test(arguments: [(6.4, 4.0), (10, 3.6)])
    func rectificationAndScalarTextIsClean(_ size: (Double, Double)) throws {
        let rect = RectificationPlot(series: FixedData.rectificationSeries(beta2: [0.9, 0.99, 0.999], maxStep: 5000), title: "rect")
        let (r1, b1) = Self.record(rect, width: size.0, height: size.1)
        Self.expectCleanText(r1, bounds: b1, "rectification \(size)")
        let series = try ["adam", "adam-warmup", "radam"].enumerated().map { k, name in
            try ScalarSeries(label: name, steps: (0..<200).map(Double.init), values: (0..<200).map { 3.4 * exp(-Double($0 * k) / 60) })
        }
        let (r2, b2) = Self.record(ScalarPlot(panels: [ScalarPanel(series: series)], yLabel: "loss", smoothing: 0.6), width: size.0, height: size.1)
        Self.expectCleanText(r2, bounds: b2, "scalars \(size)")
    }

    /// PyTorch's RAdam (ρt > 5) with β₂ = 0.999: ρ₅ ≈ 4.996 and ρ₆ ≈ 5.994 (by hand from
    /// ρt = ρ∞ − 2tβ₂ᵗ/(1 − β₂ᵗ)), so rt starts at step 6; the threshold read from the run is 5,
    /// the figure says so, and the shaded fallback ends between steps 5 and 6.
    @Test func runRectificationMarksTheRunsThreshold() throws {
        let b = 0.999, rhoInf = 2 / (1 - b) - 1
        let steps = (1...40).map(Double.init)
        let rho = steps.map { t in rhoInf - 2 * t * pow(b, t) / (1 - pow(b, t)) }
        let r = rho.map { p in p > 5 ? sqrt((p - 4) * (p - 2) * rhoInf / ((rhoInf - 4) * (rhoInf - 2) * p)) : .nan }
        let series = try RectificationSeries(label: "radam", steps: steps, rho: rho, r: r)
        #expect(series.inferredThreshold() == 5)
        let paper = try RectificationSeries(label: "radam-paper", steps: steps, rho: rho,
                                            r: rho.map { $0 > 4 ? 0.1 : .nan })
        #expect(paper.inferredThreshold() == 4)

        let plot = RectificationPlot(series: [series], threshold: 5, logSteps: false)
        let (rec, _) = Self.record(plot, width: 6.4, height: 4)
        #expect(rec.texts.contains { $0.text == "ρₜ = 5" })
        #expect(!rec.texts.contains { $0.text == "ρₜ = 4" })
        let rFrame = rec.panelFrames[1]
        let band = rec.fills.first { Self.isClipped($0, to: rFrame) && abs($0.box.minX - rFrame.rect.minX) < 1e-6 && abs($0.box.height - rFrame.rect.height) < 1e-6
            && $0.box.width < rFrame.rect.width }
        let end = try #require(band).box.maxX
        #expect(end > rFrame.px(5) && end < rFrame.px(6), "the band ends at \(end), not between steps 5 (\(rFrame.px(5))) and 6 (\(rFrame.px(6)))")
    }
}
