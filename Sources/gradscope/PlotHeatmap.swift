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
        let loaded = try LoadedRuns(logdirs: logs.logdirs, select: logs.runs)
        let tag = try loaded.histogramTag(logs.tag)
        var panels = try loaded.histogramPanels(tag: tag)
        if let steps {
            let selection = try mapPlotError { try StepSelection(parsing: steps) }
            let restricted: StepSelection
            if case .range(let r, _) = selection { restricted = .range(r, maxCount: Int.max) } else { restricted = selection }
            panels = panels.map { p in
                let keep = Set(restricted.select(from: p.slices.map(\.step)))
                return HistogramPanel(title: p.title, slices: p.slices.filter { keep.contains($0.step) })
            }
            guard panels.contains(where: { !$0.slices.isEmpty }) else { throw PlotCommandError("no histogram at steps \(steps)") }
        }
        try figure.write(HeatmapPlot(panels: panels, logBase: base, logSteps: logSteps, colormap: cmap,
                                     title: figure.title ?? tag))
    }
}
