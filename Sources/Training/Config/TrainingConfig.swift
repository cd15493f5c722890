import Foundation

/// Everything one `gradscope train` invocation needs. Lists (`optimizers`, `seeds`) expand
/// into several runs (see ``runs()``); every other field is shared by those runs.
public struct TrainingConfig: Sendable, Equatable {
    public enum ModelKind: String, Sendable, CaseIterable { case postln, preln, mlp }
    public enum TaskKind: String, Sendable, CaseIterable { case copy, spirals }
    public enum ScheduleKind: String, Sendable, CaseIterable {
        case constant, warmup, inverseSqrt = "inverse-sqrt", linearDecay = "linear-decay",
             warmupLinearDecay = "warmup-linear-decay"
    }

    // Model.
    public var model: ModelKind = .postln
    public var layers = 6
    public var dModel = 64
    public var heads = 4
    /// MLP hidden widths.
    public var hidden = [64, 64]
    public var activation: Activation = .relu
    // Task.
    public var task: TaskKind = .copy
    // Optimization.
    /// Optimizer presets, one run each (see ``OptimizerPreset``).
    public var optimizers: [OptimizerPreset] = [.init(.adam)]
    public var learningRate = 1e-2
    public var beta1 = 0.9
    public var beta2 = 0.999
    public var epsilon = 1e-8
    public var momentum = 0.9
    public var weightDecay = 0.0
    /// Warmup length for `*-warmup` presets and warmup schedules.
    public var warmupSteps = 400
    /// Adam-2k frozen steps.
    public var freezeSteps = 200
    public var schedule: ScheduleKind = .constant
    // Loop.
    public var steps = 1000
    public var batchSize = 32
    public var seeds: [UInt64] = [0]
    public var threads = 2
    // Output.
    public var logdir = "runs"
    /// Prefix of run names (empty: runs are named by optimizer, plus `-seed<N>` with several seeds).
    public var runName = ""
    /// Record per-tensor |g| histograms every step (the scalars are always logged).
    public var logHistograms = true
    /// Also record |Δθ| and adaptive step-size histograms.
    public var logUpdates = false
    /// Exponential histogram scale (base 2^(2^−scale)).
    public var histogramScale = 3
    /// Histograms are logged at the steps that are multiples of this (every step by default);
    /// the scalars every step.
    public var logEvery = 1
    /// Globs (`fnmatch`, `*` crossing dots) on parameter names: only matching tensors get a
    /// `grad/<name>` histogram and go into `grad/abs_all`. Empty: every tensor.
    public var logInclude: [String] = []
    /// Steps between plain progress lines when stderr is not a terminal.
    public var progressEvery = 50

    public init() {}

    /// The reference script's demo configuration with the given optimizer presets.
    public static func demo(_ optimizers: [OptimizerPreset] = [.init(.adam), .init(.adam, warmup: true), .init(.radam)])
        -> TrainingConfig {
        var c = TrainingConfig()
        c.optimizers = optimizers
        return c
    }

    /// The most steps a run may take: its loss and step-time records (16 bytes a step) stay
    /// under 160 MB.
    public static let maxSteps = 10_000_000

    /// Whether step `t` logs histograms (multiples of `logEvery`, as gradscope-torch's `every`).
    public func logsHistograms(atStep t: Int) -> Bool { logHistograms && t % logEvery == 0 }

    /// Whether the tensor `name` is logged: it matches one of `logInclude`, or that is empty.
    public func logsTensor(named name: String) -> Bool {
        logInclude.isEmpty || logInclude.contains { fnmatch($0, name, 0) == 0 }
    }

    /// Throws the first problem found, naming the offending key.
    public func validate() throws {
        func require(_ ok: Bool, _ key: String, _ message: String) throws {
            if !ok { throw ConfigError.invalidValue(key: key, message: message) }
        }
        try require(steps >= 1 && steps <= Self.maxSteps, "steps", "must be between 1 and \(Self.maxSteps)")
        try require(batchSize >= 1, "batch", "must be ≥ 1")
        try require(threads >= 1 && threads <= 256, "threads", "must be between 1 and 256")
        try require(!optimizers.isEmpty, "optimizer", "needs at least one optimizer")
        try require(!seeds.isEmpty, "seed", "needs at least one seed")
        try require(learningRate.isFinite && learningRate > 0, "lr", "must be a positive number")
        try require(beta1 >= 0 && beta1 < 1, "beta1", "must be in [0, 1)")
        try require(beta2 > 0 && beta2 < 1, "beta2", "must be in (0, 1)")
        try require(epsilon.isFinite && epsilon >= 0, "eps", "must be ≥ 0")
        try require(momentum >= 0 && momentum < 1, "momentum", "must be in [0, 1)")
        try require(weightDecay.isFinite && weightDecay >= 0, "weight_decay", "must be ≥ 0")
        try require(warmupSteps >= 1 && warmupSteps <= Self.maxSteps, "warmup", "must be between 1 and \(Self.maxSteps)")
        try require(freezeSteps >= 1 && freezeSteps <= Self.maxSteps, "freeze", "must be between 1 and \(Self.maxSteps)")
        try require(ExponentialHistogramScale.valid.contains(histogramScale), "histogram_scale",
                    "must be in \(ExponentialHistogramScale.valid.lowerBound)...\(ExponentialHistogramScale.valid.upperBound)")
        try require(progressEvery >= 1, "progress_every", "must be ≥ 1")
        try require(logEvery >= 1 && logEvery <= Self.maxSteps, "log_every", "must be between 1 and \(Self.maxSteps)")
        try require(logInclude.allSatisfy { !$0.isEmpty }, "log_include", "globs must not be empty")
        try require(seeds.count <= 1024, "seed", "at most 1024 seeds")
        try require(optimizers.count <= 64, "optimizer", "at most 64 optimizers")
        try require(!logdir.isEmpty, "logdir", "must not be empty")
        try require(!runName.contains("/"), "run_name", "must not contain '/'")
        switch model {
        case .postln, .preln:
            try require(task == .copy, "task", "model \(model.rawValue) trains on the copy task")
            try require(layers >= 1 && layers <= 64, "layers", "must be between 1 and 64")
            try require(dModel >= 1 && dModel <= 4096, "d_model", "must be between 1 and 4096")
            try require(heads >= 1 && dModel % heads == 0, "heads", "must divide d_model (\(dModel))")
        case .mlp:
            try require(task == .spirals, "task", "model mlp trains on the spirals task")
            try require(!hidden.isEmpty && hidden.allSatisfy { $0 >= 1 && $0 <= 65536 }, "hidden",
                        "must be a non-empty list of widths between 1 and 65536")
        }
        try require(batchSize <= 1 << 20, "batch", "must be ≤ 1048576")
        try require(estimatedFloats <= 500_000_000, model == .mlp ? "hidden" : "batch",
                    "model and batch need about \(estimatedFloats / 250_000_000) GB; the limit is 2 GB")
    }

    /// Rough number of Float32 values a run allocates (parameters × 4 for values, gradients and
    /// two moments, plus activations), used to refuse configurations that cannot fit.
    public var estimatedFloats: Int {
        switch model {
        case .postln, .preln:
            let t = 32, d = min(dModel, 1 << 12), l = min(layers, 64), b = min(batchSize, 1 << 20)
            let params = l * 12 * d * d + 64 * d
            let perBlock = b * t * (24 * d + heads * t)
            return 4 * params + l * perBlock + 8 * b * t * d
        case .mlp:
            let widths = [2] + hidden.map { min($0, 1 << 16) } + [2]
            let params = zip(widths, widths.dropFirst()).reduce(0) { $0 + $1.0 * $1.1 + $1.1 }
            return 4 * params + 4 * min(batchSize, 1 << 20) * widths.reduce(0, +)
        }
    }
}

/// Histogram scales the trainer accepts.
public enum ExponentialHistogramScale {
    public static let valid = -4...8
}
