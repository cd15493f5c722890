import ArgumentParser

/// gradscope: see what an adaptive optimizer does to your gradients, step by step.
@main
struct Gradscope: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gradscope",
        abstract: "Train, read, plot and diagnose gradient histograms in TensorBoard logs.",
        subcommands: [Demo.self, Train.self, Inspect.self, Export.self, Plot.self, Diagnose.self, Report.self])
}
