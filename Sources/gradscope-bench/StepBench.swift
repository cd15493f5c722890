import ArgumentParser
import Foundation
import Training

/// `gradscope-bench step`: the training step of the demo configuration (post-LN transformer,
/// copy task, Adam, batch 32), the workload of `../shared/reference/postln_copy_reference.py`.
/// Runs the real training loop (`Training.train`) alternately
///   - without histograms (scalars only, discarded), and
///   - with everything `gradscope train` logs every step: |g| histograms of every parameter
///     tensor and their merge plus the scalars, written to a TensorBoard event file,
/// and prints the median step time of each mode (median over rounds of each run's median
/// step) and the wall time per step including the final drain of the logging queue.
struct StepBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "step",
        abstract: "Milliseconds per training step of the demo, with and without per-step histogram logging.")

    @Option(help: "Threads (data-parallel batch shards).") var threads: Int = 1
    @Option(help: "Steps per run.") var steps: Int = 100
    @Option(help: "Rounds; each round runs both modes once, in alternating order.") var rounds: Int = 4
    @Option(help: "Transformer layers.") var layers: Int = 6
    @Option(help: "Batch size.") var batch: Int = 32
    @Option(help: "Directory for the event files of the logged mode.")
    var logdir: String = NSTemporaryDirectory() + "gradscope-step-bench"

    func validate() throws {
        guard threads >= 1, steps >= 1, rounds >= 1, layers >= 1, batch >= 1 else {
            throw ValidationError("threads, steps, rounds, layers and batch must be positive")
        }
    }

    func run() throws {
        var config = TrainingConfig()
        config.layers = layers
        config.batchSize = batch
        config.threads = threads
        config.steps = steps
        try config.validate()
        let run = config.runs()[0]
        // Untimed warm-up run: thread pools, page faults, OpenBLAS buffers.
        var warm = config
        warm.steps = min(steps, 20)
        warm.logHistograms = false
        _ = try train(run: run, config: warm, sink: NullLogSink(), shouldStop: { false })
        var bare: [(median: Double, wall: Double)] = [], logged: [(median: Double, wall: Double)] = []
        for round in 0..<rounds {
            for withHistograms in round % 2 == 0 ? [false, true] : [true, false] {
                config.logHistograms = withHistograms
                let sink: TrainingLogSink = withHistograms
                    ? try TensorBoardSink(directory: (logdir as NSString).appendingPathComponent("round\(round)"))
                    : NullLogSink()
                let start = DispatchTime.now().uptimeNanoseconds
                let summary = try train(run: run, config: config, sink: sink, shouldStop: { false })
                let wall = Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9 / Double(steps)
                let entry = (summary.medianStepSeconds * 1e3, wall * 1e3)
                if withHistograms { logged.append(entry) } else { bare.append(entry) }
            }
        }
        try? FileManager.default.removeItem(atPath: logdir)
        func median(_ x: [Double]) -> Double { x.sorted()[x.count / 2] }
        let b = median(bare.map(\.median)), l = median(logged.map(\.median))
        let bw = median(bare.map(\.wall)), lw = median(logged.map(\.wall))
        print(String(format: "gradscope step, %d threads, %d layers, batch %d: median step bare %.2f ms, logged %.2f ms (%+.1f%%); wall/step bare %.2f ms, logged %.2f ms (%+.1f%%)",
                     threads, layers, batch, b, l, (l / b - 1) * 100, bw, lw, (lw / bw - 1) * 100))
    }
}
