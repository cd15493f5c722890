import Numerics
import Testing
@testable import Plotting

@Suite struct ScaleTests {
    @Test func linearFractionAndInverse() {
        let s = Scale.linear(-2, 6)
        #expect(s.fraction(-2) == 0)
        #expect(s.fraction(6) == 1)
        #expect(s.fraction(2).isApproximatelyEqual(to: 0.5))
        #expect(s.value(atFraction: 0.25).isApproximatelyEqual(to: 0))
    }

    @Test(arguments: LogBase.allCases)
    func logFractionIsBaseIndependent(_ base: LogBase) {
        let s = Scale.log(base, 1e-8, 1e2)
        #expect(s.fraction(1e-3).isApproximatelyEqual(to: 0.5, relativeTolerance: 1e-12))
        #expect(s.value(atFraction: 0.8).isApproximatelyEqual(to: 1, relativeTolerance: 1e-12))
        #expect(s.fraction(0) == -.infinity)
    }

    @Test func degenerateRangesAreWidened() {
        let lin = Scale.linear(3, 3)
        #expect(lin.lower < 3 && lin.upper > 3)
        let log = Scale.log(.ten, 0, 0)
        #expect(log.lower > 0 && log.upper > log.lower)
    }

    @Test func logBaseParsing() throws {
        #expect(try LogBase(parsing: "ln") == .e)
        #expect(try LogBase(parsing: "10") == .ten)
        #expect(throws: PlotError.self) { try LogBase(parsing: "7") }
    }
}

@Suite struct TickFormatTests {
    @Test func powersUseUnicodeSuperscripts() {
        #expect(TickFormat.power(.ten, -8) == "10⁻⁸")
        #expect(TickFormat.power(.e, -20) == "e⁻²⁰")
        #expect(TickFormat.power(.two, -10) == "2⁻¹⁰")
        #expect(TickFormat.power(.ten, 3) == "10³")
    }

    @Test func linearLabelsUseFewestDecimalsAndUnicodeMinus() {
        #expect(TickFormat.linearLabels([0, 0.2, 0.4]) == ["0.0", "0.2", "0.4"])
        #expect(TickFormat.linearLabels([0.0125, 0.015, 0.0175]) == ["0.0125", "0.0150", "0.0175"])
        #expect(TickFormat.linearLabels([-2, 0, 2]) == ["−2", "0", "2"])
        #expect(TickFormat.linearLabels([0, 2000, 4000]) == ["0", "2000", "4000"])
        #expect(TickFormat.linearLabels([0, 2e6, 4e6]) == ["0", "2×10⁶", "4×10⁶"])
    }

    @Test func fixedFormatting() {
        #expect(formatFixed(1.005, decimals: 2) == "1.00" || formatFixed(1.005, decimals: 2) == "1.01")
        #expect(formatFixed(-0.001, decimals: 2) == "0.00")
        #expect(formatFixed(-12.345, decimals: 1) == "-12.3")
        #expect(formatFixed(0.05, decimals: 2) == "0.05")
    }
}
