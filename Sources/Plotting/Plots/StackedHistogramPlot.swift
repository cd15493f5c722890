import Foundation
import Histograms

/// The RAdam paper's Figure 2: one filled slice of the |g| distribution per selected step,
/// later steps stacked upward and behind, on a log |g| axis.
///
/// Each slice shows counts per display bin (bins log-uniform, so height ∝ density in
/// log|g|). Zeros and magnitudes below the axis go to a marked column at the left edge
/// ("≤ e⁻²⁰"), where each slice's share of them is a bar within the slice's own row, with its
/// percentage; NaN and ∞ counts are written beside the slice.
public struct StackedHistogramPlot: FigureContent {
    public enum Normalization: String, Sendable, CaseIterable { case perStep = "per-step", shared }

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
    /// Panels per row; all in one row when nil (small multiples use several rows).
    public var columns: Int?

    public init(panels: [HistogramPanel], steps: StepSelection = .paper, logBase: LogBase = .e,
                range: ClosedRange<Double>? = nil, normalization: Normalization = .perStep, overlap: Double = 1.8,
                maxBins: Int = 400, title: String? = nil, xLabel: String = "|g| (log scale)", columns: Int? = nil) {
        self.panels = panels; self.steps = steps; self.logBase = logBase; self.range = range
        self.normalization = normalization; self.overlap = overlap; self.maxBins = maxBins
        self.title = title; self.xLabel = xLabel; self.columns = columns
    }

    /// Share of the log axis given to the underflow column, and the gap after it.
    static let underflowWidth = 0.08, underflowGap = 0.015
    /// Share of a slice's row (the spacing between slices) that a 100 % underflow bar fills;
    /// its percentage sits in the rest of the row, above the bar.
    static let underflowBarShare = 0.55

    /// The slices each panel shows, in step order.
    func selectedSlices() -> [[HistogramSlice]] {
        panels.map { p in
            let chosen = Set(steps.select(from: p.slices.map(\.step)))
            var seen = Set<Int>()
            return p.slices.filter { chosen.contains($0.step) && seen.insert($0.step).inserted }
        }
    }

    /// What every panel shares: the |g| axis with its underflow column, the display bins and
    /// the step axis's extent.
    struct Layout {
        let axis: UnderflowAxis
        let edges: [Double]
        /// Counts per display bin, per panel and slice.
        let rebinned: [[RebinnedCounts]]
        /// The tallest display bin of any slice (for shared normalisation).
        let sharedMax: Double
        let yScale: Scale
    }

    func layout(_ selected: [[HistogramSlice]]) -> Layout {
        let all = selected.flatMap { $0 }
        let (lo, hi) = range.map { ($0.lowerBound, $0.upperBound) }
            ?? DisplayBins.autoRange(all, base: logBase) ?? (logBase.power(-20), logBase.power(2))
        let edges = DisplayBins.edges(lower: lo, upper: hi, maxBins: maxBins, exponentialScale: DisplayBins.commonScale(all))
        let grid = RebinningGrid(edges: edges)
        let rebinned = selected.map { $0.map { $0.magnitudes.rebinned(onto: grid) } }
        let sharedMax = rebinned.flatMap { $0 }.map { $0.counts.max() ?? 0 }.max() ?? 0
        let maxCount = selected.map(\.count).max() ?? 1
        return Layout(axis: UnderflowAxis(lower: lo, upper: hi, base: logBase, bandShare: Self.underflowWidth, gapShare: Self.underflowGap),
                      edges: edges, rebinned: rebinned, sharedMax: sharedMax,
                      yScale: .linear(-0.08, Double(maxCount - 1) + overlap + 0.12))
    }

    public func draw(in renderer: Renderer, bounds: Rect, theme: Theme) {
        let selected = selectedSlices()
        guard selected.contains(where: { !$0.isEmpty }) else {
            renderer.text("no histograms to plot", at: Point(bounds.midX, bounds.midY), font: theme.labelFont,
                          color: theme.foreground, anchor: .center)
            return
        }
        let layout = layout(selected)
        let linearWarning = selected.joined().contains { $0.hasLinearBuckets }
        let out = selected.indices.map { i in
            panel(slices: selected[i], counts: layout.rebinned[i], title: panels[i].title, layout: layout,
                  linearWarning: linearWarning, theme: theme)
        }
        PanelGrid(panels: out, columns: columns ?? out.count, title: title).draw(in: renderer, bounds: bounds, theme: theme)
    }

    /// One run's panel: the slices back to front, then the separator and notes on top.
    func panel(slices: [HistogramSlice], counts: [RebinnedCounts], title: String?, layout: Layout, linearWarning: Bool,
               theme: Theme) -> Panel {
        let ticks = slices.enumerated().map { Tick(value: Double($0.offset), label: String($0.element.step)) }
        var panel = Panel(x: layout.axis.spec(label: xLabel), y: AxisSpec(scale: layout.yScale, label: "step", fixedTicks: ticks),
                          title: title) { r, frame in
            // Back (latest) first so earlier slices in front occlude them.
            for k in slices.indices.reversed() {
                let fill = sliceColor(k, of: slices.count, theme: theme)
                drawSlice(counts[k], row: Double(k), peak: peak(counts[k], layout: layout), color: fill,
                          edges: layout.edges, frame: frame, renderer: r, theme: theme)
                drawUnderflow(share: counts[k].below / max(slices[k].finiteCount, 1), row: Double(k), color: fill,
                              axis: layout.axis, frame: frame, renderer: r, theme: theme)
            }
        }
        panel.overlay = { r, frame in
            drawNotes(slices: slices, axis: layout.axis, linearWarning: linearWarning, frame: frame, renderer: r, theme: theme)
        }
        return panel
    }

    /// The count a full slice height stands for.
    func peak(_ counts: RebinnedCounts, layout: Layout) -> Double {
        normalization == .shared ? layout.sharedMax : (counts.counts.max() ?? 0)
    }

    /// Slice k of n on the theme's ramp, light (early) to dark (late).
    func sliceColor(_ k: Int, of n: Int, theme: Theme) -> Color {
        Colormap.ramp(theme.rampColor).color(at: n == 1 ? 0.7 : 0.3 + 0.7 * Double(k) / Double(n - 1))
    }

    /// One slice as stairs over the display bins (runs of equal height become one step),
    /// its base on `row`, a bin of `peak` values `overlap` rows tall.
    func drawSlice(_ c: RebinnedCounts, row base: Double, peak: Double, color: Color, edges: [Double], frame: PlotFrame,
                   renderer r: Renderer, theme: Theme) {
        let norm = peak > 0 ? overlap / peak : 0
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
        r.fill(path, color: color)
        r.stroke(path, style: StrokeStyle(color: theme.foreground.withAlpha(0.85), width: 0.6))
    }

    /// The share of a slice's values that are zero or below the axis, as a bar in the
    /// underflow column within the slice's own row (100 % = `underflowBarShare` of the row),
    /// with its percentage above the bar, shrunk to fit the column and the row, or left out
    /// when it would be smaller than 4 pt.
    func drawUnderflow(share: Double, row base: Double, color: Color, axis: UnderflowAxis, frame: PlotFrame,
                       renderer r: Renderer, theme: Theme) {
        guard share > 0 else { return }
        let left = frame.px(axis.bandOuter), right = frame.px(axis.bandInner)
        let barTop = frame.py(base + Self.underflowBarShare * min(share, 1))
        let bar = Rect(x: left, y: barTop, width: right - left, height: frame.py(base) - barTop)
        r.fill(bar, color: color)
        r.stroke(Path.rectangle(bar), style: StrokeStyle(color: theme.foreground.withAlpha(0.85), width: 0.6))

        let label = share >= 0.995 ? "100%" : share < 0.01 ? "<1%" : TickFormat.compact((share * 100).rounded()) + "%"
        let room = Rect(x: left, y: frame.py(base + 1) + 1, width: right - left,
                        height: max(0, frame.py(base + Self.underflowBarShare) - frame.py(base + 1) - 2))
        let preferred = Font(family: theme.fontFamily, size: theme.fontSize * 0.7)
        let e = r.measure(label, font: preferred)
        let size = preferred.size * min(1, room.width / max(e.width, 1e-9), room.height / max(e.height, 1e-9))
        guard size >= 4 else { return }
        r.text(label, at: Point(room.midX, room.maxY), font: Font(family: theme.fontFamily, size: size * 0.999),
               color: theme.foreground, anchor: .bottom)
    }

    /// The separator between the underflow column and the log axis, NaN/∞ counts beside each
    /// slice, and a warning for linear buckets.
    func drawNotes(slices: [HistogramSlice], axis: UnderflowAxis, linearWarning: Bool, frame: PlotFrame,
                   renderer r: Renderer, theme: Theme) {
        let x = frame.px(axis.separator)
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
}
