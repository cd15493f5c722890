/// Stochastic gradient descent with momentum, as `torch.optim.SGD` defines it:
///
///     g ← g + λ θ                       (weight decay λ, optional)
///     b₁ = g;  bₜ = μ bₜ₋₁ + (1 − τ) g   (momentum μ, dampening τ)
///     θ ← θ − lr · bₜ
///
/// With μ = 0 this is plain SGD.
public struct SGD: Optimizer {
    public var momentum: Float
    public var dampening: Float
    public var weightDecay: Float
    public private(set) var stepCount = 0
    public let count: Int
    private var buffer: [Float]

    public init(count: Int, momentum: Double = 0.9, dampening: Double = 0, weightDecay: Double = 0) {
        self.count = count
        self.momentum = Float(momentum)
        self.dampening = Float(dampening)
        self.weightDecay = Float(weightDecay)
        self.buffer = [Float](repeating: 0, count: count)
    }

    @discardableResult
    public mutating func step(parameters: UnsafeMutableBufferPointer<Float>,
                              gradients: UnsafeBufferPointer<Float>,
                              learningRate: Double) -> OptimizerStepReport {
        precondition(parameters.count == count && gradients.count == count)
        stepCount += 1
        let lr = Float(learningRate), mu = momentum, damp = 1 - dampening, wd = weightDecay
        let first = stepCount == 1
        buffer.withUnsafeMutableBufferPointer { b in
            for i in 0..<count {
                var g = gradients[i]
                if wd != 0 { g += wd * parameters[i] }
                if mu != 0 {
                    b[i] = first ? g : mu * b[i] + damp * g
                    g = b[i]
                }
                parameters[i] -= lr * g
            }
        }
        return OptimizerStepReport(step: stepCount, learningRate: learningRate)
    }
}
