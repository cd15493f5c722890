import ArgumentParser
import Plotting
import TensorBoardLog

/// `gradscope plot rect`: RAdam's ρt and rt, from β2 values or from a log's scalars.
struct PlotRectification: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rect", abstract: "RAdam's ρt and rt against the step, for several β2 or from logged scalars.")

    @OptionGroup var logs: PlotLogOptions
    @OptionGroup var figure: PlotFigureOptions

    @Option(help: "β2 values (without LOGDIR).")
    var beta2: String = "0.9,0.99,0.999"

    @Option(help: "Last step (without LOGDIR).")
    var maxStep: Int = 10000

    @Option(help: "Threshold on ρt: 4 (paper) or 5 (PyTorch).")
    var threshold: Double = 4

    @Flag(help: "Linear step axis (log by default).")
    var linearSteps = false

    @Option(help: "Scalar tag of ρt in the log.")
    var rhoTag: String = "radam/rho_t"

    @Option(help: "Scalar tag of rt in the log.")
    var rTag: String = "radam/r_t"

    func run() throws {
        guard threshold.isFinite, threshold >= 2 else { throw PlotCommandError("--threshold must be at least 2") }
        let series = logs.logdirs.isEmpty ? try theoretical() : try fromLogs()
        try figure.write(RectificationPlot(series: series, threshold: threshold, logSteps: !linearSteps,
                                           title: figure.title ?? "RAdam rectification"))
    }

    private func theoretical() throws -> [RectificationSeries] {
        guard (2...10_000_000).contains(maxStep) else { throw PlotCommandError("--max-step must be between 2 and 10000000") }
        let values = try beta2.split(separator: ",").map { text -> Double in
            guard let b = Double(text.trimmingCharacters(in: .whitespaces)), b > 0, b < 1 else {
                throw PlotCommandError("--beta2 takes values in (0, 1), got '\(text)'")
            }
            return b
        }
        guard !values.isEmpty else { throw PlotCommandError("--beta2 is empty") }
        return try theoreticalRectificationSeries(beta2: values, maxStep: maxStep, threshold: threshold)
    }

    private func fromLogs() throws -> [RectificationSeries] {
        let rhoTag = logs.tag ?? self.rhoTag
        let loaded = try LoadedRuns(plotting: logs, filter: .scalars(.named([rhoTag, rTag])))
        let tags = loaded.scalarTags()
        guard tags.contains(rhoTag) else {
            throw PlotCommandError("no scalar tag '\(rhoTag)' (ρt); tags: \(tags.joined(separator: ", "))")
        }
        return try loaded.rectificationSeries(rhoTag: rhoTag, rTag: rTag, threshold: threshold)
    }
}
