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
