import ArgumentParser
import Plotting

/// `gradscope plot hist`: the stacked (ridgeline) histogram of the RAdam paper's Figure 2.
struct PlotHistogram: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hist", abstract: "Stacked |g| histograms, one slice per selected step.")

    @OptionGroup var logs: PlotLogOptions
    @OptionGroup var figure: PlotFigureOptions

    @Option(help: "Steps: paper (1,5,10,25,50,75,100), a list 1,5,10, a range 100-500, auto or auto:N.",
            transform: parseStepSelection)
    var steps: StepSelection = .paper

    @Option(help: "Log base of the |g| axis.")
    var logBase: LogBase = .e

    @Option(help: "Slice heights.")
    var normalize: StackedHistogramPlot.Normalization = .perStep

    func run() throws {
        let loaded = try LoadedRuns(plotting: logs, filter: LoadedRuns.histogramFilter(logs.tag))
        let tag = try loaded.histogramTag(logs.tag)
        let plot = try loaded.stackedHistogramPlot(tag: tag, steps: steps, logBase: logBase,
                                                   normalization: normalize, title: figure.title ?? tag)
        try figure.write(plot)
    }
}
