import Foundation

/// ρt and rt of one β2 (or one run's logged scalars), against the step t.
public struct RectificationSeries: Sendable, Hashable {
    public var label: String
    public var steps: [Double]
    /// Length of the approximated simple moving average, ρt.
    public var rho: [Double]
    /// Variance rectification term rt; NaN where undefined (ρt ≤ threshold).
    public var r: [Double]

    public init(label: String, steps: [Double], rho: [Double], r: [Double]) throws {
        guard steps.count == rho.count, steps.count == r.count else {
            throw PlotError.invalidArgument("rectification series '\(label)': steps, ρ and r differ in length")
        }
        self.label = label; self.steps = steps; self.rho = rho; self.r = r
    }

    /// The first step at which r exceeds `level`, if any.
    public func firstStep(whereRExceeds level: Double) -> Double? {
        zip(steps, r).first { $0.1.isFinite && $0.1 > level }?.0
    }

    /// The last step at which ρ ≤ `threshold` (RAdam still uses SGD with momentum), if any.
    public func lastFallbackStep(threshold: Double) -> Double? {
        steps.indices.last { rho[$0] <= threshold }.map { steps[$0] }
    }
}

/// RAdam's rectification: ρt (left) and rt (right) against t for several β2.
///
/// The threshold on ρt (4 in the paper, 5 in PyTorch) is drawn as a dashed line; the region
/// ρt ≤ threshold, where RAdam falls back to SGD with momentum, is shaded; the steps where
/// rt first exceeds 0.5 and 0.9 are marked.
public struct RectificationPlot: FigureContent {
    public var series: [RectificationSeries]
    public var threshold: Double
    public var logSteps: Bool
    public var marks: [Double]
    public var title: String?

    public init(series: [RectificationSeries], threshold: Double = 4, logSteps: Bool = true, marks: [Double] = [0.5, 0.9],
                title: String? = nil) {
        self.series = series; self.threshold = threshold; self.logSteps = logSteps; self.marks = marks; self.title = title
    }

    public func draw(in renderer: Renderer, bounds: Rect, theme: Theme) {
        let steps = series.flatMap(\.steps).filter { $0.isFinite && (!logSteps || $0 > 0) }
        guard let tMin = steps.min(), let tMax = steps.max() else {
            renderer.text("no rectification data to plot", at: Point(bounds.midX, bounds.midY), font: theme.labelFont,
                          color: theme.foreground, anchor: .center)
            return
        }
        let xScale: Scale = logSteps ? .log(.ten, tMin, tMax) : .linear(tMin, tMax)
        let rhos = series.flatMap(\.rho).filter { $0.isFinite && $0 > 0 }
        let rhoScale = Scale.log(.ten, min(rhos.min() ?? 1, threshold) / 1.5, (rhos.max() ?? 10) * 1.5)
        let rScale = Scale.linear(0, 1.05)
        let threshold = self.threshold, marks = self.marks, series = self.series
        let xAxis = AxisSpec(scale: xScale, label: "step t")
        let lineWidth = theme.lineWidth

        func line(_ xs: [Double], _ ys: [Double], _ frame: PlotFrame) -> Path {
            var p = Path(), pen = false
            for (x, y) in zip(xs, ys) {
                guard x.isFinite, y.isFinite, (!logSteps || x > 0), (!frame.y.isLog || y > 0) else { pen = false; continue }
                pen ? p.line(to: frame.point(x, y)) : p.move(to: frame.point(x, y))
                pen = true
            }
            return p
        }
        func sampled(_ s: RectificationSeries) -> [Int] {
            // At most ~2000 points per line: enough for any figure width.
            let n = s.steps.count, stride = max(1, n / 2000)
            var idx = Array(Swift.stride(from: 0, to: n, by: stride))
            if let last = idx.last, last != n - 1 { idx.append(n - 1) }
            return idx
        }

        let shade = theme.shade.withAlpha(min(1, theme.shade.alpha * 1.6))
        let thresholdLabel = "ρₜ = \(TickFormat.compact(threshold))"
        var rhoPanel = Panel(x: xAxis, y: AxisSpec(scale: rhoScale, label: "ρₜ (length of the SMA)"), title: "ρₜ") { r, frame in
            // Shade ρ ≤ threshold: the SGD fallback.
            let yT = frame.py(threshold)
            r.fill(Rect(x: frame.rect.minX, y: yT, width: frame.rect.width, height: frame.rect.maxY - yT), color: shade)
            r.stroke(Path.segment(Point(frame.rect.minX, yT), Point(frame.rect.maxX, yT)),
                     style: StrokeStyle(color: theme.foreground, width: 0.8, dashes: [4, 3]))
            r.text(thresholdLabel, at: Point(frame.rect.maxX - 4, yT - 2),
                   font: theme.tickFont, color: theme.foreground, anchor: .bottomRight)
            r.text("SGD fallback", at: Point(frame.rect.maxX - 4, yT + 3),
                   font: theme.tickFont, color: theme.mutedForeground, anchor: .topRight)
            for (i, s) in series.enumerated() {
                let idx = sampled(s)
                r.stroke(line(idx.map { s.steps[$0] }, idx.map { s.rho[$0] }, frame),
                         style: StrokeStyle(color: theme.seriesColor(i), width: lineWidth))
            }
        }
        rhoPanel.legend = series.enumerated().map { LegendEntry(label: $0.element.label, swatch: .line(StrokeStyle(color: theme.seriesColor($0.offset), width: lineWidth))) }
        // Keep the legend off the curves and off the threshold labels (lower right).
        let labelPoints = (0...10).flatMap { i in
            [(xScale.value(atFraction: 0.7 + 0.03 * Double(i)), threshold), (xScale.value(atFraction: 0.7 + 0.03 * Double(i)), threshold * 0.7)]
        }
        rhoPanel.legendAvoid = series.flatMap { s in sampled(s).map { (s.steps[$0], s.rho[$0]) } } + labelPoints.map { ($0.0, $0.1) }

        let lastFallback = series.compactMap { $0.lastFallbackStep(threshold: threshold) }.max()
        var rPanel = Panel(x: xAxis, y: AxisSpec(scale: rScale, label: "rₜ (variance rectification)"), title: "rₜ") { r, frame in
            // Steps where some β₂ still falls back to SGD.
            if let lastFallback {
                let x1 = frame.px(lastFallback)
                r.fill(Rect(x: frame.rect.minX, y: frame.rect.minY, width: max(0, x1 - frame.rect.minX), height: frame.rect.height),
                       color: shade)
            }
            for level in marks {
                let y = frame.py(level)
                r.stroke(Path.segment(Point(frame.rect.minX, y), Point(frame.rect.maxX, y)),
                         style: StrokeStyle(color: theme.mutedForeground, width: 0.6, dashes: [1.5, 2.5]))
            }
            for (i, s) in series.enumerated() {
                let idx = sampled(s)
                r.stroke(line(idx.map { s.steps[$0] }, idx.map { s.r[$0] }, frame),
                         style: StrokeStyle(color: theme.seriesColor(i), width: lineWidth))
            }
            let small = Font(family: theme.fontFamily, size: theme.fontSize * 0.85)
            var placed: [Rect] = []
            for level in marks {
                for (i, s) in series.enumerated() {
                    guard let t = s.firstStep(whereRExceeds: level),
                          let v = zip(s.steps, s.r).first(where: { $0.0 == t })?.1 else { continue }
                    let p = frame.point(t, v)
                    r.fill(Path.circle(center: p, radius: 2.6), color: theme.seriesColor(i))
                    r.stroke(Path.circle(center: p, radius: 2.6), style: StrokeStyle(color: theme.background, width: 0.6))
                    let label = "t=\(TickFormat.compact(t))"
                    let e = r.measure(label, font: small)
                    // Below right of the marker (the curve rises to its upper right), else above
                    // left, below left, above right: the first inside the panel and clear of
                    // the labels already placed.
                    let candidates: [(Point, TextAnchor, Rect)] = [
                        (Point(p.x + 4, p.y + 3), .topLeft, Rect(x: p.x + 4, y: p.y + 3, width: e.width, height: e.height)),
                        (Point(p.x - 4, p.y - 3), .bottomRight, Rect(x: p.x - 4 - e.width, y: p.y - 3 - e.height, width: e.width, height: e.height)),
                        (Point(p.x - 4, p.y + 3), .topRight, Rect(x: p.x - 4 - e.width, y: p.y + 3, width: e.width, height: e.height)),
                        (Point(p.x + 4, p.y - 3), .bottomLeft, Rect(x: p.x + 4, y: p.y - 3 - e.height, width: e.width, height: e.height)),
                    ]
                    func clear(_ b: Rect) -> Bool {
                        b.minX >= frame.rect.minX + 1 && b.maxX <= frame.rect.maxX - 1 && b.minY >= frame.rect.minY && b.maxY <= frame.rect.maxY
                            && !placed.contains { $0.minX < b.maxX && b.minX < $0.maxX && $0.minY < b.maxY && b.minY < $0.maxY }
                    }
                    guard let spot = candidates.first(where: { clear($0.2) }) else { continue }
                    placed.append(spot.2)
                    r.text(label, at: spot.0, font: small, color: theme.seriesColor(i), anchor: spot.1)
                }
            }
        }
        rPanel.legendAvoid = []
        PanelGrid(panels: [rhoPanel, rPanel], columns: 2, title: title, shareY: false)
            .draw(in: renderer, bounds: bounds, theme: theme)
    }
}
