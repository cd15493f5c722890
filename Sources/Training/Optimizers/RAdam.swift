import Foundation

/// Rectified Adam (Liu et al. 2020).
///
///     m ← β₁ m + (1 − β₁) g,   v ← β₂ v + (1 − β₂) g²,   m̂ = m / (1 − β₁ᵗ)
///     if ρt passes the threshold:  θ ← θ − lr · rt · m̂ · √(1 − β₂ᵗ) / (√v + ε)
///     otherwise:                   θ ← θ − lr · m̂   (SGD with momentum, as PyTorch)
///                              or  θ unchanged    (the official repository's default)
///
/// ρt and rt come from ``Rectification``. ε is added to √v before the bias correction,
/// as both `torch.optim.RAdam` and the official code do.
public struct RAdam: Optimizer {
    /// How ρt is compared to the threshold.
    public enum Comparison: String, Sendable, CaseIterable {
        /// ρt > threshold (PyTorch with 5, the paper's Algorithm 2 with 4).
        case greater = ">"
        /// ρt ≥ threshold (the official repository with 5).
        case greaterOrEqual = ">="
    }

    /// What happens while ρt has not passed the threshold.
    public enum BelowThreshold: String, Sendable, CaseIterable {
        /// θ ← θ − lr · m̂ (PyTorch; the official code's `degenerated_to_sgd=True`).
        case sgdMomentum = "sgd"
        /// No parameter update (the official code's default).
        case skip = "skip"
    }

    public var beta1: Double
    public var beta2: Double
    public var epsilon: Double
    public var threshold: Double
    public var comparison: Comparison
    public var belowThreshold: BelowThreshold
    public private(set) var stepCount = 0
    public let count: Int
    private var m: [Float]
    private var v: [Float]

    /// Defaults follow `torch.optim.RAdam`: threshold 5 with `>`, SGD with momentum below it.
    public init(count: Int, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8,
                threshold: Double = 5, comparison: Comparison = .greater,
                belowThreshold: BelowThreshold = .sgdMomentum) {
        self.count = count
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.threshold = threshold
        self.comparison = comparison
        self.belowThreshold = belowThreshold
        self.m = [Float](repeating: 0, count: count)
        self.v = [Float](repeating: 0, count: count)
    }

    /// Whether ρt passes the threshold under the configured comparison.
    public func isRectified(rhoT: Double) -> Bool {
        switch comparison {
        case .greater: rhoT > threshold
        case .greaterOrEqual: rhoT >= threshold
        }
    }

    @discardableResult
    public mutating func step(parameters: UnsafeMutableBufferPointer<Float>,
                              gradients: UnsafeBufferPointer<Float>,
                              learningRate: Double) -> OptimizerStepReport {
        precondition(parameters.count == count && gradients.count == count)
        stepCount += 1
        let t = stepCount, n = count
        let bc1 = 1 - pow(beta1, Double(t)), bc2 = 1 - pow(beta2, Double(t))
        let rhoInf = Rectification.rhoInfinity(beta2: beta2)
        let rhoT = Rectification.rho(step: t, beta2: beta2)
        let moments = AdamMoments(beta1: beta1, beta2: beta2)
        let eps = Float(epsilon)
        var report = OptimizerStepReport(step: t, learningRate: learningRate, rhoT: rhoT)

        if isRectified(rhoT: rhoT), let r = Rectification.rectification(rhoT: rhoT, rhoInfinity: rhoInf) {
            report.rectification = r
            let scale = Float(learningRate * r * bc2.squareRoot() / bc1)
            let adaptive = Float(learningRate * r * bc2.squareRoot())
            var sum = 0.0
            m.withUnsafeMutableBufferPointer { m in
                v.withUnsafeMutableBufferPointer { v in
                    for i in 0..<n {
                        moments.update(m: &m[i], v: &v[i], gradient: gradients[i])
                        let denom = v[i].squareRoot() + eps
                        parameters[i] -= scale * (m[i] / denom)
                        sum += Double(adaptive / denom)
                    }
                }
            }
            report.meanAdaptiveStep = sum / Double(max(n, 1))
        } else {
            let move = belowThreshold == .sgdMomentum
            let stepSize = Float(learningRate / bc1)
            m.withUnsafeMutableBufferPointer { m in
                v.withUnsafeMutableBufferPointer { v in
                    for i in 0..<n {
                        moments.update(m: &m[i], v: &v[i], gradient: gradients[i])
                        if move { parameters[i] -= stepSize * m[i] }
                    }
                }
            }
        }
        return report
    }

    /// lr · rt · √(1 − β₂ᵗ) / (√v + ε) at the last step t; rt is taken as 1 below the threshold
    /// (the step size the adaptive branch would use if rectification were off).
    public func adaptiveStepSizes(learningRate: Double, into output: UnsafeMutableBufferPointer<Float>) -> Bool {
        precondition(output.count >= count)
        let t = max(stepCount, 1)
        let r = Rectification.rectification(step: t, beta2: beta2) ?? 1
        let scale = Float(learningRate * r * (1 - pow(beta2, Double(t))).squareRoot()), eps = Float(epsilon)
        v.withUnsafeBufferPointer { v in
            for i in 0..<count { output[i] = scale / (v[i].squareRoot() + eps) }
        }
        return true
    }
}
