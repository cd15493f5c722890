/// The file formats a figure renders to.
public enum OutputFormat: String, Sendable, CaseIterable {
    case png, svg, pdf

    /// The format named by the path's extension (case-insensitive).
    public init(path: String) throws {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."),
              let format = OutputFormat(rawValue: name[name.index(after: dot)...].lowercased())
        else { throw PlotError.unknownFormat(path: path) }
        self = format
    }
}
