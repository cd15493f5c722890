/// The swatch drawn next to a legend label.
public enum LegendSwatch: Sendable, Hashable {
    case line(StrokeStyle)
    case patch(Color)
    case marker(Color)
}

/// One legend row.
public struct LegendEntry: Sendable, Hashable {
    public var label: String
    public var swatch: LegendSwatch
    public init(label: String, swatch: LegendSwatch) { self.label = label; self.swatch = swatch }
}

/// Draws a legend box in the corner of `frame` that covers the fewest of `avoid` points
/// (matplotlib's "best", restricted to the four corners).
func drawLegend(_ entries: [LegendEntry], in frame: PlotFrame, avoid: [Point], renderer r: Renderer, theme: Theme) {
    guard !entries.isEmpty else { return }
    let font = theme.tickFont
    let rowH = font.size * 1.4, swatchW = font.size * 2.2, pad = font.size * 0.5
    let textW = entries.map { r.measure($0.label, font: font).width }.max() ?? 0
    let w = pad * 3 + swatchW + textW, h = pad * 2 + rowH * Double(entries.count) - (rowH - font.size * 1.1)
    let inset = font.size * 0.6
    let rect = frame.rect
    let corners = [
        Rect(x: rect.maxX - inset - w, y: rect.minY + inset, width: w, height: h),   // upper right
        Rect(x: rect.minX + inset, y: rect.minY + inset, width: w, height: h),       // upper left
        Rect(x: rect.minX + inset, y: rect.maxY - inset - h, width: w, height: h),   // lower left
        Rect(x: rect.maxX - inset - w, y: rect.maxY - inset - h, width: w, height: h), // lower right
    ]
    func covered(_ b: Rect) -> Int {
        avoid.reduce(0) { $0 + ($1.x >= b.minX && $1.x <= b.maxX && $1.y >= b.minY && $1.y <= b.maxY ? 1 : 0) }
    }
    let box = corners.min { covered($0) < covered($1) } ?? corners[0]
    r.fill(Path.rectangle(box), color: theme.plotBackground.withAlpha(0.85))
    r.stroke(Path.rectangle(box), style: StrokeStyle(color: theme.gridColor, width: 0.6))
    for (i, e) in entries.enumerated() {
        let cy = box.minY + pad + rowH * Double(i) + font.size * 0.55
        let sx = box.minX + pad
        switch e.swatch {
        case .line(let style):
            r.stroke(Path.segment(Point(sx, cy), Point(sx + swatchW, cy)), style: style)
        case .patch(let c):
            r.fill(Rect(x: sx, y: cy - font.size * 0.4, width: swatchW, height: font.size * 0.8), color: c)
        case .marker(let c):
            r.fill(Path.circle(center: Point(sx + swatchW / 2, cy), radius: font.size * 0.3), color: c)
        }
        r.text(e.label, at: Point(sx + swatchW + pad, cy), font: font, color: theme.foreground, anchor: .left)
    }
}
