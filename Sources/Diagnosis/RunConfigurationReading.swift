import TensorBoardLog

/// What the detectors read from a run's recorded configuration (see `train`'s hparams:
/// `optimizer`, `beta2`, `warmup`, `radam_threshold`, `radam_comparison`; other writers'
/// names are tried too).
extension RunConfiguration {
    public var beta2: Double? { number("beta2", "adam_beta2", "b2") }
    public var radamThreshold: Double? { number("radam_threshold", "rho_threshold") }
    /// `>` or `>=`.
    var radamComparison: String? { string("radam_comparison") }
    public var optimizer: String? { string("optimizer", "optim", "optimizer_name")?.lowercased() }

    /// Whether the optimizer is adaptive (the Adam family or RAdam); nil when unknown.
    var isAdaptive: Bool? {
        guard let name = optimizer else { return nil }
        if name.contains("adam") { return true }
        if name.contains("sgd") { return false }
        return nil
    }

    /// An adaptive optimizer without rectification, run without warmup.
    var isAdaptiveWithoutWarmup: Bool {
        guard isAdaptive == true, let name = optimizer, !name.contains("radam") else { return false }
        return (number("warmup") ?? 0) <= 0 && !name.contains("warmup")
    }
}
