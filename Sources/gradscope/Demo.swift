import ArgumentParser
import Diagnosis
import Foundation
import TensorBoardLog
import Training

/// `gradscope demo`: the warmup pathology, end to end.
///
/// Trains the reference script's post-LN transformer on the copy task three ways (Adam,
/// Adam with 400 warmup steps, RAdam), writes the TensorBoard logs, draws the figures from
/// those logs and diagnoses each run. Progress goes to stderr; the verdicts to stdout.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Reproduce the warmup pathology: train Adam, Adam + warmup and RAdam, plot, diagnose.",
        discussion: """
            Writes OUT/logs (TensorBoard runs adam, adam-warmup, radam) and OUT/figures. \
            Without warmup, Adam's gradient distribution collapses within ~10 steps and the loss \
            stays at chance (ln 30 ≈ 3.40); with warmup, or with RAdam, the model learns.
            """)

    @Option(help: "Output directory.")
    var out = "demo-out"

    @Option(help: "Training steps per run.")
    var steps = 1000

    @Option(help: "Transformer layers.")
    var layers = 6

    @Option(help: "Seed.")
    var seed: UInt64 = 0

    @Option(help: "Threads (data-parallel batch shards).")
    var threads = 2

    func validate() throws {
        guard steps >= 10 else { throw ValidationError("--steps must be at least 10") }
        guard layers >= 1 else { throw ValidationError("--layers must be at least 1") }
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
    }

    func run() throws {
        var config = TrainingConfig.demo()
        config.steps = steps
        config.layers = layers
        config.seeds = [seed]
        config.threads = threads
        config.logdir = (out as NSString).appendingPathComponent("logs")
        let figures = (out as NSString).appendingPathComponent("figures")
        try prepare(logdir: config.logdir, runs: config.runs().map(\.name), figures: figures)

        Interrupt.install()
        _ = try trainAll(config, makeSink: { run in
            try TensorBoardSink(directory: (config.logdir as NSString).appendingPathComponent(run.name))
        }, progress: ProgressBar(every: 100))
        if Interrupt.requested { throw ExitCode(130) }

        let written = try drawFigures(logdir: config.logdir, into: figures)
        let runs = try loadRuns(in: config.logdir)
        print("Diagnosis (median |g| over the first 20 steps, loss at start and over the last tenth):")
        for run in runs { print("  \(run.name.padding(toLength: 12, withPad: " ", startingAt: 0)) \(diagnose(run).summary)") }
        print("Logs:    \(config.logdir)  (tensorboard --logdir \(config.logdir))")
        print("Figures: " + written.joined(separator: "\n         "))
    }

    /// Makes the output directories. The demo's own run directories from an earlier demo are
    /// replaced, so two demos' steps don't mix; nothing else in `--out` is touched.
    private func prepare(logdir: String, runs: [String], figures: String) throws {
        let manager = FileManager.default
        for run in runs {
            let directory = (logdir as NSString).appendingPathComponent(run)
            if manager.fileExists(atPath: directory) { try manager.removeItem(atPath: directory) }
        }
        for directory in [logdir, figures] {
            try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
    }

    /// The paper's figures from the logs, through the `plot` subcommands themselves.
    private func drawFigures(logdir: String, into directory: String) throws -> [String] {
        func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }
        let stackedTitle = "|g| of a post-LN transformer: Adam, Adam + warmup, RAdam"
        var written: [String] = []
        for format in ["png", "pdf"] {
            var stacked = try PlotHistogram.parse([logdir, "--tag", "grad/abs_all", "-o", path("stacked-gradients.\(format)"),
                                                   "--width", "10", "--height", "4.2", "--title", stackedTitle])
            try stacked.run()
            written.append(path("stacked-gradients.\(format)"))
        }
        var heatmap = try PlotHeatmap.parse([logdir, "--tag", "grad/abs_all", "-o", path("heatmap-gradients.png"),
                                             "--width", "10", "--height", "3.6", "--log-steps"])
        try heatmap.run()
        var loss = try PlotScalars.parse([logdir, "--tag", "loss", "--smoothing", "0.6", "-o", path("loss.png"),
                                          "--title", "training loss (EMA 0.6)"])
        try loss.run()
        var rectification = try PlotRectification.parse([logdir, "--run", "radam", "-o", path("rectification-radam.png"),
                                                         "--title", "RAdam's ρt and rt during the demo"])
        try rectification.run()
        written += [path("heatmap-gradients.png"), path("loss.png"), path("rectification-radam.png")]
        return written
    }

    /// The warmup-pathology verdict for one run, from its `grad/abs_all` and `loss`.
    private func diagnose(_ run: RunData) -> WarmupPathologyDetector.Finding {
        let medians = (run.histograms["grad/abs_all"] ?? []).compactMap { point in
            MagnitudeSummary(point.histogram).median.map { (step: point.step, median: $0) }
        }
        let loss = (run.scalars["loss"] ?? []).map { (step: $0.step, value: $0.value) }
        return WarmupPathologyDetector().diagnose(medians: medians, loss: loss)
    }
}
