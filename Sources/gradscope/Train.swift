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

    @Option(help: "Model.") var model: TrainingConfig.ModelKind?
    @Option(help: "Task: copy (transformers) or spirals (mlp).") var task: TrainingConfig.TaskKind?
    @Option(help: "Transformer layers.") var layers: Int?
    @Option(name: .customLong("d-model"), help: "Transformer width.") var dModel: Int?
    @Option(help: "Attention heads.") var heads: Int?
    @Option(help: "MLP hidden widths, comma-separated.") var hidden: String?
    @Option(help: "MLP activation.") var activation: Activation?
    @Option(help: "Optimizer preset(s), comma-separated, e.g. adam,adam-warmup,radam.") var optimizer: String?
    @Option(help: "Learning rate.") var lr: Double?
    @Option(help: "Adam β1.") var beta1: Double?
    @Option(help: "Adam β2.") var beta2: Double?
    @Option(help: "Adam ε.") var eps: Double?
    @Option(help: "SGD momentum.") var momentum: Double?
    @Option(name: .customLong("weight-decay"), help: "Weight decay (AdamW decoupled, SGD coupled).") var weightDecay: Double?
    @Option(help: "Warmup steps for *-warmup presets and warmup schedules.") var warmup: Int?
    @Option(help: "Adam-2k frozen steps.") var freeze: Int?
    @Option(help: "Learning-rate schedule.") var schedule: TrainingConfig.ScheduleKind?
    @Option(help: "Training steps.") var steps: Int?
    @Option(help: "Batch size.") var batch: Int?
    @Option(help: "Seed(s), comma-separated.") var seed: String?
    @Option(help: "Threads: batch shards for the transformers, BLAS threads for the MLP.") var threads: Int?
    @Option(help: "Log directory (one subdirectory per run).") var logdir: String?
    @Option(name: .customLong("run-name"), help: "Run name (prefix when there are several runs).") var runName: String?
    @Flag(name: .customLong("no-histograms"), help: "Log scalars only.") var noHistograms = false
    @Flag(name: .customLong("log-updates"), help: "Also log |Δθ| histograms.") var logUpdates = false
    @Option(name: .customLong("histogram-scale"), help: "Exponential histogram scale (base 2^(2^-scale)).")
    var histogramScale: Int?
    @Option(name: .customLong("log-every"), help: "Log histograms at the steps that are multiples of this (1: every step).")
    var logEvery: Int?
    @Option(name: .customLong("include"),
            help: "Glob(s) on parameter names, comma-separated: only these tensors get histograms (and grad/abs_all).")
    var include: String?
    @Option(name: .customLong("progress-every"), help: "Steps between progress lines when stderr is not a terminal.")
    var progressEvery: Int?

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
        let flags: [(String, ConfigValue?)] = [
            ("model", model.map { .string($0.rawValue) }), ("task", task.map { .string($0.rawValue) }),
            ("layers", layers.map(ConfigValue.integer)), ("d_model", dModel.map(ConfigValue.integer)),
            ("heads", heads.map(ConfigValue.integer)), ("hidden", hidden.map(ConfigValue.string)),
            ("activation", activation.map { .string($0.rawValue) }), ("optimizer", optimizer.map(ConfigValue.string)),
            ("lr", lr.map(ConfigValue.double)), ("beta1", beta1.map(ConfigValue.double)),
            ("beta2", beta2.map(ConfigValue.double)), ("eps", eps.map(ConfigValue.double)),
            ("momentum", momentum.map(ConfigValue.double)), ("weight_decay", weightDecay.map(ConfigValue.double)),
            ("warmup", warmup.map(ConfigValue.integer)), ("freeze", freeze.map(ConfigValue.integer)),
            ("schedule", schedule.map { .string($0.rawValue) }), ("steps", steps.map(ConfigValue.integer)),
            ("batch", batch.map(ConfigValue.integer)), ("seed", seed.map(ConfigValue.string)),
            ("threads", threads.map(ConfigValue.integer)), ("logdir", logdir.map(ConfigValue.string)),
            ("run_name", runName.map(ConfigValue.string)), ("histogram_scale", histogramScale.map(ConfigValue.integer)),
            ("log_every", logEvery.map(ConfigValue.integer)), ("log_include", include.map(ConfigValue.string)),
            ("progress_every", progressEvery.map(ConfigValue.integer)),
        ]
        for (key, value) in flags { if let value { try config.set(key, value) } }
        if noHistograms { config.logHistograms = false }
        if logUpdates { config.logUpdates = true }
        return config
    }
}
