import ArgumentParser
import Foundation
import Training

/// `gradscope train`: trains one or more runs (optimizers × seeds) and writes each as a
/// TensorBoard run directory `<logdir>/<run name>` with per-step |g| histograms.
struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a model on a toy task and log |gradient| histograms every step.",
        discussion: """
            Settings come from --config (a TOML file with top-level keys) and then from flags, \
            which win. Keys: \(TrainingConfig.keys.joined(separator: ", ")).
            Several optimizers and/or seeds (comma-separated) train sibling runs in one logdir. \
            Optimizers: \(OptimizerPreset.allNames.joined(separator: ", ")).
            Ctrl-C stops after the current step and flushes the log.
            """)

    @Option(name: .customLong("config"), help: "TOML config file (e.g. examples/configs/postln-copy.toml).")
    var configPath: String?

    @Option(help: "Model: postln, preln or mlp.") var model: String?
    @Option(help: "Task: copy (transformers) or spirals (mlp).") var task: String?
    @Option(help: "Transformer layers.") var layers: String?
    @Option(name: .customLong("d-model"), help: "Transformer width.") var dModel: String?
    @Option(help: "Attention heads.") var heads: String?
    @Option(help: "MLP hidden widths, comma-separated.") var hidden: String?
    @Option(help: "MLP activation: relu, tanh or gelu.") var activation: String?
    @Option(help: "Optimizer preset(s), comma-separated, e.g. adam,adam-warmup,radam.") var optimizer: String?
    @Option(help: "Learning rate.") var lr: String?
    @Option(help: "Adam β1.") var beta1: String?
    @Option(help: "Adam β2.") var beta2: String?
    @Option(help: "Adam ε.") var eps: String?
    @Option(help: "SGD momentum.") var momentum: String?
    @Option(name: .customLong("weight-decay"), help: "Weight decay (AdamW decoupled, SGD coupled).") var weightDecay: String?
    @Option(help: "Warmup steps for *-warmup presets and warmup schedules.") var warmup: String?
    @Option(help: "Adam-2k frozen steps.") var freeze: String?
    @Option(help: "Schedule: constant, warmup, inverse-sqrt, linear-decay, warmup-linear-decay.") var schedule: String?
    @Option(help: "Training steps.") var steps: String?
    @Option(help: "Batch size.") var batch: String?
    @Option(help: "Seed(s), comma-separated.") var seed: String?
    @Option(help: "Threads: batch shards for the transformers, BLAS threads for the MLP.") var threads: String?
    @Option(help: "Log directory (one subdirectory per run).") var logdir: String?
    @Option(name: .customLong("run-name"), help: "Run name (prefix when there are several runs).") var runName: String?
    @Flag(name: .customLong("no-histograms"), help: "Log scalars only.") var noHistograms = false
    @Flag(name: .customLong("log-updates"), help: "Also log |Δθ| histograms.") var logUpdates = false
    @Option(name: .customLong("histogram-scale"), help: "Exponential histogram scale.") var histogramScale: String?
    @Option(name: .customLong("log-every"), help: "Log histograms at the steps that are multiples of this (1: every step).")
    var logEvery: String?
    @Option(name: .customLong("include"),
            help: "Glob(s) on parameter names, comma-separated: only these tensors get histograms (and grad/abs_all).")
    var include: String?
    @Option(name: .customLong("progress-every"), help: "Steps between progress lines when stderr is not a terminal.")
    var progressEvery: String?

    /// The TOML file and the flags resolve to a configuration within every bound
    /// (`TrainingConfig.validate`: steps, sizes, memory estimate), before anything runs.
    func validate() throws {
        try resolvedConfig().validate()
    }

    func run() throws {
        // ConfigError prints as one line ("Error: invalid value for 'steps': …"), exit code 1.
        let config = try resolvedConfig()
        try config.validate()
        Interrupt.install()
        let summaries = try trainAll(config, makeSink: { run in
            try TensorBoardSink(directory: (config.logdir as NSString).appendingPathComponent(run.name))
        }, progress: ProgressBar(every: config.progressEvery))
        if summaries.contains(where: \.sawNonFiniteLoss) {
            warn("some runs hit a NaN/Inf loss (see above)")
        }
        if Interrupt.requested { throw ExitCode(130) }
    }

    /// TOML file first, then flags.
    func resolvedConfig() throws -> TrainingConfig {
        var config = TrainingConfig()
        if let configPath { try TrainConfigFile.apply(path: configPath, to: &config) }
        let flags: [(String, String?)] = [
            ("model", model), ("task", task), ("layers", layers), ("d_model", dModel), ("heads", heads),
            ("hidden", hidden), ("activation", activation), ("optimizer", optimizer), ("lr", lr),
            ("beta1", beta1), ("beta2", beta2), ("eps", eps), ("momentum", momentum),
            ("weight_decay", weightDecay), ("warmup", warmup), ("freeze", freeze), ("schedule", schedule),
            ("steps", steps), ("batch", batch), ("seed", seed), ("threads", threads), ("logdir", logdir),
            ("run_name", runName), ("histogram_scale", histogramScale), ("log_every", logEvery),
            ("log_include", include), ("progress_every", progressEvery),
        ]
        for (key, value) in flags { if let value { try config.set(key, .string(value)) } }
        if noHistograms { config.logHistograms = false }
        if logUpdates { config.logUpdates = true }
        return config
    }
}
