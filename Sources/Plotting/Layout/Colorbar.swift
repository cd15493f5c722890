/// A colour scale drawn beside the panels.
public struct ColorbarSpec: Sendable {
    public var colormap: Colormap
    public var normalization: ColorNormalization
    public var label: String?
    public init(colormap: Colormap, normalization: ColorNormalization, label: String? = nil) {
        self.colormap = colormap; self.normalization = normalization; self.label = label
    }

    var axis: AxisSpec {
        let scale: Scale = normalization.kind == .log
            ? .log(.ten, normalization.lower, normalization.upper) : .linear(normalization.lower, normalization.upper)
        return AxisSpec(scale: scale, label: label)
    }

    static let barWidth = 10.0

    /// Width needed right of the panels: bar, ticks, labels, title.
    ///
    /// For a log normalisation the width does not depend on the range (labels are measured
    /// as "10⁻¹⁰"), so a figure's layout can be fixed before its colour range is known.
    func width(height: Double, renderer r: Renderer, theme: Theme) -> Double {
        let labelW: Double
        if normalization.kind == .log {
            labelW = r.measure("10⁻¹⁰", font: theme.tickFont).width
        } else {
            let ticks = axis.resolveTicks(length: height, orientation: .vertical, renderer: r, font: theme.tickFont)
            labelW = ticks.major.map { r.measure($0.label, font: theme.tickFont).width }.max() ?? 0
        }
        let titleW = label == nil ? 0 : r.measure("X", font: theme.labelFont).height + 4
        return 10 + Self.barWidth + theme.tickLength + 2 + labelW + 4 + titleW
    }

    func draw(in rect: Rect, renderer r: Renderer, theme: Theme) {
        let bar = Rect(x: rect.minX + 10, y: rect.minY, width: Self.barWidth, height: rect.height)
        var img = RGBAImage(width: 1, height: 256)
        for i in 0..<256 { img[0, 255 - i] = colormap.table[i * colormap.table.count / 256] }
        r.image(img, in: bar)
        r.stroke(Path.rectangle(bar), style: StrokeStyle(color: theme.foreground, width: theme.axisLineWidth))
        let a = axis
        let frame = PlotFrame(rect: bar, x: .linear(0, 1), y: a.scale)
        let ticks = a.resolveTicks(length: bar.height, orientation: .vertical, renderer: r, font: theme.tickFont)
        var labelRight = bar.maxX
        for v in ticks.minor {
            let y = frame.py(v)
            r.stroke(Path.segment(Point(bar.maxX, y), Point(bar.maxX + theme.tickLength * 0.6, y)),
                     style: StrokeStyle(color: theme.foreground, width: theme.axisLineWidth * 0.75))
        }
        for t in ticks.major {
            let y = frame.py(t.value)
            r.stroke(Path.segment(Point(bar.maxX, y), Point(bar.maxX + theme.tickLength, y)),
                     style: StrokeStyle(color: theme.foreground, width: theme.axisLineWidth))
            let x = bar.maxX + theme.tickLength + 2
            r.text(t.label, at: Point(x, y), font: theme.tickFont, color: theme.foreground, anchor: .left)
            labelRight = max(labelRight, x + r.measure(t.label, font: theme.tickFont).width)
        }
        if let label {
            r.text(label, at: Point(labelRight + 4, bar.midY), font: theme.labelFont, color: theme.foreground,
                   anchor: .top, rotation: -.pi / 2)
        }
    }
}
