/// Pointwise activations. Backward functions accumulate into dinp.
///
/// - ReLU: y = max(0, x), dy/dx = 1[x > 0]
/// - tanh: y = tanh x, dy/dx = 1 − y²
/// - GELU, tanh approximation (as GPT-2 / llm.c; not the exact erf form):
///   y = ½ x (1 + tanh(√(2/π) (x + 0.044715 x³)))
public enum Activation: String, Sendable, CaseIterable {
    case relu, tanh, gelu

    public func forward<T: TrainingScalar>(out: UnsafeMutablePointer<T>, inp: UnsafePointer<T>, count n: Int) {
        switch self {
        case .relu:
            for i in 0..<n { out[i] = inp[i] > 0 ? inp[i] : 0 }
        case .tanh:
            for i in 0..<n { out[i] = T.tanh(inp[i]) }
        case .gelu:
            let k = T(Self.geluScale)
            for i in 0..<n {
                let x = inp[i]
                out[i] = T(0.5) * x * (1 + T.tanh(k * (x + T(0.044715) * x * x * x)))
            }
        }
    }

    /// dinp += dout · f′(inp); `out` is the forward output (used by tanh).
    public func backward<T: TrainingScalar>(dinp: UnsafeMutablePointer<T>, dout: UnsafePointer<T>,
                                            inp: UnsafePointer<T>, out: UnsafePointer<T>, count n: Int) {
        switch self {
        case .relu:
            for i in 0..<n where inp[i] > 0 { dinp[i] += dout[i] }
        case .tanh:
            for i in 0..<n { dinp[i] += dout[i] * (1 - out[i] * out[i]) }
        case .gelu:
            let k = T(Self.geluScale)
            for i in 0..<n {
                let x = inp[i]
                let u = k * (x + T(0.044715) * x * x * x)
                let th = T.tanh(u)
                let sech2 = 1 - th * th
                let du = k * (1 + 3 * T(0.044715) * x * x)
                dinp[i] += dout[i] * (T(0.5) * (1 + th) + T(0.5) * x * sech2 * du)
            }
        }
    }

    /// √(2/π).
    static let geluScale = 0.7978845608028654
}
