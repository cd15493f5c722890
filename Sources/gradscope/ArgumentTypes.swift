import ArgumentParser
import Plotting
import Training

// Typed options: each value the CLI takes by name parses where its type is defined, and the
// parser lists the accepted names in `--help` and in its error for a bad value.

extension LogBase: ExpressibleByArgument {
    public init?(argument: String) { try? self.init(parsing: argument) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
    public var defaultValueDescription: String { rawValue }
}

extension Colormap: ExpressibleByArgument {
    public init?(argument: String) {
        guard let colormap = try? Colormap.named(argument) else { return nil }
        self = colormap
    }
    public static var allValueStrings: [String] { all.map(\.name) }
    public var defaultValueDescription: String { name }
}

extension Theme: ExpressibleByArgument {
    public init?(argument: String) {
        guard let theme = try? Theme.named(argument) else { return nil }
        self = theme
    }
    public static var allValueStrings: [String] { all.map(\.name) }
    public var defaultValueDescription: String { name }
}

extension StackedHistogramPlot.Normalization: ExpressibleByArgument {}

/// `--steps`, with StepSelection's own message for a bad value.
func parseStepSelection(_ text: String) throws -> StepSelection {
    try mapPlotError { try StepSelection(parsing: text) }
}

extension TrainingConfig.ModelKind: ExpressibleByArgument {}
extension TrainingConfig.TaskKind: ExpressibleByArgument {}
extension TrainingConfig.ScheduleKind: ExpressibleByArgument {}
extension Activation: ExpressibleByArgument {}
