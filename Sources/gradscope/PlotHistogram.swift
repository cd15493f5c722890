import ArgumentParser
import Plotting

/// `gradscope plot hist`: the stacked (ridgeline) histogram of the RAdam paper's Figure 2.
struct PlotHistogram: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hist", abstract: "Stacked |g| histograms, one slice per selected step.")

    @OptionGroup var logs: PlotLogOptions
    @OptionGroup var figure: PlotFigureOptions

    @Option(help: "Steps: paper (1,5,10,25,50,75,100), a list 1,5,10, a range 100-500, auto or auto:N.")
    var steps: String = "paper"

    @Option(help: "Log base of the |g| axis: e, 10 or 2.")
    var logBase: String = "e"

    @Option(help: "Slice heights: per-step or shared.")
    var normalize: String = "per-step"

    func run() throws {
        let selection = try mapPlotError { try StepSelection(parsing: steps) }
        let base = try mapPlotError { try LogBase(parsing: logBase) }
        guard ["per-step", "shared"].contains(normalize) else { throw PlotCommandError("--normalize must be per-step or shared") }
        let loaded = try LoadedRuns(plotting: logs, filter: LoadedRuns.histogramFilter(logs.tag))
        let tag = try loaded.histogramTag(logs.tag)
        let plot = try loaded.stackedHistogramPlot(tag: tag, steps: selection, logBase: base,
                                                   normalization: normalize == "shared" ? .shared : .perStep,
                                                   title: figure.title ?? tag)
        try figure.write(plot)
    }
}
