import ArgumentParser
import Plotting

/// `gradscope plot heatmap`: every step's |g| distribution as a column of colour.
struct PlotHeatmap: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "heatmap", abstract: "Step × log|g| heatmap of the fraction of values.")

    @OptionGroup var logs: PlotLogOptions
    @OptionGroup var figure: PlotFigureOptions

    @Option(help: "Log base of the |g| axis.")
    var logBase: LogBase = .e

    @Flag(help: "Log-scale step axis.")
    var logSteps = false

    @Option(help: "Colormap.")
    var colormap: Colormap = .viridis

    @Option(help: "Only these steps: a range 100-500 or a list 1,5,10 (all steps by default).",
            transform: parseStepSelection)
    var steps: StepSelection?

    func run() throws {
        let loaded = try LoadedRuns(plotting: logs, filter: LoadedRuns.histogramFilter(logs.tag))
        let tag = try loaded.histogramTag(logs.tag)
        try figure.write(try loaded.heatmapPlot(tag: tag, logBase: logBase, logSteps: logSteps, colormap: colormap,
                                                steps: steps, title: figure.title ?? tag))
    }
}
