import CCairo
import Foundation
import Testing
@testable import Plotting

/// Tick labels never overlap, whatever the axis length, with approximate and real font metrics.
@Suite struct AxisLabelTests {
    static let axes: [AxisSpec] = [
        AxisSpec(scale: .linear(0, 10_000)),
        AxisSpec(scale: .linear(-0.0031, 0.0127)),
        AxisSpec(scale: .log(.e, exp(-27), exp(3))),
        AxisSpec(scale: .log(.ten, 1e-12, 1e2)),
        AxisSpec(scale: .log(.two, pow(2, -40), 8)),
        AxisSpec(scale: .log(.ten, 3, 40)),
        AxisSpec(scale: .linear(0, 1), fixedTicks: (0...100).map { Tick(value: Double($0) / 100, label: String($0 + 1)) }),
    ]

    static func cairoRenderer() throws -> CairoRenderer {
        let surface = try CairoSurface(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 10, 10), operation: "test surface")
        return CairoRenderer(context: try CairoContext(surface: surface), rasterScale: 1)
    }

    @Test(arguments: [AxisOrientation.horizontal, .vertical])
    func labelsLeaveAGap(_ orientation: AxisOrientation) throws {
        let renderers: [Renderer] = [RecordingRenderer(), try Self.cairoRenderer()]
        let font = Font(size: 8)
        for renderer in renderers {
            for axis in Self.axes {
                for length in stride(from: 40.0, through: 700, by: 23) {
                    let ticks = axis.resolveTicks(length: length, orientation: orientation, renderer: renderer, font: font)
                    #expect(!ticks.major.isEmpty)
                    #expect(axis.fits(ticks.major, length: length, orientation: orientation, renderer: renderer, font: font),
                            "\(axis.scale) at \(length) pt: \(ticks.major.map(\.label))")
                }
            }
        }
    }

    /// The drawn page, not the tick loop's own predicate: in scalar plots of many sizes, over
    /// linear and logarithmic ranges, no two recorded text boxes (tick labels, axis labels,
    /// titles) overlap and none leaves the figure.
    @Test(arguments: [(false, 0.0, 10_000.0), (false, -0.0031, 0.0127), (true, 1e-12, 1e2), (true, 3, 40)])
    func drawnLabelsDoNotOverlap(logY: Bool, low: Double, high: Double) throws {
        let steps = (0...200).map { Double($0) * 50 }
        let values = steps.indices.map { i in
            let f = Double(i) / Double(steps.count - 1)
            return logY ? low * pow(high / low, f) : low + (high - low) * f
        }
        let series = try ScalarSeries(label: "run", steps: steps, values: values)
        for width in [1.8, 2.6, 3.5, 4.8, 6.4, 9] {
            for height in [1.4, 2.2, 3.6, 5] {
                let figure = Figure(content: ScalarPlot(panels: [ScalarPanel(series: [series])], yLabel: "value", logY: logY),
                                    width: width, height: height)
                let r = RecordingRenderer()
                figure.draw(in: r)
                let texts = r.texts.filter { !$0.text.isEmpty }
                #expect(texts.count >= 4)
                for (i, a) in texts.enumerated() {
                    #expect(figure.bounds.contains(a.box, tolerance: 0.5), "\(width)×\(height) in: '\(a.text)' leaves the figure")
                    for b in texts[(i + 1)...] where a.box.overlaps(b.box, tolerance: 0.5) {
                        Issue.record("\(width)×\(height) in, \(low)…\(high): '\(a.text)' \(a.box) overlaps '\(b.text)' \(b.box)")
                    }
                }
            }
        }
    }

    @Test func longAxisGetsMatplotlibsTickCount() {
        // 6.4 in wide axis minus margins ≈ 400 pt: matplotlib's tick space = 400 / (3·8) → nbins 9.
        let ticks = AxisSpec(scale: .linear(0, 1)).resolveTicks(length: 400, orientation: .horizontal,
                                                                renderer: RecordingRenderer(), font: Font(size: 8))
        #expect(ticks.major.map(\.label) == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
    }

    @Test func stepLabelsThinToRoundNumbers() {
        let axis = Self.axes.last!
        let ticks = axis.resolveTicks(length: 150, orientation: .vertical, renderer: RecordingRenderer(), font: Font(size: 8))
        let numbers = ticks.major.compactMap { Int($0.label) }
        #expect(numbers.count >= 2)
        let step = numbers[1] - numbers[0]
        #expect([2, 5, 10, 20, 25, 50].contains(step))
        #expect(numbers.allSatisfy { $0 % step == 0 })
    }
}
