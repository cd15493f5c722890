import Foundation
import Histograms

/// Trains one run: every step samples a batch, runs forward/backward, measures and logs the
/// gradients, steps the optimizer and logs the step's scalars. Stops early on Ctrl-C
/// (``Interrupt``) or on a NaN/∞ loss; the log is flushed in every case.
///
/// Logged every step: `loss`, `lr`, `grad/global_norm`, `grad/frac_below_1e-8`,
/// `grad/median_log10` and histograms `grad/<param>` and `grad/abs_all` (when histograms are
/// on, at the multiples of `logEvery`, for the tensors `logInclude` selects); `adam/mean_adaptive_step` (the mean over elements of lr/(√v̂+ε)) for the Adam family,
/// `radam/rho_t` and `radam/r_t` (when defined) for RAdam; with `logUpdates`, the histograms
/// `update/abs_all` of |Δθ| and `optimizer/adaptive_step` of the per-element adaptive step size.
///
/// The training thread computes |g| (and the norm and small-gradient count) in one pass; the
/// histograms and all sink calls run on a background queue (``LogPipeline``), so `sink` is
/// only ever called from that one queue and need not be thread-safe.
///
/// `shouldStop` is checked before every step (default: Ctrl-C was pressed).
public func train(run: RunSpec, config: TrainingConfig, sink: TrainingLogSink,
                  progress: TrainingProgress? = nil, runIndex: Int = 0, runCount: Int = 1,
                  shouldStop: () -> Bool = { Interrupt.requested }) throws -> TrainingSummary {
    try config.validate()
    let loop = TrainingLoop(run: run, config: config, sink: sink)
    try checkLogInclude(config, tensorNames: loop.model.parameters.tensors.map(\.name))
    sink.configuration(run.configuration(config))
    progress?.runStarted(run, index: runIndex, of: runCount, steps: config.steps)
    for t in 1...config.steps {
        if shouldStop() { loop.interrupted = true; break }
        let finite = try loop.step(t)
        progress?.stepFinished(step: t, loss: loop.losses[t - 1])
        if !finite { break }
    }
    let summary = try loop.finish()
    progress?.runFinished(summary)
    return summary
}

/// Trains the first run of `config` (the common single-run case).
public func train(_ config: TrainingConfig, sink: TrainingLogSink, progress: TrainingProgress? = nil) throws -> TrainingSummary {
    guard let run = config.runs().first else { throw ConfigError.invalidValue(key: "optimizer", message: "no runs") }
    return try train(run: run, config: config, sink: sink, progress: progress)
}

/// Trains every run of `config` in turn, each into the sink `makeSink` returns for it
/// (e.g. a TensorBoard run directory `logdir/<run name>`). Stops after the current run on Ctrl-C.
public func trainAll(_ config: TrainingConfig, makeSink: (RunSpec) throws -> TrainingLogSink,
                     progress: TrainingProgress? = nil) throws -> [TrainingSummary] {
    try config.validate()
    if config.logHistograms && !config.logInclude.isEmpty {   // before `makeSink` makes any run directory
        let model = ModelFactory.model(config, task: ModelFactory.task(config), seed: 0)
        try checkLogInclude(config, tensorNames: model.parameters.tensors.map(\.name))
    }
    let runs = config.runs()
    var summaries: [TrainingSummary] = []
    for (i, run) in runs.enumerated() {
        if Interrupt.requested { break }
        let sink = try makeSink(run)
        summaries.append(try train(run: run, config: config, sink: sink, progress: progress, runIndex: i, runCount: runs.count))
    }
    return summaries
}

/// Throws unless `log_include` selects at least one of the model's `tensorNames` (no
/// patterns select them all); called before anything is written to a log.
func checkLogInclude(_ config: TrainingConfig, tensorNames names: [String]) throws {
    guard config.logHistograms, !names.contains(where: config.logsTensor(named:)) else { return }
    throw ConfigError.invalidValue(key: "log_include", message: "matches none of the model's tensors ("
        + names.prefix(4).joined(separator: ", ") + (names.count > 4 ? ", …)" : ")"))
}

/// The state of one run between steps: model, optimizer, schedule, batch, generator, the
/// logging pipeline, and what the summary needs (losses, step times).
final class TrainingLoop {
    let run: RunSpec
    let config: TrainingConfig
    let task: any TrainingTask
    let model: any TrainableModel<Float>
    var optimizer: any Optimizer
    let schedule: LearningRateSchedule
    var batch: Batch
    var rng: Xoshiro256
    let pipeline: LogPipeline
    let updateLog: UpdateLog?
    private(set) var losses: [Double] = []
    private(set) var stepSeconds: [Double] = []
    private(set) var nonFiniteStep: Int?
    var interrupted = false

    init(run: RunSpec, config: TrainingConfig, sink: TrainingLogSink) {
        BLASRuntime.preferAVX512Kernels()
        BLASRuntime.setThreads(ModelFactory.blasThreads(config))
        self.run = run
        self.config = config
        task = ModelFactory.task(config)
        model = ModelFactory.model(config, task: task, seed: run.seed)
        let store = model.parameters
        optimizer = run.preset.spec(config).make(count: store.count)
        schedule = run.preset.schedule(config)
        batch = task.makeBatch(size: config.batchSize)
        rng = Xoshiro256(seed: run.seed &* 0x9E37_79B9_7F4A_7C15 &+ 1)
        pipeline = LogPipeline(sink: sink, tensors: store.tensors.filter { config.logsTensor(named: $0.name) },
                               parameterCount: store.count, scale: config.histogramScale, keepMedianSteps: [1, 10])
        updateLog = config.logUpdates ? UpdateLog(count: store.count, scale: config.histogramScale) : nil
        losses.reserveCapacity(config.steps)
        stepSeconds.reserveCapacity(config.steps)
    }

    /// Runs step `t`; returns false if its loss was not finite (the run stops there).
    func step(_ t: Int) throws -> Bool {
        try pipeline.checkError()
        let t0 = ProgressBar.now()
        task.fill(&batch, using: &rng)
        let loss = model.lossAndGradient(batch)
        let lr = schedule.learningRate(at: t)
        losses.append(loss)
        guard loss.isFinite else {
            nonFiniteStep = t
            pipeline.submit(step: t, scalars: [("loss", loss), ("lr", lr)])
            return false
        }
        let store = model.parameters
        let g = pipeline.absoluteGradients(store.gradients.base, count: store.count, step: t)
        let logsHistograms = config.logsHistograms(atStep: t)
        let updates = logsHistograms ? updateLog : nil
        updates?.saveValues(store.values)
        let report = optimizer.step(parameters: store.values.buffer, gradients: UnsafeBufferPointer(store.gradients.buffer),
                                    learningRate: lr)
        let extra = updates?.histograms(values: store.values, optimizer: optimizer, learningRate: lr) ?? []
        pipeline.submit(step: t, scalars: scalars(loss: loss, lr: lr, gradients: g, report: report),
                        histograms: logsHistograms, extra: extra)
        stepSeconds.append(ProgressBar.now() - t0)
        return true
    }

    /// The scalars every step logs.
    private func scalars(loss: Double, lr: Double, gradients g: (sumSquares: Double, below: Int),
                         report: OptimizerStepReport) -> [(String, Double)] {
        var s: [(String, Double)] = [
            ("loss", loss), ("lr", lr), ("grad/global_norm", g.sumSquares.squareRoot()),
            ("grad/frac_below_1e-8", Double(g.below) / Double(max(model.parameters.count, 1))),
        ]
        if let rho = report.rhoT { s.append(("radam/rho_t", rho)) }
        if let r = report.rectification { s.append(("radam/r_t", r)) }
        if let a = report.meanAdaptiveStep { s.append(("adam/mean_adaptive_step", a)) }
        return s
    }

    /// Drains the log and summarises the run.
    func finish() throws -> TrainingSummary {
        try pipeline.finish()
        let k = max(1, config.steps / 10)
        let tenths = stride(from: 0, to: losses.count, by: k).map { i in
            let chunk = losses[i..<min(i + k, losses.count)]
            return chunk.reduce(0, +) / Double(chunk.count)
        }
        let sorted = stepSeconds.sorted()
        return TrainingSummary(
            runName: run.name, stepsRequested: config.steps,
            stepsCompleted: nonFiniteStep.map { $0 - 1 } ?? losses.count,
            finalLoss: losses.last ?? .nan, lossByTenths: tenths,
            medianLog10GradStep1: pipeline.medianLog10(at: 1), medianLog10GradStep10: pipeline.medianLog10(at: 10),
            nonFiniteLossStep: nonFiniteStep, interrupted: interrupted,
            medianStepSeconds: sorted.isEmpty ? 0 : sorted[sorted.count / 2], chanceLoss: task.chanceLoss)
    }
}
