/// Layer normalisation over the last dimension C (ε = 1e-5, as `nn.LayerNorm`):
///
///     μ = mean(x),  σ⁻¹ = 1/√(var(x) + ε)   (biased variance),  x̂ = (x − μ) σ⁻¹
///     out = x̂ ⊙ w + b
///
/// Backward, with g = dout ⊙ w:
///
///     dx = σ⁻¹ (g − mean(g) − x̂ · mean(g ⊙ x̂)),  dw += Σ dout ⊙ x̂,  db += Σ dout
public enum LayerNorm {
    public static let epsilon = 1e-5

    public static func forward<T: TrainingScalar>(
        out: UnsafeMutablePointer<T>, mean: UnsafeMutablePointer<T>, rstd: UnsafeMutablePointer<T>,
        inp: UnsafePointer<T>, weight: UnsafePointer<T>, bias: UnsafePointer<T>,
        rows n: Int, channels c: Int
    ) {
        let eps = T(epsilon), invC = 1 / T(c)
        for r in 0..<n {
            let x = inp + r * c, y = out + r * c
            let m = Lanes.sum(c, lanes: { Lanes.load(x, $0) }, scalar: { x[$0] }) * invC
            let mm = SIMD8<T>(repeating: m)
            let v = Lanes.sum(c, lanes: { let d = Lanes.load(x, $0) - mm; return d * d },
                              scalar: { let d = x[$0] - m; return d * d }) * invC
            let s = 1 / (v + eps).squareRoot()
            for i in 0..<c { y[i] = (x[i] - m) * s * weight[i] + bias[i] }
            mean[r] = m
            rstd[r] = s
        }
    }

    /// Accumulates into dinp (with `accumulateInput` false, overwrites it), dweight, dbias.
    public static func backward<T: TrainingScalar>(
        dinp: UnsafeMutablePointer<T>, dweight: UnsafeMutablePointer<T>, dbias: UnsafeMutablePointer<T>,
        dout: UnsafePointer<T>, inp: UnsafePointer<T>, weight: UnsafePointer<T>,
        mean: UnsafePointer<T>, rstd: UnsafePointer<T>,
        rows n: Int, channels c: Int, accumulateInput: Bool = true
    ) {
        let invC = 1 / T(c)
        for r in 0..<n {
            let x = inp + r * c, dy = dout + r * c, dx = dinp + r * c
            let m = mean[r], s = rstd[r]
            let mm = SIMD8<T>(repeating: m), ss = SIMD8<T>(repeating: s)
            let meanG = Lanes.sum(c, lanes: { Lanes.load(dy, $0) * Lanes.load(weight, $0) },
                                  scalar: { dy[$0] * weight[$0] }) * invC
            let meanGX = Lanes.sum(c, lanes: { i in
                Lanes.load(dy, i) * Lanes.load(weight, i) * ((Lanes.load(x, i) - mm) * ss)
            }, scalar: { i in dy[i] * weight[i] * ((x[i] - m) * s) }) * invC
            // Three loops of few pointers each, branch-free, so each vectorizes.
            for i in 0..<c {
                dbias[i] += dy[i]
                dweight[i] += dy[i] * ((x[i] - m) * s)
            }
            if accumulateInput {
                for i in 0..<c { dx[i] += s * (dy[i] * weight[i] - meanG - ((x[i] - m) * s) * meanGX) }
            } else {
                for i in 0..<c { dx[i] = s * (dy[i] * weight[i] - meanG - ((x[i] - m) * s) * meanGX) }
            }
        }
    }
}
