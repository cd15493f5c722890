import Numerics
import Testing
@testable import Plotting

/// Reference colours printed by matplotlib 3.11: `matplotlib.colormaps[name](x)[:3]`.
@Suite struct ColormapTests {
    struct Case: Sendable, CustomStringConvertible {
        let name: String, x: Double, rgb: (Double, Double, Double)
        var description: String { "\(name)(\(x))" }
    }

    static let cases: [Case] = [
        .init(name: "viridis", x: 0, rgb: (0.267004, 0.004874, 0.329415)),
        .init(name: "viridis", x: 0.3, rgb: (0.206756, 0.371758, 0.553117)),
        .init(name: "viridis", x: 0.5, rgb: (0.127568, 0.566949, 0.550556)),
        .init(name: "viridis", x: 1, rgb: (0.993248, 0.906157, 0.143936)),
        .init(name: "magma", x: 0, rgb: (0.001462, 0.000466, 0.013866)),
        .init(name: "magma", x: 0.3, rgb: (0.390384, 0.100379, 0.501864)),
        .init(name: "magma", x: 0.5, rgb: (0.716387, 0.214982, 0.47529)),
        .init(name: "magma", x: 1, rgb: (0.987053, 0.991438, 0.749504)),
        .init(name: "cividis", x: 0, rgb: (0.0, 0.135112, 0.304751)),
        .init(name: "cividis", x: 0.5, rgb: (0.488697, 0.485318, 0.471008)),
        .init(name: "cividis", x: 1, rgb: (0.995737, 0.909344, 0.217772)),
    ]

    @Test(arguments: cases)
    func matchesMatplotlib(_ c: Case) throws {
        let color = try Colormap.named(c.name).color(at: c.x)
        #expect(color.red.isApproximatelyEqual(to: c.rgb.0, absoluteTolerance: 1e-9))
        #expect(color.green.isApproximatelyEqual(to: c.rgb.1, absoluteTolerance: 1e-9))
        #expect(color.blue.isApproximatelyEqual(to: c.rgb.2, absoluteTolerance: 1e-9))
    }

    @Test func tablesHave256Entries() {
        for map in [Colormap.viridis, .magma, .cividis] { #expect(map.table.count == 256) }
    }

    @Test func outOfRangeValuesClamp() {
        #expect(Colormap.viridis.color(at: -1) == Colormap.viridis.table[0])
        #expect(Colormap.viridis.color(at: 7) == Colormap.viridis.table[255])
    }

    @Test func singleHueRampGetsDarkerMonotonically() {
        let ramp = Colormap.ramp(Color(hex: 0xE65100))
        let lum = ramp.table.map { 0.2126 * $0.red + 0.7152 * $0.green + 0.0722 * $0.blue }
        #expect(zip(lum, lum.dropFirst()).allSatisfy { $0 >= $1 - 1e-12 })
        #expect(lum.first! > lum.last! + 0.3)
    }

    @Test func logNormalizationMapsDecadesEvenly() {
        let n = ColorNormalization.log(1e-4, 1)
        #expect(n.normalize(1e-4) == 0)
        #expect(n.normalize(1) == 1)
        #expect(n.normalize(1e-2)!.isApproximatelyEqual(to: 0.5))
        #expect(n.normalize(0) == nil)
        #expect(n.normalize(1e-9) == 0)
    }
}
