import Foundation
import Numerics
import Testing
@testable import Plotting

/// Expected values are matplotlib 3.11's `MaxNLocator(nbins, steps=[1, 2, 2.5, 5, 10]).tick_values`
/// and `LogLocator(base, numticks).tick_values` (exponents), printed by matplotlib itself.
@Suite struct TickLocatorTests {
    struct MaxNCase: Sendable, CustomStringConvertible {
        let vmin: Double, vmax: Double, nbins: Int, expected: [Double]
        var description: String { "[\(vmin), \(vmax)] nbins \(nbins)" }
    }

    static let maxNCases: [MaxNCase] = [
        .init(vmin: 0, vmax: 1, nbins: 9, expected: [0, 0.2, 0.4, 0.6, 0.8, 1.0]),
        .init(vmin: 0, vmax: 100, nbins: 5, expected: [0, 20, 40, 60, 80, 100]),
        .init(vmin: -3.7, vmax: 12.2, nbins: 9, expected: [-4, -2, 0, 2, 4, 6, 8, 10, 12, 14]),
        .init(vmin: 0.013, vmax: 0.0271, nbins: 6, expected: [0.0125, 0.015, 0.0175, 0.02, 0.0225, 0.025, 0.0275]),
        .init(vmin: 1000, vmax: 1000.5, nbins: 4, expected: [1000, 1000.2, 1000.4, 1000.6]),
        .init(vmin: 0, vmax: 10000, nbins: 9, expected: [0, 2000, 4000, 6000, 8000, 10000]),
        .init(vmin: 1, vmax: 100, nbins: 9, expected: [0, 20, 40, 60, 80, 100]),
        .init(vmin: -1, vmax: 1, nbins: 3, expected: [-1, 0, 1]),
        .init(vmin: 0, vmax: 7, nbins: 4, expected: [0, 2, 4, 6, 8]),
        .init(vmin: 2.5, vmax: 97.3, nbins: 7, expected: [0, 20, 40, 60, 80, 100]),
    ]

    @Test(arguments: maxNCases)
    func maxNMatchesMatplotlib(_ c: MaxNCase) {
        let ticks = TickLocator.maxN(c.vmin, c.vmax, nbins: c.nbins)
        #expect(ticks.count == c.expected.count)
        for (t, e) in zip(ticks, c.expected) {
            #expect(t.isApproximatelyEqual(to: e, absoluteTolerance: 1e-9 * max(1, abs(e))))
        }
    }

    struct LogCase: Sendable, CustomStringConvertible {
        let lowExponent: Double, highExponent: Double, base: LogBase, numticks: Int, expected: [Int]
        var description: String { "\(base.rawValue)^[\(lowExponent), \(highExponent)] numticks \(numticks)" }
    }

    static let logCases: [LogCase] = [
        .init(lowExponent: -9, highExponent: 2, base: .ten, numticks: 9, expected: [-10, -8, -6, -4, -2, 0, 2, 4]),
        .init(lowExponent: -9, highExponent: 2, base: .ten, numticks: 5, expected: [-12, -9, -6, -3, 0, 3]),
        .init(lowExponent: -20, highExponent: 2, base: .e, numticks: 9, expected: [-23, -20, -17, -14, -11, -8, -5, -2, 1, 4]),
        .init(lowExponent: -20, highExponent: 2, base: .e, numticks: 5, expected: [-25, -20, -15, -10, -5, 0, 5]),
        .init(lowExponent: 0, highExponent: 4, base: .ten, numticks: 9, expected: [-1, 0, 1, 2, 3, 4, 5]),
        .init(lowExponent: -10, highExponent: 3, base: .two, numticks: 6, expected: [-12, -9, -6, -3, 0, 3, 6]),
        .init(lowExponent: -3, highExponent: 0, base: .ten, numticks: 2, expected: [-6, -3, 0, 3]),
    ]

    @Test(arguments: logCases)
    func logLocatorMatchesMatplotlib(_ c: LogCase) {
        let lo = c.base.power(c.lowExponent), hi = c.base.power(c.highExponent)
        #expect(TickLocator.logExponents(lo, hi, base: c.base, numticks: c.numticks) == c.expected)
    }

    @Test func logLocatorWithinOneDecadeFallsBackToSingleMiddleTick() {
        // matplotlib: LogLocator(numticks=9).tick_values(3, 300) → 10^0 … 10^3.
        #expect(TickLocator.logExponents(3, 300, base: .ten, numticks: 9) == [0, 1, 2, 3])
    }

    @Test func stepsAreNiceMultiples() {
        for (lo, hi) in [(0.0, 3.3), (-17.0, 250.0), (1e-5, 7e-5), (12345.0, 67890.0)] {
            let ticks = TickLocator.maxN(lo, hi, nbins: 6)
            let step = ticks[1] - ticks[0]
            let mantissa = step / pow(10, floor(log10(step)))
            #expect([1, 2, 2.5, 5, 10].contains { $0.isApproximatelyEqual(to: mantissa, relativeTolerance: 1e-9) }, "step \(step)")
            #expect(ticks.first! <= lo && ticks.last! >= hi)
        }
    }
}
