/// Errors from figure rendering and data preparation, each with a one-line description.
public enum PlotError: Error, CustomStringConvertible, Sendable, Equatable {
    /// Cairo reported a failure status.
    case cairo(operation: String, status: String)
    /// The output file could not be written.
    case unwritableOutput(path: String, reason: String)
    /// The output file's extension names no supported format.
    case unknownFormat(path: String)
    /// The figure has nothing to draw.
    case noData(String)
    /// A parameter is out of its valid range.
    case invalidArgument(String)

    public var description: String {
        switch self {
        case .cairo(let op, let status): "cairo failed in \(op): \(status)"
        case .unwritableOutput(let path, let reason): "cannot write \(path): \(reason)"
        case .unknownFormat(let path):
            "cannot tell the output format of \(path): use \(Self.choices(OutputFormat.allCases.map { "." + $0.rawValue }))"
        case .noData(let what): "nothing to plot: \(what)"
        case .invalidArgument(let what): what
        }
    }
}

extension PlotError {
    /// The names a message offers, as `a, b or c`, taken from the list that the lookup itself
    /// searches (so the message cannot fall out of step with it).
    static func choices(_ names: [String]) -> String {
        guard let last = names.last else { return "" }
        return names.count == 1 ? last : names.dropLast().joined(separator: ", ") + " or " + last
    }
}
