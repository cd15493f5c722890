import Foundation
import Plotting

/// The RAdam paper's figures for `gradscope demo`, all drawn from one read of the demo's logs.
///
/// - Figure 1: the loss of every run;
/// - Figure 2: stacked |g| histograms, Adam vs Adam + warmup, over the first 100 steps and over
///   the whole run;
/// - Figure 3 (`full`): Adam-2k, Adam-eps and RAdam next to Adam;
/// - ρt/rt for β2 ∈ {0.9, 0.99, 0.999} and for the RAdam run, marked at the run's threshold;
/// - |g| heatmaps of every run.
struct DemoFigures {
    let runs: LoadedRuns
    let full: Bool
    /// The ρt threshold the demo's RAdam used (PyTorch's preset: 5).
    let radamThreshold: Double
    let directory: String
    /// Resolution of the PNGs.
    let dpi: Double

    static let gradientTag = "grad/abs_all"

    /// Writes every figure; returns the paths written.
    func drawAll() throws -> [String] {
        var written: [String] = []
        written += try figure1Loss()
        written += try figure2Stacked()
        if full { written += try figure3Variants() }
        written += try rectification()
        written += try heatmaps()
        return written
    }

    private func figure1Loss() throws -> [String] {
        let plot = try runs.scalarPlot(tag: "loss", smoothing: 0.6, title: "Figure 1: training loss (EMA 0.6)")
        return try write(plot, "fig1-loss", formats: ["png", "pdf"], width: 7, height: 4)
    }

    private func figure2Stacked() throws -> [String] {
        let pair = only(["adam", "adam-warmup"])
        let first = try pair.stackedHistogramPlot(tag: Self.gradientTag, steps: .paper,
                                                  title: "Figure 2: |g| over the first 100 steps, Adam vs Adam + warmup")
        let whole = try pair.stackedHistogramPlot(tag: Self.gradientTag, steps: .automatic(count: 8),
                                                  title: "Figure 2: |g| over the whole run, Adam vs Adam + warmup")
        return try write(first, "fig2-stacked-first-100-steps", formats: ["png", "pdf"], width: 8, height: 4.2)
            + write(whole, "fig2-stacked-whole-run", formats: ["png", "pdf"], width: 8, height: 4.2)
    }

    private func figure3Variants() throws -> [String] {
        let plot = try only(["adam", "adam-2k", "adam-eps", "radam"]).stackedHistogramPlot(
            tag: Self.gradientTag, steps: .paper, title: "Figure 3: |g| of Adam, Adam-2k, Adam-eps and RAdam (first 100 steps)")
        return try write(plot, "fig3-stacked-variants", formats: ["png", "pdf"], width: 12, height: 4.2)
    }

    private func rectification() throws -> [String] {
        let theory = try theoreticalRectificationSeries(beta2: [0.9, 0.99, 0.999], maxStep: 10_000, threshold: radamThreshold)
        let ofRun = try only(["radam"]).rectificationSeries(threshold: radamThreshold)
        let threshold = String(format: "%g", radamThreshold)
        return try write(RectificationPlot(series: theory, threshold: radamThreshold,
                                           title: "ρt and rt for three β2 (threshold ρt = \(threshold))"),
                         "rectification-beta2", formats: ["png"], width: 6.4, height: 4)
            + write(RectificationPlot(series: ofRun, threshold: radamThreshold,
                                      title: "RAdam's ρt and rt during the demo (threshold ρt = \(threshold))"),
                    "rectification-radam", formats: ["png"], width: 6.4, height: 4)
    }

    private func heatmaps() throws -> [String] {
        let plot = try runs.heatmapPlot(tag: Self.gradientTag, logSteps: true,
                                        title: "|g| of every step (fraction of values, log colour)")
        let width = min(4 + 2.2 * Double(runs.runs.count), 16)
        return try write(plot, "heatmap-gradients", formats: ["png"], width: width, height: 3.6)
    }

    /// The runs named `names`, in that order (a name no run has is left out).
    private func only(_ names: [String]) -> LoadedRuns {
        LoadedRuns(runs: names.compactMap { name in runs.runs.first { $0.name == name } })
    }

    /// Renders `content` once per format to DIRECTORY/NAME.FORMAT.
    private func write(_ content: any FigureContent, _ name: String, formats: [String],
                       width: Double, height: Double) throws -> [String] {
        try formats.map { format in
            let path = (directory as NSString).appendingPathComponent("\(name).\(format)")
            let figure = Figure(content: content, width: width, height: height, dpi: dpi, vectorRasterDPI: dpi)
            try mapPlotError { try figure.write(to: path) }
            return path
        }
    }
}
