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
            let model = Transformer<Float>(config: t, batchSize: config.batchSize, length: task.length, seed: seed)
            model.attentionWorkers = config.threads
            return model
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
/// The training thread computes |g| (and the norm and small-gradient count) in one pass; the
/// histograms and all sink calls run on a background queue (``LogPipeline``), so `sink` is
/// only ever called from that one queue and need not be thread-safe.
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
    let pipeline = LogPipeline(sink: sink, tensors: store.tensors, scale: config.histogramScale,
                               keepMedianSteps: [1, 10])
    let previous = config.logUpdates ? Buffer<Float>(count: store.count) : nil

    progress?.runStarted(run, index: runIndex, of: runCount, steps: config.steps)
    var losses: [Double] = []
    losses.reserveCapacity(config.steps)
    var stepTimes: [Double] = []
    stepTimes.reserveCapacity(config.steps)
    var nonFinite: Int?, interrupted = false

    for t in 1...config.steps {
        if shouldStop() { interrupted = true; break }
        try pipeline.checkError()
        let t0 = ProgressBar.now()
        task.fill(&batch, using: &rng)
        let loss = model.lossAndGradient(batch)
        let lr = schedule.learningRate(at: t)
        losses.append(loss)
        if !loss.isFinite {
            nonFinite = t
            pipeline.submit(step: t, scalars: [("loss", loss), ("lr", lr)])
            progress?.stepFinished(step: t, loss: loss)
            break
        }
        let g = pipeline.absoluteGradients(store.gradients.base, count: store.count, step: t)
        if let previous { previous.base.update(from: store.values.base, count: store.count) }
        let report = optimizer.step(parameters: store.values.buffer, gradients: UnsafeBufferPointer(store.gradients.buffer),
                                    learningRate: lr)

        var scalars: [(String, Double)] = [
            ("loss", loss), ("lr", lr), ("grad/global_norm", g.sumSquares.squareRoot()),
            ("grad/frac_below_1e-8", Double(g.below) / Double(max(store.count, 1))),
        ]
        if let rho = report.rhoT { scalars.append(("radam/rho_t", rho)) }
        if let r = report.rectification { scalars.append(("radam/r_t", r)) }
        if let a = report.meanAdaptiveStep { scalars.append(("adam/mean_adaptive_step", a)) }
        var extra: [(String, ExponentialHistogram)] = []
        if let previous {
            let p = previous.base, v = store.values.base
            for i in 0..<store.count { p[i] = abs(p[i] - v[i]) }
            var h = ExponentialHistogram(scale: config.histogramScale)
            h.record(contentsOf: UnsafeBufferPointer(start: p, count: store.count))
            extra.append(("update/abs_all", h))
            if optimizer.adaptiveStepSizes(learningRate: lr, into: previous.buffer) {
                var a = ExponentialHistogram(scale: config.histogramScale)
                a.record(contentsOf: UnsafeBufferPointer(previous.buffer))
                extra.append(("optimizer/adaptive_step", a))
            }
        }
        pipeline.submit(step: t, scalars: scalars, histograms: config.logHistograms, extra: extra)
        stepTimes.append(ProgressBar.now() - t0)
        progress?.stepFinished(step: t, loss: loss)
    }
    try pipeline.finish()
    let median1 = pipeline.medianLog10(at: 1), median10 = pipeline.medianLog10(at: 10)

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
