/// A first-order optimizer over one flat Float32 buffer.
///
/// An optimizer value owns the state (moments, step count) of one flat parameter buffer.
/// The trainer keeps all parameters of a model in a single flat buffer and drives a single
/// optimizer over it; code that holds several separate tensors makes one optimizer per
/// tensor (that is PyTorch's per-parameter state, since the step count is the same).
///
/// Per-element arithmetic is Float32; per-step scalars (bias corrections, ρt, rt) are
/// computed in Double and rounded once.
public protocol Optimizer: Sendable {
    /// Number of elements this optimizer's state was sized for.
    var count: Int { get }
    /// Steps taken so far (t of the last step, 0 before the first).
    var stepCount: Int { get }
    /// Applies one step: `parameters -= update(gradients)`, and returns per-step diagnostics.
    /// Buffers must have `count` elements.
    @discardableResult
    mutating func step(parameters: UnsafeMutableBufferPointer<Float>,
                       gradients: UnsafeBufferPointer<Float>,
                       learningRate: Double) -> OptimizerStepReport
    /// Per-element adaptive step sizes after the last step (false if the optimizer has none).
    func adaptiveStepSizes(learningRate: Double, into output: UnsafeMutableBufferPointer<Float>) -> Bool
}

extension Optimizer {
    /// Writes each element's current adaptive step size into `output` and returns true, or
    /// returns false for optimizers without one (SGD). See the conforming types for the formula.
    public func adaptiveStepSizes(learningRate: Double, into output: UnsafeMutableBufferPointer<Float>) -> Bool {
        false
    }

    /// Convenience over Swift arrays.
    @discardableResult
    public mutating func step(parameters: inout [Float], gradients: [Float],
                              learningRate: Double) -> OptimizerStepReport {
        precondition(parameters.count == count && gradients.count == count,
                     "optimizer sized for \(count) elements")
        return parameters.withUnsafeMutableBufferPointer { p in
            gradients.withUnsafeBufferPointer { g in
                step(parameters: p, gradients: g, learningRate: learningRate)
            }
        }
    }
}

/// What one optimizer step did, for logging.
public struct OptimizerStepReport: Sendable, Equatable {
    /// The step index t (1-based) this report belongs to.
    public var step: Int
    /// The learning rate used.
    public var learningRate: Double
    /// RAdam's ρt (nil for other optimizers).
    public var rhoT: Double?
    /// RAdam's rt (nil for other optimizers, and below the threshold).
    public var rectification: Double?
    /// Mean over elements of the adaptive step size lr / (√v̂ + ε) (Adam family; nil for SGD
    /// and for steps that did not move the parameters).
    public var meanAdaptiveStep: Double?

    public init(step: Int, learningRate: Double, rhoT: Double? = nil,
                rectification: Double? = nil, meanAdaptiveStep: Double? = nil) {
        self.step = step
        self.learningRate = learningRate
        self.rhoT = rhoT
        self.rectification = rectification
        self.meanAdaptiveStep = meanAdaptiveStep
    }
}
