/// A printed page size. The raw values are the names a command line takes (`a4`, `letter`).
public enum PaperSize: String, Sendable, CaseIterable {
    /// ISO A4, 210 × 297 mm = 595 × 842 pt (rounded to whole points, as PDF writers do).
    case a4
    /// US Letter, 8.5 × 11 in = 612 × 792 pt.
    case letter

    /// Width and height in points (1/72 in), portrait.
    public var points: (width: Double, height: Double) {
        switch self {
        case .a4: (595, 842)
        case .letter: (612, 792)
        }
    }

    /// The whole page, origin at the top left.
    public var bounds: Rect { Rect(x: 0, y: 0, width: points.width, height: points.height) }
}
