import ArgumentParser
import Foundation
import Training

/// `gradscope-bench step`: the training step of the demo configuration (post-LN transformer,
/// copy task, Adam), the workload of `../shared/reference/postln_copy_reference.py`, timed
/// two ways in alternating blocks of steps:
///   - bare: batch + forward + backward + optimizer step;
///   - logged: the same plus what `gradscope train` logs every step — |g| histograms of every
///     parameter tensor and their merge, the gradient scalars, written and flushed to a
///     TensorBoard event file.
/// Prints the median step time of each and the logging overhead.
struct StepBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "step",
        abstract: "Milliseconds per training step of the demo, with and without per-step histogram logging.")

    @Option(help: "BLAS threads.") var threads: Int = 1
    @Option(help: "Timed steps per mode.") var steps: Int = 200
    @Option(help: "Steps per alternating block.") var block: Int = 10
    @Option(help: "Untimed warm-up steps.") var warmup: Int = 20
    @Option(help: "Transformer layers.") var layers: Int = 6
    @Option(help: "Batch size.") var batch: Int = 32
    @Option(help: "Directory for the event file of the logged mode.") var logdir: String = NSTemporaryDirectory() + "gradscope-step-bench"

    func validate() throws {
        guard threads >= 1, steps >= 1, block >= 1, warmup >= 0, layers >= 1, batch >= 1 else {
            throw ValidationError("threads, steps, block, layers and batch must be positive")
        }
    }

    func run() throws {
        var config = TrainingConfig()
        config.layers = layers
        config.batchSize = batch
        config.threads = threads
        try config.validate()
        setBLASThreads(threads)
        let task = ModelFactory.task(config)
        let model = ModelFactory.model(config, task: task, seed: 0)
        let store = model.parameters
        var optimizer = OptimizerPreset(.adam).spec(config).make(count: store.count)
        var batchData = task.makeBatch(size: batch)
        var rng = Xoshiro256(seed: 1)
        let monitor = GradientMonitor(largestTensor: store.tensors.map(\.count).max() ?? 1)
        let sink = try TensorBoardSink(directory: logdir)
        let tags = store.tensors.map { "grad/" + $0.name }
        var step = 0

        func oneStep(logged: Bool) throws -> Double {
            let t0 = DispatchTime.now().uptimeNanoseconds
            step += 1
            task.fill(&batchData, using: &rng)
            let loss = model.lossAndGradient(batchData)
            if logged {
                let g = monitor.measure(store)
                sink.scalar("loss", step: step, value: loss)
                sink.scalar("lr", step: step, value: config.learningRate)
                sink.scalar("grad/global_norm", step: step, value: g.globalNorm)
                sink.scalar("grad/frac_below_1e-8", step: step, value: g.fractionBelow1e8)
                if let m = g.medianLog10 { sink.scalar("grad/median_log10", step: step, value: m) }
                for (i, h) in g.perTensor.enumerated() { sink.histogram(tags[i], step: step, h) }
                sink.histogram("grad/abs_all", step: step, g.all)
            }
            let report = optimizer.step(parameters: store.values.buffer,
                                        gradients: UnsafeBufferPointer(store.gradients.buffer),
                                        learningRate: config.learningRate)
            if logged {
                if let a = report.meanAdaptiveStep { sink.scalar("adam/mean_adaptive_step", step: step, value: a) }
                try sink.flush()
            }
            return Double(DispatchTime.now().uptimeNanoseconds - t0) * 1e-6
        }

        for i in 0..<warmup { _ = try oneStep(logged: i % 2 == 0) }
        var bare: [Double] = [], logged: [Double] = []
        while bare.count < steps || logged.count < steps {
            for _ in 0..<block where bare.count < steps { bare.append(try oneStep(logged: false)) }
            for _ in 0..<block where logged.count < steps { logged.append(try oneStep(logged: true)) }
        }
        try sink.close()
        func median(_ x: [Double]) -> Double { x.sorted()[x.count / 2] }
        let b = median(bare), l = median(logged)
        print(String(format: "gradscope step, %d threads, %d layers, batch %d: bare %.2f ms, logged %.2f ms, logging overhead %+.1f%%",
                     threads, layers, batch, b, l, (l / b - 1) * 100))
    }
}
