import Foundation
import Histograms

/// Builds the model and task of a config.
public enum ModelFactory {
    public static func task(_ config: TrainingConfig) -> any TrainingTask {
        switch config.task {
        case .copy: CopyTask()
        case .spirals: TwoSpirals()
        }
    }

    public static func model(_ config: TrainingConfig, task: any TrainingTask, seed: UInt64) -> any TrainableModel<Float> {
        switch config.model {
        case .postln, .preln:
            let t = TransformerConfig(placement: config.model == .postln ? .postLN : .preLN, layers: config.layers,
                                      dModel: config.dModel, heads: config.heads, vocabulary: task.classes,
                                      maxLength: task.length + 1)
            return Transformer<Float>(config: t, batchSize: config.batchSize, length: task.length, seed: seed)
        case .mlp:
            return MLP<Float>(widths: [task.featureWidth] + config.hidden + [task.classes],
                              activation: config.activation, batchSize: config.batchSize, seed: seed)
        }
    }
}

/// Trains one run: every step samples a batch, runs forward/backward, measures and logs the
/// gradients, steps the optimizer and logs the step's scalars. Stops early on Ctrl-C
/// (``Interrupt``) or on a NaN/∞ loss; the log is flushed in every case.
///
/// Logged every step: `loss`, `lr`, `grad/global_norm`, `grad/frac_below_1e-8`,
/// `grad/median_log10` and histograms `grad/<param>` and `grad/abs_all` (when histograms are
/// on); `adam/mean_adaptive_step` (the mean over elements of lr/(√v̂+ε)) for the Adam family,
/// `radam/rho_t` and `radam/r_t` (when defined) for RAdam; with `logUpdates`, the histograms
/// `update/abs_all` of |Δθ| and `optimizer/adaptive_step` of the per-element adaptive step size.
///
/// `shouldStop` is checked before every step (default: Ctrl-C was pressed).
public func train(run: RunSpec, config: TrainingConfig, sink: TrainingLogSink,
                  progress: TrainingProgress? = nil, runIndex: Int = 0, runCount: Int = 1,
                  shouldStop: () -> Bool = { Interrupt.requested }) throws -> TrainingSummary {
    try config.validate()
    setBLASThreads(config.threads)
    let task = ModelFactory.task(config)
    let model = ModelFactory.model(config, task: task, seed: run.seed)
    let store = model.parameters
    var optimizer = run.preset.spec(config).make(count: store.count)
    let schedule = run.preset.schedule(config)
    var batch = task.makeBatch(size: config.batchSize)
    var rng = Xoshiro256(seed: run.seed &* 0x9E37_79B9_7F4A_7C15 &+ 1)
    let monitor = GradientMonitor(largestTensor: store.tensors.map(\.count).max() ?? 1, scale: config.histogramScale)
    let previous = config.logUpdates ? Buffer<Float>(count: store.count) : nil
    let tagNames = store.tensors.map { "grad/" + $0.name }

    progress?.runStarted(run, index: runIndex, of: runCount, steps: config.steps)
    var losses: [Double] = []
    losses.reserveCapacity(config.steps)
    var stepTimes: [Double] = []
    stepTimes.reserveCapacity(config.steps)
    var median1: Double?, median10: Double?, nonFinite: Int?, interrupted = false

    for t in 1...config.steps {
        if shouldStop() { interrupted = true; break }
        let t0 = ProgressBar.now()
        task.fill(&batch, using: &rng)
        let loss = model.lossAndGradient(batch)
        let lr = schedule.learningRate(at: t)
        sink.scalar("loss", step: t, value: loss)
        sink.scalar("lr", step: t, value: lr)
        losses.append(loss)
        if !loss.isFinite {
            nonFinite = t
            progress?.stepFinished(step: t, loss: loss)
            break
        }
        let g = monitor.measure(store, histograms: config.logHistograms)
        if let previous { previous.base.update(from: store.values.base, count: store.count) }
        let report = optimizer.step(parameters: store.values.buffer, gradients: UnsafeBufferPointer(store.gradients.buffer),
                                    learningRate: lr)

        sink.scalar("grad/global_norm", step: t, value: g.globalNorm)
        sink.scalar("grad/frac_below_1e-8", step: t, value: g.fractionBelow1e8)
        if let m = g.medianLog10 { sink.scalar("grad/median_log10", step: t, value: m) }
        if let rho = report.rhoT { sink.scalar("radam/rho_t", step: t, value: rho) }
        if let r = report.rectification { sink.scalar("radam/r_t", step: t, value: r) }
        if let a = report.meanAdaptiveStep { sink.scalar("adam/mean_adaptive_step", step: t, value: a) }
        if config.logHistograms {
            for (i, h) in g.perTensor.enumerated() { sink.histogram(tagNames[i], step: t, h) }
            sink.histogram("grad/abs_all", step: t, g.all)
        }
        if let previous {
            let p = previous.base, v = store.values.base
            for i in 0..<store.count { p[i] = abs(p[i] - v[i]) }
            var h = ExponentialHistogram(scale: config.histogramScale)
            h.record(contentsOf: UnsafeBufferPointer(start: p, count: store.count))
            sink.histogram("update/abs_all", step: t, h)
            if optimizer.adaptiveStepSizes(learningRate: lr, into: previous.buffer) {
                var a = ExponentialHistogram(scale: config.histogramScale)
                a.record(contentsOf: UnsafeBufferPointer(previous.buffer))
                sink.histogram("optimizer/adaptive_step", step: t, a)
            }
        }
        try sink.flush()
        if t == 1 { median1 = g.medianLog10 }
        if t == 10 { median10 = g.medianLog10 }
        stepTimes.append(ProgressBar.now() - t0)
        progress?.stepFinished(step: t, loss: loss)
    }
    try sink.flush()

    let k = max(1, config.steps / 10)
    let tenths = stride(from: 0, to: losses.count, by: k).map { i in
        let chunk = losses[i..<min(i + k, losses.count)]
        return chunk.reduce(0, +) / Double(chunk.count)
    }
    let sorted = stepTimes.sorted()
    let summary = TrainingSummary(
        runName: run.name, stepsRequested: config.steps, stepsCompleted: nonFinite.map { $0 - 1 } ?? losses.count,
        finalLoss: losses.last ?? .nan, lossByTenths: tenths,
        medianLog10GradStep1: median1, medianLog10GradStep10: median10, nonFiniteLossStep: nonFinite,
        interrupted: interrupted, medianStepSeconds: sorted.isEmpty ? 0 : sorted[sorted.count / 2],
        chanceLoss: task.chanceLoss)
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
    let runs = config.runs()
    var summaries: [TrainingSummary] = []
    for (i, run) in runs.enumerated() {
        if Interrupt.requested { break }
        let sink = try makeSink(run)
        summaries.append(try train(run: run, config: config, sink: sink, progress: progress, runIndex: i, runCount: runs.count))
    }
    return summaries
}
