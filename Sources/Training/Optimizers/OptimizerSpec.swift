/// A serialisable description of an optimizer, used by configs and the CLI.
public struct OptimizerSpec: Sendable, Equatable {
    public enum Algorithm: String, Sendable, CaseIterable {
        case sgd, adam, adamw, adam2k = "adam-2k", radam
    }

    public var algorithm: Algorithm
    public var beta1: Double = 0.9
    public var beta2: Double = 0.999
    public var epsilon: Double = 1e-8
    /// SGD momentum μ.
    public var momentum: Double = 0.9
    /// SGD (coupled) or AdamW (decoupled) weight decay.
    public var weightDecay: Double = 0
    /// Adam-2k frozen steps k.
    public var freezeSteps: Int = 200
    /// RAdam threshold on ρt, comparison, and behaviour below it.
    public var radamThreshold: Double = 5
    public var radamComparison: RAdam.Comparison = .greater
    public var radamBelowThreshold: RAdam.BelowThreshold = .sgdMomentum

    public init(algorithm: Algorithm) { self.algorithm = algorithm }

    /// Builds an optimizer whose state covers `count` elements.
    public func make(count: Int) -> any Optimizer {
        switch algorithm {
        case .sgd:
            SGD(count: count, momentum: momentum, weightDecay: weightDecay)
        case .adam:
            Adam(count: count, beta1: beta1, beta2: beta2, epsilon: epsilon)
        case .adamw:
            Adam(count: count, beta1: beta1, beta2: beta2, epsilon: epsilon, weightDecay: weightDecay)
        case .adam2k:
            Adam(count: count, beta1: beta1, beta2: beta2, epsilon: epsilon, freezeSteps: max(freezeSteps, 1))
        case .radam:
            RAdam(count: count, beta1: beta1, beta2: beta2, epsilon: epsilon,
                  threshold: radamThreshold, comparison: radamComparison,
                  belowThreshold: radamBelowThreshold)
        }
    }
}
