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
            var m: T = 0
            for i in 0..<c { m += x[i] }
            m *= invC
            var v: T = 0
            for i in 0..<c { let d = x[i] - m; v += d * d }
            v *= invC
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
            var meanG: T = 0, meanGX: T = 0
            for i in 0..<c {
                let xhat = (x[i] - m) * s
                let g = dy[i] * weight[i]
                meanG += g
                meanGX += g * xhat
            }
            meanG *= invC
            meanGX *= invC
            for i in 0..<c {
                let xhat = (x[i] - m) * s
                let g = dy[i] * weight[i]
                dbias[i] += dy[i]
                dweight[i] += dy[i] * xhat
                let d = s * (g - meanG - xhat * meanGX)
                dx[i] = accumulateInput ? dx[i] + d : d
            }
        }
    }
}
