/// The moment update that Adam, AdamW and RAdam share, in Float32 as `torch.optim` does it:
///
///     m ← m + (1 − β₁)(g − m)      (= β₁m + (1 − β₁)g, in `lerp` form)
///     v ← β₂v + (1 − β₂)g²
///
/// with the coefficients rounded to Float once per step.
struct AdamMoments {
    let beta2: Float
    let oneMinusBeta1: Float
    let oneMinusBeta2: Float

    init(beta1: Double, beta2: Double) {
        self.beta2 = Float(beta2)
        oneMinusBeta1 = Float(1 - beta1)
        oneMinusBeta2 = Float(1 - beta2)
    }

    @inline(__always)
    func update(m: inout Float, v: inout Float, gradient g: Float) {
        m += oneMinusBeta1 * (g - m)
        v = beta2 * v + oneMinusBeta2 * (g * g)
    }

    /// The same update on eight parameters at once (lane for lane the same operations, so the
    /// same results).
    @inline(__always)
    func update(m: inout SIMD8<Float>, v: inout SIMD8<Float>, gradient g: SIMD8<Float>) {
        m += oneMinusBeta1 * (g - m)
        v = beta2 * v + oneMinusBeta2 * (g * g)
    }
}
