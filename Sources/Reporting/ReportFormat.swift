/// The file a report is written as, decided by the output path's extension.
public enum ReportFormat: String, Sendable, CaseIterable {
    /// One self-contained HTML page.
    case html
    /// A multi-page PDF drawn with Cairo.
    case pdf

    /// The format of `path` (`.html`, `.htm` or `.pdf`, any case); nil for another extension.
    public init?(path: String) {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: ".") else { return nil }
        switch name[name.index(after: dot)...].lowercased() {
        case "html", "htm": self = .html
        case "pdf": self = .pdf
        default: return nil
        }
    }
}
