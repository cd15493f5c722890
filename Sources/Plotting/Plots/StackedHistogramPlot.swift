import Foundation

/// The RAdam paper's Figure 2: one filled slice of the |g| distribution per selected step,
/// later steps stacked upward and behind, on a log |g| axis.
///
/// Each slice shows counts per display bin (bins log-uniform, so height ∝ density in
/// log|g|). Zeros and magnitudes below the axis go to a marked bin at the left edge
/// ("≤ e⁻²⁰"); NaN and ∞ counts are written beside the slice.
public struct StackedHistogramPlot: FigureContent {
    public enum Normalization: String, Sendable { case perStep, shared }

    public var panels: [HistogramPanel]
    public var steps: StepSelection
    public var logBase: LogBase
    /// |g| limits of the axis; automatic (whole powers of the base) when nil.
    public var range: ClosedRange<Double>?
    public var normalization: Normalization
    /// Height of a full slice, in units of the spacing between slices.
    public var overlap: Double
    public var maxBins: Int
    public var title: String?
    public var xLabel: String

    public init(panels: [HistogramPanel], steps: StepSelection = .paper, logBase: LogBase = .e,
                range: ClosedRange<Double>? = nil, normalization: Normalization = .perStep, overlap: Double = 1.8,
                maxBins: Int = 400, title: String? = nil, xLabel: String = "|g| (log scale)") {
        self.panels = panels; self.steps = steps; self.logBase = logBase; self.range = range
        self.normalization = normalization; self.overlap = overlap; self.maxBins = maxBins
        self.title = title; self.xLabel = xLabel
    }

    /// Fraction of the log axis given to the underflow bin, and the gap after it.
    static let underflowWidth = 0.05, underflowGap = 0.015

    /// The slices each panel shows, in step order.
    func selectedSlices() -> [[HistogramSlice]] {
        panels.map { p in
            let chosen = Set(steps.select(from: p.slices.map(\.step)))
            var seen = Set<Int>()
            return p.slices.filter { chosen.contains($0.step) && seen.insert($0.step).inserted }
        }
    }

    public func draw(in renderer: Renderer, bounds: Rect, theme: Theme) {
        let selected = selectedSlices()
        let all = selected.flatMap { $0 }
        guard !all.isEmpty else {
            renderer.text("no histograms to plot", at: Point(bounds.midX, bounds.midY), font: theme.labelFont,
                          color: theme.foreground, anchor: .center)
            return
        }
        let (lo, hi) = range.map { ($0.lowerBound, $0.upperBound) }
            ?? DisplayBins.autoRange(all, base: logBase) ?? (logBase.power(-20), logBase.power(2))
        let edges = DisplayBins.edges(lower: lo, upper: hi, maxBins: maxBins, exponentialScale: DisplayBins.commonScale(all))
        let rebinned = selected.map { $0.map { $0.rebinned(onto: edges) } }
        let sharedMax = rebinned.flatMap { $0 }.map { ($0.counts.max() ?? 0) }.max() ?? 0

        // x: the log axis plus an underflow bin to its left.
        let span = logBase.log(hi) - logBase.log(lo)
        let uLeft = logBase.log(lo) - span * (Self.underflowWidth + Self.underflowGap)
        let uRight = logBase.log(lo) - span * Self.underflowGap
        let xScale = Scale.log(logBase, logBase.power(uLeft), hi)
        let lowExp = Int((logBase.log(lo)).rounded())
        let underflowLabel = abs(logBase.log(lo) - Double(lowExp)) < 1e-9 ? "≤" + TickFormat.power(logBase, lowExp) : "≤" + TickFormat.compact(lo)
        let underflowCenter = logBase.power((uLeft + uRight) / 2)
        let xAxis = AxisSpec(scale: xScale, label: xLabel, tickRange: lo...hi,
                             extraTicks: [Tick(value: underflowCenter, label: underflowLabel)])
        let maxCount = selected.map(\.count).max() ?? 1
        let yScale = Scale.linear(-0.08, Double(maxCount - 1) + overlap + 0.12)
        let ramp = Colormap.ramp(theme.rampColor)
        let linearWarning = all.contains { $0.hasLinearBuckets }

        var panelsOut: [Panel] = []
        for (pi, slices) in selected.enumerated() {
            let counts = rebinned[pi]
            let ticks = slices.enumerated().map { Tick(value: Double($0.offset), label: String($0.element.step)) }
            let yAxis = AxisSpec(scale: yScale, label: "step", fixedTicks: ticks)
            let overlap = self.overlap, normalization = self.normalization
            let theme = theme
            var panel = Panel(x: xAxis, y: yAxis, title: panels[pi].title) { r, frame in
                let lineStyle = StrokeStyle(color: theme.foreground.withAlpha(0.85), width: 0.6)
                // Back (latest) first so earlier slices in front occlude them.
                for k in slices.indices.reversed() {
                    let c = counts[k]
                    let peak = normalization == .shared ? sharedMax : (c.counts.max() ?? 0)
                    let norm = peak > 0 ? overlap / peak : 0
                    let base = Double(k)
                    let t = slices.count == 1 ? 0.7 : 0.3 + 0.7 * Double(k) / Double(slices.count - 1)
                    let fillColor = ramp.color(at: t)
                    // Stairs over the display bins; runs of equal height become one step.
                    var path = Path()
                    path.move(to: frame.point(edges[0], base))
                    var current = base
                    for j in c.counts.indices {
                        let h = base + min(c.counts[j] * norm, overlap)
                        if abs(h - current) > 1e-9 * overlap || j == 0 {
                            path.line(to: frame.point(edges[j], current))
                            path.line(to: frame.point(edges[j], h))
                            current = h
                        }
                    }
                    path.line(to: frame.point(edges[edges.count - 1], current))
                    path.line(to: frame.point(edges[edges.count - 1], base))
                    path.close()
                    r.fill(path, color: fillColor)
                    r.stroke(path, style: lineStyle)
                    // Underflow bin: zeros and |g| below the axis, scaled as one display bin.
                    if c.below > 0 {
                        let raw = c.below * norm
                        let h = min(raw, overlap)
                        let bar = Rect(x: frame.px(xScale.lower), y: frame.py(base + h),
                                       width: frame.px(logBase.power(uRight)) - frame.px(xScale.lower),
                                       height: frame.py(base) - frame.py(base + h))
                        r.fill(bar, color: fillColor)
                        r.stroke(Path.rectangle(bar), style: lineStyle)
                        if raw > h {
                            // Clipped: write the share of the step it holds inside the bar.
                            let share = c.below / max(slices[k].finiteCount, 1)
                            let luminance = 0.2126 * fillColor.red + 0.7152 * fillColor.green + 0.0722 * fillColor.blue
                            r.text(TickFormat.compact((share * 100).rounded()) + "%", at: Point(bar.minX + 1, bar.minY + 2),
                                   font: Font(family: theme.fontFamily, size: theme.fontSize * 0.7),
                                   color: luminance < 0.45 ? .white : .black, anchor: .topLeft)
                        }
                    }
                }
            }
            panel.overlay = { r, frame in
                // Separator between the underflow bin and the log axis.
                let x = (frame.px(logBase.power(uRight)) + frame.px(lo)) / 2
                r.stroke(Path.segment(Point(x, frame.rect.minY), Point(x, frame.rect.maxY)),
                         style: StrokeStyle(color: theme.mutedForeground, width: 0.6, dashes: [2, 2]))
                let small = Font(family: theme.fontFamily, size: theme.fontSize * 0.85)
                for (k, s) in slices.enumerated() {
                    let note = nonFiniteNote(nanCount: s.nanCount, infCount: s.infCount)
                    if !note.isEmpty {
                        r.text(note, at: Point(frame.rect.maxX - 3, frame.py(Double(k)) - 2), font: small,
                               color: Color(hex: 0xC62828), anchor: .bottomRight)
                    }
                }
                if linearWarning {
                    r.text("linear buckets: small |g| unresolved (spread evenly)", at: Point(frame.rect.maxX - 3, frame.rect.minY + 3),
                           font: small, color: theme.mutedForeground, anchor: .topRight)
                }
            }
            panelsOut.append(panel)
        }
        PanelGrid(panels: panelsOut, columns: panelsOut.count, title: title)
            .draw(in: renderer, bounds: bounds, theme: theme)
    }
}
