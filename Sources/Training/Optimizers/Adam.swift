import Foundation

/// Adam (Kingma & Ba) as `torch.optim.Adam` computes it, with decoupled weight decay
/// (AdamW, Loshchilov & Hutter) and the RAdam paper's Adam-2k warm start as options:
///
///     θ ← θ (1 − lr λ)                       (AdamW only, decoupled weight decay λ)
///     m ← β₁ m + (1 − β₁) g
///     v ← β₂ v + (1 − β₂) g²
///     θ ← θ − (lr / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)
///
/// Adam-2k (`freezeSteps = k > 0`): for t ≤ k only v and t move (m and θ stay frozen);
/// afterwards m starts from zero and the update uses bias corrections at the global step t,
/// in the form of the paper's code, θ ← θ − lr √(1 − β₂ᵗ)/(1 − β₁ᵗ) · m / (√v + ε).
///
/// "Adam-eps" is this optimizer with ε = 1e-4.
public struct Adam: Optimizer {
    public var beta1: Double
    public var beta2: Double
    public var epsilon: Double
    /// Decoupled (AdamW) weight decay λ; 0 for Adam.
    public var weightDecay: Double
    /// Adam-2k: number of initial steps that only update v; 0 for Adam.
    public var freezeSteps: Int
    public private(set) var stepCount = 0
    public let count: Int
    private var m: [Float]
    private var v: [Float]

    public init(count: Int, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8,
                weightDecay: Double = 0, freezeSteps: Int = 0) {
        self.count = count
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        self.freezeSteps = freezeSteps
        self.m = [Float](repeating: 0, count: count)
        self.v = [Float](repeating: 0, count: count)
    }

    @discardableResult
    public mutating func step(parameters: UnsafeMutableBufferPointer<Float>,
                              gradients: UnsafeBufferPointer<Float>,
                              learningRate: Double) -> OptimizerStepReport {
        precondition(parameters.count == count && gradients.count == count)
        stepCount += 1
        let t = Double(stepCount)
        let b1 = Float(beta1), b2 = Float(beta2), oneMinusB1 = Float(1 - beta1), oneMinusB2 = Float(1 - beta2)
        let eps = Float(epsilon), n = count
        let bc1 = 1 - pow(beta1, t), bc2 = 1 - pow(beta2, t)
        var report = OptimizerStepReport(step: stepCount, learningRate: learningRate)

        if freezeSteps > 0 {
            let frozen = stepCount <= freezeSteps
            let stepSize = Float(learningRate * bc2.squareRoot() / bc1)
            let lr = Float(learningRate), bc2Sqrt = Float(bc2.squareRoot())
            var sum = 0.0
            m.withUnsafeMutableBufferPointer { m in
                v.withUnsafeMutableBufferPointer { v in
                    for i in 0..<n {
                        let g = gradients[i]
                        v[i] = b2 * v[i] + oneMinusB2 * (g * g)
                        if frozen { continue }
                        m[i] = b1 * m[i] + oneMinusB1 * g
                        let denom = v[i].squareRoot() + eps
                        parameters[i] -= stepSize * (m[i] / denom)
                        sum += Double(lr * bc2Sqrt / denom)
                    }
                }
            }
            if !frozen { report.meanAdaptiveStep = sum / Double(max(n, 1)) }
            return report
        }

        let update = AdamUpdate(moments: AdamMoments(beta1: beta1, beta2: beta2), stepSize: Float(learningRate / bc1),
                                bc2SqrtInv: Float(1 / bc2.squareRoot()), epsilon: eps,
                                decay: weightDecay != 0 ? Float(1 - learningRate * weightDecay) : nil,
                                learningRate: Float(learningRate))
        var sum = 0.0
        guard n > 0 else { report.meanAdaptiveStep = 0; return report }
        m.withUnsafeMutableBufferPointer { m in
            v.withUnsafeMutableBufferPointer { v in
                sum = update.apply(parameters: parameters.baseAddress!, gradients: gradients.baseAddress!,
                                   m: m.baseAddress!, v: v.baseAddress!, count: n)
            }
        }
        report.meanAdaptiveStep = sum / Double(max(n, 1))
        return report
    }

    /// lr / (√v̂ + ε) with v̂ = v / (1 − β₂ᵗ) at the last step t (Adam-2k: lr √(1 − β₂ᵗ) / (√v + ε)).
    public func adaptiveStepSizes(learningRate: Double, into output: UnsafeMutableBufferPointer<Float>) -> Bool {
        precondition(output.count >= count)
        let t = Double(max(stepCount, 1)), bc2Sqrt = (1 - pow(beta2, t)).squareRoot()
        let lr = Float(learningRate), eps = Float(epsilon)
        v.withUnsafeBufferPointer { v in
            if freezeSteps > 0 {
                let scale = Float(learningRate * bc2Sqrt)
                for i in 0..<count { output[i] = scale / (v[i].squareRoot() + eps) }
            } else {
                let inv = Float(1 / bc2Sqrt)
                for i in 0..<count { output[i] = lr / (v[i].squareRoot() * inv + eps) }
            }
        }
        return true
    }
}

/// One Adam(W) step over flat buffers, eight parameters at a time (the loop with a serial Double
/// sum did not vectorize):
///
///     p ← p·(1 − lr·λ);  m, v ← AdamMoments;  p ← p − (lr / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)
///
/// Every lane runs the operations of the scalar formula in its order, so the parameters are the
/// same as one at a time. It returns Σ lr / (√v̂ + ε), summed in eight Float lanes per block of
/// 256 parameters and in Double across blocks.
struct AdamUpdate {
    let moments: AdamMoments
    let stepSize: Float
    let bc2SqrtInv: Float
    let epsilon: Float
    let decay: Float?
    let learningRate: Float

    func apply(parameters p: UnsafeMutablePointer<Float>, gradients g: UnsafePointer<Float>,
               m: UnsafeMutablePointer<Float>, v: UnsafeMutablePointer<Float>, count n: Int) -> Double {
        var sum = 0.0, i = 0
        while i + 8 <= n {
            var lanes = SIMD8<Float>()
            let end = min(n - 7, i + 256)
            while i < end {
                lanes += block(p + i, g + i, m + i, v + i)
                i += 8
            }
            sum += Double(lanes.sum())
        }
        while i < n {
            sum += Double(one(&p[i], g[i], &m[i], &v[i]))
            i += 1
        }
        return sum
    }

    /// Updates eight parameters; returns their lr / (√v̂ + ε).
    @inline(__always)
    private func block(_ p: UnsafeMutablePointer<Float>, _ g: UnsafePointer<Float>,
                       _ m: UnsafeMutablePointer<Float>, _ v: UnsafeMutablePointer<Float>) -> SIMD8<Float> {
        var pi = Lanes.load(p, 0), mi = Lanes.load(m, 0), vi = Lanes.load(v, 0)
        let gi = Lanes.load(g, 0)
        if let decay { pi *= decay }
        moments.update(m: &mi, v: &vi, gradient: gi)
        let denom = vi.squareRoot() * bc2SqrtInv + epsilon
        pi -= stepSize * (mi / denom)
        Lanes.store(pi, p, 0)
        Lanes.store(mi, m, 0)
        Lanes.store(vi, v, 0)
        return learningRate / denom
    }

    @inline(__always)
    private func one(_ p: inout Float, _ g: Float, _ m: inout Float, _ v: inout Float) -> Float {
        if let decay { p *= decay }
        moments.update(m: &m, v: &v, gradient: g)
        let denom = v.squareRoot() * bc2SqrtInv + epsilon
        p -= stepSize * (m / denom)
        return learningRate / denom
    }
}
