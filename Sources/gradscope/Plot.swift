import ArgumentParser

/// `gradscope plot`: figures for papers from TensorBoard logs.
struct Plot: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plot",
        abstract: "Draw figures (PNG, SVG or PDF) from TensorBoard logs.",
        discussion: """
            Several runs (several --run, or several LOGDIRs) become comparison panels side by side \
            with shared axes. The output format follows the extension of -o.
            """,
        subcommands: [PlotHistogram.self, PlotHeatmap.self, PlotRectification.self, PlotScalars.self])
}
