/// Colours, fonts and line widths shared by every part of a figure.
public struct Theme: Sendable, Hashable {
    public var name: String
    public var background: Color
    /// Background of the plotting area.
    public var plotBackground: Color
    /// Axis lines, ticks and text.
    public var foreground: Color
    /// Secondary text (annotations).
    public var mutedForeground: Color
    public var gridColor: Color
    /// Colours for successive series (matplotlib's tab10 order on paper).
    public var cycle: [Color]
    /// Base colour of the single-hue ramp (stacked histogram slices).
    public var rampColor: Color
    /// Shading of excluded regions (SGD fallback, underflow bin).
    public var shade: Color
    public var fontFamily: String
    /// Tick labels, legend text.
    public var fontSize: Double
    /// Axis labels.
    public var labelSize: Double
    public var titleSize: Double
    public var axisLineWidth: Double
    public var lineWidth: Double
    public var tickLength: Double

    /// White background, black axes, DejaVu Sans: for papers.
    public static let paper = Theme(
        name: "paper", background: .white, plotBackground: .white, foreground: .black,
        mutedForeground: Color(hex: 0x555555), gridColor: Color(hex: 0xDDDDDD),
        cycle: [0x1F77B4, 0xFF7F0E, 0x2CA02C, 0xD62728, 0x9467BD, 0x8C564B, 0xE377C2, 0x7F7F7F, 0xBCBD22, 0x17BECF].map { Color(hex: $0) },
        rampColor: Color(hex: 0xE65100), shade: Color(hex: 0x000000, alpha: 0.08),
        fontFamily: "DejaVu Sans", fontSize: 8, labelSize: 9, titleSize: 10,
        axisLineWidth: 0.8, lineWidth: 1.3, tickLength: 3.5)

    /// Dark background for slides and screens.
    public static let dark = Theme(
        name: "dark", background: Color(hex: 0x1E1E1E), plotBackground: Color(hex: 0x1E1E1E),
        foreground: Color(hex: 0xE6E6E6), mutedForeground: Color(hex: 0xA0A0A0), gridColor: Color(hex: 0x3A3A3A),
        cycle: [0x4FC3F7, 0xFFB74D, 0x81C784, 0xE57373, 0xBA68C8, 0xA1887F, 0xF06292, 0xBDBDBD, 0xDCE775, 0x4DD0E1].map { Color(hex: $0) },
        rampColor: Color(hex: 0xFF9800), shade: Color(hex: 0xFFFFFF, alpha: 0.10),
        fontFamily: "DejaVu Sans", fontSize: 8, labelSize: 9, titleSize: 10,
        axisLineWidth: 0.8, lineWidth: 1.3, tickLength: 3.5)

    /// The themes that can be chosen by name (`named(_:)`, the CLI's `--theme`).
    public static let all: [Theme] = [.paper, .dark]

    /// The theme with this name (`paper`, also `light`, or `dark`).
    public static func named(_ name: String) throws -> Theme {
        let wanted = name.lowercased() == "light" ? "paper" : name.lowercased()
        guard let theme = all.first(where: { $0.name == wanted }) else {
            throw PlotError.invalidArgument("unknown theme '\(name)': use \(PlotError.choices(all.map(\.name)))")
        }
        return theme
    }

    public var tickFont: Font { Font(family: fontFamily, size: fontSize) }
    public var labelFont: Font { Font(family: fontFamily, size: labelSize) }
    public var titleFont: Font { Font(family: fontFamily, size: titleSize, bold: true) }

    /// The series colour for index `i`, cycling.
    public func seriesColor(_ i: Int) -> Color { cycle[((i % cycle.count) + cycle.count) % cycle.count] }
}
