import ArgumentParser
import Plotting

/// `gradscope plot heatmap`: every step's |g| distribution as a column of colour.
struct PlotHeatmap: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "heatmap", abstract: "Step × log|g| heatmap of the fraction of values.")

    @OptionGroup var logs: PlotLogOptions
    @OptionGroup var figure: PlotFigureOptions

    @Option(help: "Log base of the |g| axis: e, 10 or 2.")
    var logBase: String = "e"

    @Flag(help: "Log-scale step axis.")
    var logSteps = false

    @Option(help: "Colormap: viridis, magma or cividis.")
    var colormap: String = "viridis"

    @Option(help: "Only these steps: a range 100-500 or a list 1,5,10 (all steps by default).")
    var steps: String?

    func run() throws {
        let base = try mapPlotError { try LogBase(parsing: logBase) }
        let cmap = try mapPlotError { try Colormap.named(colormap) }
        let loaded = try LoadedRuns(plotting: logs, filter: LoadedRuns.histogramFilter(logs.tag))
        let tag = try loaded.histogramTag(logs.tag)
        let selection = try steps.map { text in try mapPlotError { try StepSelection(parsing: text) } }
        try figure.write(try loaded.heatmapPlot(tag: tag, logBase: base, logSteps: logSteps, colormap: cmap,
                                                steps: selection, title: figure.title ?? tag))
    }
}
