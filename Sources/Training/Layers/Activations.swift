/// Pointwise activations. Backward functions accumulate into dinp (or overwrite it).
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

    /// dinp += dout · f′(inp), or with `accumulate` false dinp = dout · f′(inp) (no zeroing
    /// pass first); `out` is the forward output (used by tanh). Branch-free, so the loops
    /// vectorize.
    public func backward<T: TrainingScalar>(dinp: UnsafeMutablePointer<T>, dout: UnsafePointer<T>,
                                            inp: UnsafePointer<T>, out: UnsafePointer<T>, count n: Int,
                                            accumulate: Bool = true) {
        switch self {
        case .relu:
            // dout[i] is loaded unconditionally, so that the select vectorizes.
            if accumulate {
                for i in 0..<n { let d = dout[i]; dinp[i] += inp[i] > 0 ? d : 0 }
            } else {
                for i in 0..<n { let d = dout[i]; dinp[i] = inp[i] > 0 ? d : 0 }
            }
        case .tanh:
            for i in 0..<n {
                let d = dout[i] * (1 - out[i] * out[i])
                dinp[i] = accumulate ? dinp[i] + d : d
            }
        case .gelu:
            let k = T(Self.geluScale)
            for i in 0..<n {
                let x = inp[i]
                let u = k * (x + T(0.044715) * x * x * x)
                let th = T.tanh(u)
                let sech2 = 1 - th * th
                let du = k * (1 + 3 * T(0.044715) * x * x)
                let d = dout[i] * (T(0.5) * (1 + th) + T(0.5) * x * sech2 * du)
                dinp[i] = accumulate ? dinp[i] + d : d
            }
        }
    }

    /// √(2/π).
    static let geluScale = 0.7978845608028654
}
