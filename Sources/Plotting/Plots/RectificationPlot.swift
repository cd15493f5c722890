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

    /// Where RAdam's fallback ends: halfway between the last step before rt is first
    /// defined and that first step (so the band meets the rt curve); the last step when rt is
    /// never defined; nil when rt is defined from the first step.
    public func fallbackEnd() -> Double? {
        guard let first = r.firstIndex(where: \.isFinite) else { return steps.last }
        guard first > 0 else { return nil }
        return (steps[first - 1] + steps[first]) / 2
    }

    /// The threshold on ρt that a logged run used, from the steps where rt is defined: the
    /// conventional value (5, PyTorch; 4, the paper) that separates ρt without rt from ρt with
    /// rt, else the midpoint of the gap; nil when the series cannot tell.
    public func inferredThreshold(candidates: [Double] = [5, 4]) -> Double? {
        let without = zip(rho, r).filter { $0.0.isFinite && !$0.1.isFinite }.map(\.0)
        let with = zip(rho, r).filter { $0.0.isFinite && $0.1.isFinite }.map(\.0)
        guard let low = without.max(), let high = with.min(), low < high else { return nil }
        return candidates.first { $0 >= low && $0 < high } ?? (low + high) / 2
    }
}

/// RAdam's rectification: ρt (left) and rt (right) against t for several β2.
///
/// The threshold on ρt (4 in the paper, 5 in PyTorch; pass the one the run used) is drawn as
/// a dashed line; the region ρt ≤ threshold, where RAdam falls back to SGD with momentum, is
/// shaded, and so are the steps before rt is first defined; the steps where rt first exceeds
/// 0.5 and 0.9 are marked.
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
        let xAxis = AxisSpec(scale: logSteps ? .log(.ten, tMin, tMax) : .linear(tMin, tMax), label: "step t")
        PanelGrid(panels: [rhoPanel(xAxis, theme: theme), rPanel(xAxis, theme: theme)], columns: 2, title: title, shareY: false)
            .draw(in: renderer, bounds: bounds, theme: theme)
    }

    /// ρt on a log axis, the threshold dashed, the fallback region ρt ≤ threshold shaded.
    func rhoPanel(_ xAxis: AxisSpec, theme: Theme) -> Panel {
        let rhos = series.flatMap(\.rho).filter { $0.isFinite && $0 > 0 }
        let rhoScale = Scale.log(.ten, min(rhos.min() ?? 1, threshold) / 1.5, (rhos.max() ?? 10) * 1.5)
        let threshold = self.threshold
        var panel = Panel(x: xAxis, y: AxisSpec(scale: rhoScale, label: "ρₜ (length of the SMA)"), title: "ρₜ") { r, frame in
            let yT = frame.py(threshold)
            r.fill(Rect(x: frame.rect.minX, y: yT, width: frame.rect.width, height: frame.rect.maxY - yT), color: shade(theme))
            r.stroke(Path.segment(Point(frame.rect.minX, yT), Point(frame.rect.maxX, yT)),
                     style: StrokeStyle(color: theme.foreground, width: 0.8, dashes: [4, 3]))
            r.text("ρₜ = \(TickFormat.compact(threshold))", at: Point(frame.rect.maxX - 4, yT - 2),
                   font: theme.tickFont, color: theme.foreground, anchor: .bottomRight)
            r.text("SGD fallback", at: Point(frame.rect.maxX - 4, yT + 3),
                   font: theme.tickFont, color: theme.mutedForeground, anchor: .topRight)
            drawCurves(\.rho, frame: frame, renderer: r, theme: theme)
        }
        panel.legend = series.enumerated().map {
            LegendEntry(label: $0.element.label, swatch: .line(StrokeStyle(color: theme.seriesColor($0.offset), width: theme.lineWidth)))
        }
        // Keep the legend off the curves and off the threshold labels (lower right).
        let xScale = xAxis.scale
        let labelPoints = (0...10).flatMap { i in
            [(xScale.value(atFraction: 0.7 + 0.03 * Double(i)), threshold), (xScale.value(atFraction: 0.7 + 0.03 * Double(i)), threshold * 0.7)]
        }
        panel.legendAvoid = series.flatMap { s in Self.sampled(s).map { (s.steps[$0], s.rho[$0]) } } + labelPoints
        return panel
    }

    /// rt, shaded until the fallback ends, with dotted levels at `marks` and the step where
    /// each curve first exceeds each level.
    func rPanel(_ xAxis: AxisSpec, theme: Theme) -> Panel {
        let fallbackEnd = series.compactMap { $0.fallbackEnd() }.max()
        return Panel(x: xAxis, y: AxisSpec(scale: .linear(0, 1.05), label: "rₜ (variance rectification)"), title: "rₜ") { r, frame in
            if let fallbackEnd {
                let x1 = min(frame.rect.maxX, frame.px(fallbackEnd))
                r.fill(Rect(x: frame.rect.minX, y: frame.rect.minY, width: max(0, x1 - frame.rect.minX), height: frame.rect.height),
                       color: shade(theme))
            }
            for level in marks {
                let y = frame.py(level)
                r.stroke(Path.segment(Point(frame.rect.minX, y), Point(frame.rect.maxX, y)),
                         style: StrokeStyle(color: theme.mutedForeground, width: 0.6, dashes: [1.5, 2.5]))
            }
            drawCurves(\.r, frame: frame, renderer: r, theme: theme)
            drawMarks(frame: frame, renderer: r, theme: theme)
        }
    }

    func shade(_ theme: Theme) -> Color { theme.shade.withAlpha(min(1, theme.shade.alpha * 1.6)) }

    /// At most ~2000 indices per line: enough for any figure width.
    static func sampled(_ s: RectificationSeries) -> [Int] {
        let n = s.steps.count, stride = max(1, n / 2000)
        var idx = Array(Swift.stride(from: 0, to: n, by: stride))
        if let last = idx.last, last != n - 1 { idx.append(n - 1) }
        return idx
    }

    /// One line per series of ρ or r, broken where a value is missing or off a log axis.
    func drawCurves(_ values: KeyPath<RectificationSeries, [Double]>, frame: PlotFrame, renderer r: Renderer, theme: Theme) {
        for (i, s) in series.enumerated() {
            var path = Path(), pen = false
            for k in Self.sampled(s) {
                let x = s.steps[k], y = s[keyPath: values][k]
                guard x.isFinite, y.isFinite, !logSteps || x > 0, !frame.y.isLog || y > 0 else { pen = false; continue }
                pen ? path.line(to: frame.point(x, y)) : path.move(to: frame.point(x, y))
                pen = true
            }
            r.stroke(path, style: StrokeStyle(color: theme.seriesColor(i), width: theme.lineWidth))
        }
    }

    /// A dot where each curve first exceeds each mark level, labelled with its step at the
    /// first of four spots around the dot that lies in the panel and clear of earlier labels.
    func drawMarks(frame: PlotFrame, renderer r: Renderer, theme: Theme) {
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
                // left, below left, above right.
                let candidates: [(Point, TextAnchor, Rect)] = [
                    (Point(p.x + 4, p.y + 3), .topLeft, Rect(x: p.x + 4, y: p.y + 3, width: e.width, height: e.height)),
                    (Point(p.x - 4, p.y - 3), .bottomRight, Rect(x: p.x - 4 - e.width, y: p.y - 3 - e.height, width: e.width, height: e.height)),
                    (Point(p.x - 4, p.y + 3), .topRight, Rect(x: p.x - 4 - e.width, y: p.y + 3, width: e.width, height: e.height)),
                    (Point(p.x + 4, p.y - 3), .bottomLeft, Rect(x: p.x + 4, y: p.y - 3 - e.height, width: e.width, height: e.height)),
                ]
                let inside = frame.rect.inset(left: 1, right: 1)
                guard let spot = candidates.first(where: { c in inside.contains(c.2) && !placed.contains { $0.overlaps(c.2) } })
                else { continue }
                placed.append(spot.2)
                r.text(label, at: spot.0, font: small, color: theme.seriesColor(i), anchor: spot.1)
            }
        }
    }
}
