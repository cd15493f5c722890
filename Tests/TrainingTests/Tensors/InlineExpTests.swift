import Foundation
import Numerics
import Testing
@testable import Training

/// The inlined Float exp (``InlineExp``) against Double's `exp`, the independent reference.
@Suite("Inline exp")
struct InlineExpTests {
    /// Relative error ≤ 2 Float ulps (2⁻²²) over [−87, 88]: 400 001 evenly spaced points, and
    /// every n · ln 2 (where the reduction changes n), its neighbours and the midpoints.
    @Test func matchesDoubleExpWithinTwoUlps() {
        var xs: [Float] = (0...400_000).map { Float(-87 + 175 * Double($0) / 400_000) }
        for n in -125...126 {
            let x = Float(Double(n) * log(2.0))
            xs += [x.nextDown, x, x.nextUp, Float((Double(n) + 0.5) * log(2.0))]
        }
        let worst = xs.map { x in
            let want = Foundation.exp(Double(x))
            return abs(Double(InlineExp.exp(x)) - want) / want
        }.max()!
        #expect(worst <= 0x1p-22, "worst relative error \(worst)")
    }

    /// exp(0) = 1 exactly; far below the range a tiny positive number, far above a finite one
    /// (both clamped), and NaN stays NaN.
    @Test func exactAndLimitingValues() {
        #expect(InlineExp.exp(0) == 1)
        for x: Float in [-1000, -.infinity] { #expect(InlineExp.exp(x) >= 0 && InlineExp.exp(x) <= 1.2e-38) }
        for x: Float in [1000, .infinity] { #expect(InlineExp.exp(x).isFinite && InlineExp.exp(x) > 1e38) }
        #expect(Double(InlineExp.exp(1)).isApproximatelyEqual(to: M_E, relativeTolerance: 2.4e-7))
        #expect(InlineExp.exp(.nan).isNaN)
    }
}
