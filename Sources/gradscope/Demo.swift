import ArgumentParser
import Diagnosis
import Foundation
import TensorBoardLog
import Training

/// `gradscope demo`: the warmup pathology, end to end.
///
/// Trains the reference script's post-LN transformer on the copy task three ways (Adam,
/// Adam with warmup, RAdam; `--full` adds Adam-2k, Adam-eps and SGD with momentum), writes the
/// TensorBoard logs, reads them back once, draws the paper's figures from that one read and
/// diagnoses each run. Progress goes to stderr; the verdicts to stdout.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Reproduce the warmup pathology: train Adam, Adam + warmup and RAdam, plot, diagnose.",
        discussion: """
            Writes OUT/logs (TensorBoard runs adam, adam-warmup, radam; with --full also adam-2k, \
            adam-eps, sgd), OUT/figures and OUT/report.html. Without warmup, Adam's gradient distribution collapses \
            within ~10 steps and the loss stays at chance (ln 30 ≈ 3.40); with warmup, or with \
            RAdam, the model learns. --quick trains a smaller model (\(DemoSize.quick.layers) layers, \
            \(DemoSize.quick.steps) steps, warmup \(DemoSize.quick.warmup)) that gives the same verdicts.
            """)

    @Option(help: "Output directory.")
    var out = "demo-out"

    @Flag(help: "A smaller configuration with the same verdicts (\(DemoSize.quick.layers) layers, \(DemoSize.quick.steps) steps).")
    var quick = false

    @Flag(help: "Also train Adam-2k, Adam-eps and SGD with momentum, and draw the paper's Figure 3.")
    var full = false

    @Option(help: "Training steps per run (default \(DemoSize.standard.steps); \(DemoSize.quick.steps) with --quick).")
    var steps: Int?

    @Option(help: "Transformer layers (default \(DemoSize.standard.layers); \(DemoSize.quick.layers) with --quick).")
    var layers: Int?

    @Option(help: "Warmup steps of adam-warmup (default \(DemoSize.standard.warmup); \(DemoSize.quick.warmup) with --quick).")
    var warmup: Int?

    @Option(help: "Seed.")
    var seed: UInt64 = 0

    @Option(help: "Threads (data-parallel batch shards).")
    var threads = 2

    @Option(help: "Resolution of the PNG figures, dots per inch.")
    var dpi: Double = 150

    func validate() throws {
        if let steps { guard steps >= 10 else { throw ValidationError("--steps must be at least 10") } }
        if let layers { guard layers >= 1 else { throw ValidationError("--layers must be at least 1") } }
        if let warmup { guard warmup >= 1 else { throw ValidationError("--warmup must be at least 1") } }
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
        guard dpi >= 10, dpi <= 2400 else { throw ValidationError("--dpi must be between 10 and 2400") }
    }

    func run() throws {
        let config = trainingConfig()
        let figures = (out as NSString).appendingPathComponent("figures")
        try prepare(logdir: config.logdir, runs: config.runs().map(\.name), figures: figures)

        Interrupt.install()
        _ = try trainAll(config, makeSink: { run in
            try TensorBoardSink(directory: (config.logdir as NSString).appendingPathComponent(run.name))
        }, progress: ProgressBar(every: 100))
        if Interrupt.requested { throw ExitCode(130) }

        // The one read of the logs: every figure and every verdict comes from `runs`.
        let loaded = try LoadedRuns(logdirs: [config.logdir])
        let runs = loaded.data
        let written = try DemoFigures(runs: loaded, full: full,
                                      radamThreshold: OptimizerPreset(.radam).spec(config).radamThreshold,
                                      directory: figures, dpi: dpi).drawAll()
        let report = (out as NSString).appendingPathComponent("report.html")
        try Report.writeHTML(of: loaded, title: "gradscope demo: the warmup pathology", to: report)
        print("Diagnosis (median |g| over the first 20 steps, loss at start and over the last tenth):")
        for run in runs { print("  \(run.name.padding(toLength: 12, withPad: " ", startingAt: 0)) \(diagnose(run).summary)") }
        print("Logs:    \(config.logdir)  (tensorboard --logdir \(config.logdir))")
        print("Figures: " + written.joined(separator: "\n         "))
        print("Report:  \(report)")
    }

    /// The demo's training configuration: the reference script's, at the chosen size.
    func trainingConfig() -> TrainingConfig {
        let size = quick ? DemoSize.quick : DemoSize.standard
        var presets: [OptimizerPreset] = [.init(.adam), .init(.adam, warmup: true), .init(.radam)]
        if full { presets += [.init(.adam2k), .init(.adamEps), .init(.sgd)] }
        var config = TrainingConfig.demo(presets)
        config.steps = steps ?? size.steps
        config.layers = layers ?? size.layers
        config.warmupSteps = warmup ?? size.warmup
        config.seeds = [seed]
        config.threads = threads
        config.logdir = (out as NSString).appendingPathComponent("logs")
        return config
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

    /// The warmup-pathology verdict for one run, from its `grad/abs_all` and `loss`.
    private func diagnose(_ run: RunData) -> WarmupPathologyDetector.Finding {
        let medians = (run.histograms["grad/abs_all"] ?? []).compactMap { point in
            MagnitudeSummary(point.histogram).median.map { (step: point.step, median: $0) }
        }
        let loss = (run.scalars["loss"] ?? []).map { (step: $0.step, value: $0.value) }
        return WarmupPathologyDetector().diagnose(medians: medians, loss: loss)
    }
}

/// The demo's model depth, run length and warmup.
struct DemoSize {
    var layers: Int
    var steps: Int
    var warmup: Int

    /// The reference script's configuration (6 layers, 1000 steps, warmup 400).
    static let standard = DemoSize(layers: 6, steps: 1000, warmup: 400)
    /// The smallest configuration found whose seed-0 verdicts equal the standard one's
    /// (see BENCHMARKS.md, "Demo").
    static let quick = DemoSize(layers: 4, steps: 150, warmup: 50)
}
