import ArgumentParser
import Plotting
import TensorBoardLog

/// `gradscope plot scalars`: a scalar tag for one or more runs.
struct PlotScalars: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scalars", abstract: "A scalar tag (loss, lr, …) against the step, one line per run.")

    @OptionGroup var logs: PlotLogOptions
    @OptionGroup var figure: PlotFigureOptions

    @Option(help: "TensorBoard-style EMA smoothing weight in [0, 1).")
    var smoothing: Double = 0

    @Flag(help: "Log-scale y axis.")
    var logY = false

    @Flag(help: "Log-scale step axis.")
    var logSteps = false

    @Flag(help: "One panel per run instead of one panel with a line per run.")
    var sideBySide = false

    func run() throws {
        guard smoothing >= 0, smoothing < 1 else { throw PlotCommandError("--smoothing must be in [0, 1)") }
        let loaded = try LoadedRuns(plotting: logs, filter: .scalars(logs.tag.map { .named($0) } ?? .all))
        let tags = loaded.scalarTags()
        guard !tags.isEmpty else { throw PlotCommandError("no scalars in \(loaded.runs.map(\.name).joined(separator: ", "))") }
        let tag = logs.tag ?? (tags.contains("loss") ? "loss" : tags[0])
        guard tags.contains(tag) else { throw PlotCommandError("no scalar tag '\(tag)'; tags: \(tags.joined(separator: ", "))") }
        try figure.write(try loaded.scalarPlot(tag: tag, smoothing: smoothing, logX: logSteps, logY: logY,
                                               sideBySide: sideBySide, title: figure.title))
    }
}
