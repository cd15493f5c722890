/// One subplot: its axes, decorations and a closure that draws the data.
struct Panel {
    var x: AxisSpec
    var y: AxisSpec
    var title: String?
    var grid = false
    var legend: [LegendEntry] = []
    /// Data points (x, y) the legend should not cover.
    var legendAvoid: [(Double, Double)] = []
    /// Draws the data, clipped to the plot area.
    var draw: (Renderer, PlotFrame) -> Void
    /// Draws on top, unclipped (annotations outside the area, e.g. NaN/Inf counts).
    var overlay: ((Renderer, PlotFrame) -> Void)? = nil
}

/// A grid of panels with shared axes, a figure title and an optional colorbar.
///
/// Panels in one column share the x axis (tick labels only on the bottom row); panels in
/// one row share the y axis (tick labels only in the left column).
struct PanelGrid {
    var panels: [Panel]
    var columns: Int
    var title: String?
    var colorbar: ColorbarSpec?
    var shareX = true
    var shareY = true
    /// Extra room right of the panels (e.g. for annotations).
    var rightMargin = 0.0

    var rows: Int { (panels.count + columns - 1) / max(columns, 1) }

    /// Where the panels go: each panel's plotting area, and the left edge of the colorbar.
    struct Placement {
        var rects: [Rect]
        var colorbarLeft: Double
    }

    /// The panels' plotting areas in `bounds`, sized so tick labels, axis labels and titles
    /// fit; it depends on the axes and the colorbar's width, not on what the panels draw.
    func placement(in r: Renderer, bounds: Rect, theme: Theme) -> Placement {
        guard !panels.isEmpty else { return Placement(rects: [], colorbarLeft: bounds.maxX) }
        let pad = 8.0
        let tickFont = theme.tickFont, labelFont = theme.labelFont
        let tickTextH = r.measure("0", font: tickFont).height
        let labelH = r.measure("X", font: labelFont).height
        let titleH = title == nil ? 0 : r.measure(title!, font: theme.titleFont).height + 6
        let panelTitleH = panels.contains { $0.title != nil } ? r.measure("X", font: labelFont).height + 5 : 0
        let hasYLabel = panels.contains { $0.y.label != nil }
        let hasXLabel = panels.contains { $0.x.label != nil }

        let bottomStrip = theme.tickLength + 2 + tickTextH + (hasXLabel ? 3 + labelH : 0)
        let gapY = shareX ? 10.0 : bottomStrip + 8
        var area = bounds.inset(top: pad + titleH, left: pad, bottom: pad, right: pad + rightMargin)

        // First pass: estimate panel size to size the y tick labels.
        func panelHeight(_ area: Rect) -> Double {
            (area.height - bottomStrip - Double(rows) * panelTitleH - Double(rows - 1) * gapY) / Double(rows)
        }
        let estimatedH = max(20, panelHeight(area))
        var yLabelW = 0.0
        for p in panels {
            let t = p.y.resolveTicks(length: estimatedH, orientation: .vertical, renderer: r, font: tickFont)
            yLabelW = max(yLabelW, t.major.map { r.measure($0.label, font: tickFont).width }.max() ?? 0)
        }
        let leftStrip = theme.tickLength + 3 + yLabelW + (hasYLabel ? 4 + labelH : 0)
        // Side by side, the last x label of a panel and the first of the next can meet at
        // the gap: leave room for one label (half of each) plus some air.
        let estimatedW = max(20, (area.width - leftStrip) / Double(max(columns, 1)))
        var xLabelW = 0.0, rightOverhang = 0.0
        for p in panels {
            let t = p.x.resolveTicks(length: estimatedW, orientation: .horizontal, renderer: r, font: tickFont)
            xLabelW = max(xLabelW, t.major.map { r.measure($0.label, font: tickFont).width }.max() ?? 0)
            // How far the last tick label, centred on its tick, reaches past the axis's end.
            for tick in t.major {
                let reach = p.x.scale.fraction(tick.value) * estimatedW + r.measure(tick.label, font: tickFont).width / 2
                rightOverhang = max(rightOverhang, reach - estimatedW)
            }
        }
        let gapX = shareY ? max(12.0, xLabelW + 6) : leftStrip + 10
        if let colorbar {
            area = area.inset(right: colorbar.width(height: estimatedH, renderer: r, theme: theme))
        } else if rightOverhang + 1 > pad + rightMargin {
            area = area.inset(right: rightOverhang + 1 - pad - rightMargin)
        }
        area = area.inset(left: leftStrip, bottom: bottomStrip)
        let cols = max(columns, 1)
        let w = max(10, (area.width - Double(cols - 1) * gapX) / Double(cols))
        let h = max(10, (area.height - Double(rows) * panelTitleH - Double(rows - 1) * gapY) / Double(rows))
        let rects = panels.indices.map { i in
            Rect(x: area.minX + Double(i % cols) * (w + gapX),
                 y: area.minY + panelTitleH + Double(i / cols) * (h + gapY + panelTitleH), width: w, height: h)
        }
        return Placement(rects: rects, colorbarLeft: area.maxX)
    }

    func draw(in r: Renderer, bounds: Rect, theme: Theme) {
        guard !panels.isEmpty else { return }
        let placement = placement(in: r, bounds: bounds, theme: theme)
        if let title {
            r.text(title, at: Point(bounds.midX, bounds.minY + 8), font: theme.titleFont, color: theme.foreground, anchor: .top)
        }
        let cols = max(columns, 1)
        for (i, panel) in panels.enumerated() {
            let row = i / cols, col = i % cols
            let showX = !shareX || row == rows - 1 || i + cols >= panels.count
            let showY = !shareY || col == 0
            drawPanel(panel, rect: placement.rects[i], figure: bounds, showXLabels: showX, showYLabels: showY,
                      renderer: r, theme: theme)
        }
        if let colorbar, let first = placement.rects.first, let last = placement.rects.last {
            colorbar.draw(in: Rect(x: placement.colorbarLeft, y: first.minY, width: bounds.maxX - placement.colorbarLeft,
                                   height: last.maxY - first.minY),
                          renderer: r, theme: theme)
        }
    }

    private func drawPanel(_ p: Panel, rect: Rect, figure bounds: Rect, showXLabels: Bool, showYLabels: Bool,
                           renderer r: Renderer, theme: Theme) {
        let frame = PlotFrame(rect: rect, x: p.x.scale, y: p.y.scale)
        let tickFont = theme.tickFont
        let axisStyle = StrokeStyle(color: theme.foreground, width: theme.axisLineWidth)
        let minorStyle = StrokeStyle(color: theme.foreground, width: theme.axisLineWidth * 0.6)
        r.fill(rect, color: theme.plotBackground)
        r.didPlacePanel(frame)
        let xt = p.x.resolveTicks(length: rect.width, orientation: .horizontal, renderer: r, font: tickFont)
        let yt = p.y.resolveTicks(length: rect.height, orientation: .vertical, renderer: r, font: tickFont)
        if p.grid {
            let gs = StrokeStyle(color: theme.gridColor, width: 0.5)
            for t in xt.major { r.stroke(Path.segment(Point(frame.px(t.value), rect.minY), Point(frame.px(t.value), rect.maxY)), style: gs) }
            for t in yt.major { r.stroke(Path.segment(Point(rect.minX, frame.py(t.value)), Point(rect.maxX, frame.py(t.value))), style: gs) }
        }
        r.save()
        r.clip(Path.rectangle(rect))
        p.draw(r, frame)
        r.restore()
        r.stroke(Path.rectangle(rect), style: axisStyle)

        // x ticks: outward below the bottom spine.
        for v in xt.minor {
            let x = frame.px(v)
            r.stroke(Path.segment(Point(x, rect.maxY), Point(x, rect.maxY + theme.tickLength * 0.6)), style: minorStyle)
        }
        for t in xt.major {
            let x = frame.px(t.value)
            r.stroke(Path.segment(Point(x, rect.maxY), Point(x, rect.maxY + theme.tickLength)), style: axisStyle)
            if showXLabels {
                r.text(t.label, at: Point(x, rect.maxY + theme.tickLength + 2), font: tickFont, color: theme.foreground, anchor: .top)
            }
        }
        var yLabelLeft = rect.minX - theme.tickLength - 3
        for v in yt.minor {
            let y = frame.py(v)
            r.stroke(Path.segment(Point(rect.minX, y), Point(rect.minX - theme.tickLength * 0.6, y)), style: minorStyle)
        }
        for t in yt.major {
            let y = frame.py(t.value)
            r.stroke(Path.segment(Point(rect.minX, y), Point(rect.minX - theme.tickLength, y)), style: axisStyle)
            if showYLabels {
                let x = rect.minX - theme.tickLength - 3
                r.text(t.label, at: Point(x, y), font: tickFont, color: theme.foreground, anchor: .right)
                yLabelLeft = min(yLabelLeft, x - r.measure(t.label, font: tickFont).width)
            }
        }
        if showXLabels, let label = p.x.label {
            let tickH = r.measure("0", font: tickFont).height
            let room = 2 * min(rect.midX - bounds.minX, bounds.maxX - rect.midX) - 2
            let fitted = fittedAxisLabel(label, length: room, font: theme.labelFont, renderer: r)
            r.text(fitted.text, at: Point(rect.midX, rect.maxY + theme.tickLength + 2 + tickH + 3), font: fitted.font,
                   color: theme.foreground, anchor: .top)
        }
        if showYLabels, let label = p.y.label {
            let room = 2 * min(rect.midY - bounds.minY, bounds.maxY - rect.midY) - 2
            let fitted = fittedAxisLabel(label, length: room, font: theme.labelFont, renderer: r)
            r.text(fitted.text, at: Point(yLabelLeft - 4, rect.midY), font: fitted.font, color: theme.foreground,
                   anchor: .bottom, rotation: -.pi / 2)
        }
        if let title = p.title {
            r.text(title, at: Point(rect.midX, rect.minY - 4), font: theme.labelFont, color: theme.foreground, anchor: .bottom)
        }
        p.overlay?(r, frame)
        drawLegend(p.legend, in: frame, avoid: p.legendAvoid.map { frame.point($0.0, $0.1) }, renderer: r, theme: theme)
    }
}
