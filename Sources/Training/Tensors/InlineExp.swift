/// eˣ for Float, inlined into its loops so they vectorize, after Cephes' `expf` (S. L. Moshier):
///
///     n = round(x · log₂e),   r = x − n · ln 2            (|r| ≤ ln 2 / 2)
///     eʳ ≈ 1 + r + r² P(r),   P of degree 5 (Cephes' minimax coefficients)
///     eˣ = eʳ · 2ⁿ,           2ⁿ built in the exponent bits
///
/// ln 2 is split into C₁ = 0.693359375 (n·C₁ is exact) and C₂ = −2.12194440e−4, so r loses
/// nothing to cancellation. x is first clamped to [−87.33654, 88], where 2ⁿ stays a normal
/// Float: eˣ is ~1.2e−38 (not 0) below and never overflows. The rounding of x · log₂e adds and
/// subtracts 1.5 · 2²³ (the sum's low significand bits are n), so no Float-to-integer
/// conversion can trap. Relative error within 2 ulps (tested against Double's `exp`).
enum InlineExp {
    @inline(__always)
    static func exp(_ x: Float) -> Float {
        let shift: Float = 12_582_912   // 1.5 · 2²³
        let x = x < -87.33654 ? -87.33654 : (x > 88 ? 88 : x)
        let shifted = x * 1.442_695_04 + shift
        let n = shifted - shift
        let r = x - n * 0.693_359_375 + n * 2.121_944_40e-4
        var p: Float = 1.987_569_150_0e-4
        p = p * r + 1.398_199_950_7e-3
        p = p * r + 8.333_451_907_3e-3
        p = p * r + 4.166_579_589_4e-2
        p = p * r + 1.666_666_545_9e-1
        p = p * r + 5.000_000_120_1e-1
        let er = p * (r * r) + r + 1
        // The low bits of `shifted` hold n (two's complement): 2ⁿ has exponent bits n + 127.
        let bits = shifted.bitPattern &- 0x4B40_0000
        return er * Float(bitPattern: (bits &+ 127) &<< 23)
    }
}
