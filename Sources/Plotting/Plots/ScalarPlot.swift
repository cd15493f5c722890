/// One panel of scalar curves (one per run).
public struct ScalarPanel: Sendable {
    public var title: String?
    public var series: [ScalarSeries]
    public init(title: String? = nil, series: [ScalarSeries]) { self.title = title; self.series = series }
}

/// Scalar tags (loss, learning rate, …) against the step, one line per run, with
/// TensorBoard's debiased EMA smoothing: raw values faint, smoothed values solid.
/// Several panels compare runs or tags side by side with shared axes.
public struct ScalarPlot: FigureContent {
    public var panels: [ScalarPanel]
    public var yLabel: String?
    /// EMA weight in [0, 1); 0 draws the raw values only.
    public var smoothing: Double
    public var logX: Bool
    public var logY: Bool
    public var title: String?

    public init(panels: [ScalarPanel], yLabel: String? = nil, smoothing: Double = 0, logX: Bool = false, logY: Bool = false,
                title: String? = nil) {
        self.panels = panels; self.yLabel = yLabel; self.smoothing = smoothing; self.logX = logX; self.logY = logY; self.title = title
    }

    public func draw(in renderer: Renderer, bounds: Rect, theme: Theme) {
        guard let (xScale, yScale) = scales() else {
            renderer.text("no scalar data to plot", at: Point(bounds.midX, bounds.midY), font: theme.labelFont,
                          color: theme.foreground, anchor: .center)
            return
        }
        // One colour per run label across panels.
        var labels: [String] = []
        for s in panels.flatMap(\.series) where !labels.contains(s.label) { labels.append(s.label) }
        let out = panels.map { panel($0, xScale: xScale, yScale: yScale, colors: labels, theme: theme) }
        PanelGrid(panels: out, columns: out.count, title: title).draw(in: renderer, bounds: bounds, theme: theme)
    }

    /// Shared axes over every series' finite values (positive ones on a log axis); the y axis
    /// padded by 5 % when linear. Nil without data.
    func scales() -> (Scale, Scale)? {
        let all = panels.flatMap(\.series)
        let xs = all.flatMap(\.steps).filter { $0.isFinite && (!logX || $0 > 0) }
        let ys = all.flatMap(\.values).filter { $0.isFinite && (!logY || $0 > 0) }
        guard let x0 = xs.min(), let x1 = xs.max(), let y0 = ys.min(), let y1 = ys.max() else { return nil }
        let xScale: Scale = logX ? .log(.ten, x0, x1) : .linear(x0, x1)
        let pad = (y1 - y0) * 0.05
        return (xScale, logY ? .log(.ten, y0, y1) : .linear(y0 - pad, y1 + pad))
    }

    /// One panel: each series raw (faint, when smoothed) and smoothed; a legend unless the
    /// panel's title already names its only run.
    func panel(_ panel: ScalarPanel, xScale: Scale, yScale: Scale, colors labels: [String], theme: Theme) -> Panel {
        func color(_ s: ScalarSeries) -> Color { theme.seriesColor(labels.firstIndex(of: s.label) ?? 0) }
        var p = Panel(x: AxisSpec(scale: xScale, label: "step"), y: AxisSpec(scale: yScale, label: yLabel),
                      title: panel.title, grid: true) { r, frame in
            for s in panel.series {
                if smoothing > 0 {
                    r.stroke(path(s.steps, s.values, frame), style: StrokeStyle(color: color(s).withAlpha(0.25), width: theme.lineWidth * 0.8))
                    r.stroke(path(s.steps, ScalarSeries.smoothed(s.values, weight: smoothing), frame),
                             style: StrokeStyle(color: color(s), width: theme.lineWidth))
                } else {
                    r.stroke(path(s.steps, s.values, frame), style: StrokeStyle(color: color(s), width: theme.lineWidth))
                }
            }
        }
        if panel.series.count > 1 || (panel.title == nil && !panel.series.isEmpty) {
            p.legend = panel.series.map { LegendEntry(label: $0.label, swatch: .line(StrokeStyle(color: color($0), width: theme.lineWidth))) }
            p.legendAvoid = panel.series.flatMap(Self.pointsAlong)
        }
        return p
    }

    /// A line through the finite points (positive ones on log axes), broken at gaps.
    func path(_ xs: [Double], _ ys: [Double], _ frame: PlotFrame) -> Path {
        var p = Path(), pen = false
        for (x, y) in zip(xs, ys) {
            guard x.isFinite, y.isFinite, !logX || x > 0, !logY || y > 0 else { pen = false; continue }
            pen ? p.line(to: frame.point(x, y)) : p.move(to: frame.point(x, y))
            pen = true
        }
        return p
    }

    /// Points along a series' line (segments between up to ~400 samples subdivided), so a
    /// legend avoids the segments between sparse points too.
    static func pointsAlong(_ s: ScalarSeries) -> [(Double, Double)] {
        let n = s.steps.count, stride = max(1, n / 400), parts = max(1, 800 / max(n / stride, 1))
        let idx = Array(Swift.stride(from: 0, to: n, by: stride))
        var points: [(Double, Double)] = []
        for (a, b) in zip(idx, idx.dropFirst() + [n - 1]) {
            let (x0, y0, x1, y1) = (s.steps[a], s.values[a], s.steps[b], s.values[b])
            guard x0.isFinite, y0.isFinite, x1.isFinite, y1.isFinite else { continue }
            for k in 0..<parts {
                let t = Double(k) / Double(parts)
                points.append((x0 + (x1 - x0) * t, y0 + (y1 - y0) * t))
            }
        }
        if let x = s.steps.last, let y = s.values.last { points.append((x, y)) }
        return points
    }
}
