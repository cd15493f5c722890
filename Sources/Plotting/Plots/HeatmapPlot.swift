import Foundation
import Histograms

/// Steps across, log|g| up, colour = fraction of the step's values in each cell (log colour
/// scale), with a colorbar.
///
/// Drawn as one raster image per panel. Every step counts: each step falls in one pixel
/// column and the histograms of a column are merged (summed — exponential histograms merge
/// exactly) before the fractions are taken; a column with no step of its own shows the step
/// whose cell covers it (cells end halfway between neighbouring steps). Zeros and |g| below the
/// axis fill a separate row at the bottom.
public struct HeatmapPlot: FigureContent {
    public var panels: [HistogramPanel]
    public var logBase: LogBase
    public var logSteps: Bool
    /// |g| limits of the y axis; automatic when nil.
    public var range: ClosedRange<Double>?
    public var colormap: Colormap
    /// Colour range in decades below the largest fraction.
    public var decades: Double
    public var title: String?

    public init(panels: [HistogramPanel], logBase: LogBase = .e, logSteps: Bool = false,
                range: ClosedRange<Double>? = nil, colormap: Colormap = .viridis, decades: Double = 5, title: String? = nil) {
        self.panels = panels; self.logBase = logBase; self.logSteps = logSteps; self.range = range
        self.colormap = colormap; self.decades = decades; self.title = title
    }

    static let underflowHeight = 0.05, underflowGap = 0.015

    /// Fractions for one panel: `columns` × (`edges.count − 1`) cells (column-major) plus the
    /// underflow row; NaN where a column has no data.
    struct Grid {
        var columns: Int
        var rows: Int
        var cells: [Double]
        var underflow: [Double]
    }

    /// Merges the steps of each pixel column and converts counts to fractions.
    static func grid(slices: [HistogramSlice], xScale: Scale, columns: Int, edges: [Double]) -> Grid {
        let rows = edges.count - 1
        let grid = RebinningGrid(edges: edges)
        var cells = [Double](repeating: .nan, count: columns * rows)
        var underflow = [Double](repeating: .nan, count: columns)
        let usable = slices.filter { xScale.fraction(Double($0.step)).isFinite }
        guard !usable.isEmpty, columns > 0 else { return Grid(columns: columns, rows: rows, cells: cells, underflow: underflow) }
        let fractions = usable.map { xScale.fraction(Double($0.step)) }
        var members = [[Int]](repeating: [], count: columns)
        for (i, f) in fractions.enumerated() {
            members[min(max(Int(f * Double(columns)), 0), columns - 1)].append(i)
        }
        // Cell boundaries halfway between neighbouring steps (in axis fraction).
        let mids = zip(fractions, fractions.dropFirst()).map { ($0 + $1) / 2 }
        for c in 0..<columns {
            var idx = members[c]
            if idx.isEmpty {
                let center = (Double(c) + 0.5) / Double(columns)
                guard center >= fractions.first! - (mids.first.map { $0 - fractions.first! } ?? 0.5),
                      center <= fractions.last! + (mids.last.map { fractions.last! - $0 } ?? 0.5) else { continue }
                idx = [mids.partitioningIndex { $0 > center }]
            }
            var sum = [Double](repeating: 0, count: rows)
            var below = 0.0, total = 0.0
            // Merge exactly on the common bucket grid when there is one, then rebin once.
            let group = idx.map { usable[$0] }
            let parts = idx.count > 1 ? (HistogramSlice.merged(group).map { [$0] } ?? group) : group
            for slice in parts {
                let rb = slice.magnitudes.rebinned(onto: grid)
                for j in 0..<rows { sum[j] += rb.counts[j] }
                below += rb.below
                total += slice.finiteCount
            }
            guard total > 0 else { continue }
            for j in 0..<rows { cells[c * rows + j] = sum[j] / total }
            underflow[c] = below / total
        }
        return Grid(columns: columns, rows: rows, cells: cells, underflow: underflow)
    }

    func stepScale(_ all: [HistogramSlice]) -> Scale {
        let steps = all.map { Double($0.step) }.filter { !logSteps || $0 > 0 }
        let lo = steps.min() ?? 1, hi = steps.max() ?? 1
        if logSteps {
            let r = hi / lo
            let pad = steps.count > 1 ? pow(r, 0.5 / Double(steps.count - 1)) : 2
            return .log(.ten, lo / pad, hi * pad)
        }
        let pad = steps.count > 1 ? (hi - lo) / Double(steps.count - 1) / 2 : 0.5
        return .linear(lo - pad, hi + pad)
    }

    public func draw(in renderer: Renderer, bounds: Rect, theme: Theme) {
        let all = panels.flatMap(\.slices)
        guard !all.isEmpty else {
            renderer.text("no histograms to plot", at: Point(bounds.midX, bounds.midY), font: theme.labelFont,
                          color: theme.foreground, anchor: .center)
            return
        }
        let (lo, hi) = range.map { ($0.lowerBound, $0.upperBound) }
            ?? DisplayBins.autoRange(all, base: logBase) ?? (logBase.power(-20), logBase.power(2))
        let axis = UnderflowAxis(lower: lo, upper: hi, base: logBase, bandShare: Self.underflowHeight, gapShare: Self.underflowGap)
        let xScale = stepScale(all)
        // 1. Place the panels: the layout does not depend on the colour range (see
        //    `ColorbarSpec.width`), and every panel has the same size.
        let unfilled = panelGrid(panels.map { _ in Panel(x: AxisSpec(scale: xScale, label: "step"), y: axis.spec(label: "|g|")) { _, _ in } },
                                 normalization: .log(1e-5, 1))
        guard let rect = unfilled.placement(in: renderer, bounds: bounds, theme: theme).rects.first else { return }
        // 2. Every panel's cells at the final size, one cell per device pixel.
        let frame = PlotFrame(rect: rect, x: xScale, y: axis.scale)
        let grids = cellGrids(frame: frame, axis: axis, scale: renderer.rasterScale)
        // 3. One colour range for all panels, then the panels themselves.
        let normalization = colorRange(grids)
        let linearWarning = all.contains { $0.hasLinearBuckets }
        let out = panels.indices.map { i in
            panel(i, grid: grids[i], normalization: normalization, axis: axis, xScale: xScale, linearWarning: linearWarning,
                  theme: theme)
        }
        panelGrid(out, normalization: normalization).draw(in: renderer, bounds: bounds, theme: theme)
    }

    func panelGrid(_ panels: [Panel], normalization: ColorNormalization) -> PanelGrid {
        PanelGrid(panels: panels, columns: panels.count, title: title,
                  colorbar: ColorbarSpec(colormap: colormap, normalization: normalization, label: "fraction of values"))
    }

    /// Each panel's fractions on a grid of `frame`'s size in device pixels.
    func cellGrids(frame: PlotFrame, axis: UnderflowAxis, scale: Double) -> [Grid] {
        let columns = max(1, Int((frame.rect.width * scale).rounded()))
        let rows = max(1, Int((frame.py(axis.lower) - frame.py(axis.upper)) * scale))
        let edges = DisplayBins.edges(lower: axis.lower, upper: axis.upper, maxBins: rows,
                                      exponentialScale: DisplayBins.commonScale(panels.flatMap(\.slices)))
        return panels.map { Self.grid(slices: $0.slices, xScale: frame.x, columns: columns, edges: edges) }
    }

    /// Log colours from the largest fraction of any cell down `decades` decades (or to the
    /// smallest non-zero fraction, when that is nearer).
    func colorRange(_ grids: [Grid]) -> ColorNormalization {
        var top = 0.0, bottom = Double.infinity
        for g in grids {
            for v in g.cells + g.underflow where v > 0 { top = max(top, v); bottom = min(bottom, v) }
        }
        return top > 0 ? .log(max(bottom, top * pow(10, -decades)), top) : .log(1e-5, 1)
    }

    /// Panel i: its cells and underflow strip as images, then the separator and notes on top.
    func panel(_ i: Int, grid g: Grid, normalization: ColorNormalization, axis: UnderflowAxis, xScale: Scale,
               linearWarning: Bool, theme: Theme) -> Panel {
        let colors = CellColors(colormap: colormap, normalization: normalization, empty: theme.plotBackground)
        var p = Panel(x: AxisSpec(scale: xScale, label: "step"), y: axis.spec(label: "|g|"), title: panels[i].title) { r, frame in
            let x0 = frame.rect.minX, w = frame.rect.width
            r.image(colors.image(columns: g.columns, rows: g.rows) { c, j in g.cells[c * g.rows + j] },
                    in: Rect(x: x0, y: frame.py(axis.upper), width: w, height: frame.py(axis.lower) - frame.py(axis.upper)))
            let stripTop = frame.py(axis.bandInner)
            r.image(colors.image(columns: g.columns, rows: 1) { c, _ in g.underflow[c] },
                    in: Rect(x: x0, y: stripTop, width: w, height: frame.rect.maxY - stripTop))
        }
        let slices = panels[i].slices
        p.overlay = { r, frame in
            drawNotes(slices: slices, axis: axis, linearWarning: linearWarning, frame: frame, renderer: r, theme: theme)
        }
        return p
    }

    /// The line between the underflow strip and the log axis; NaN/∞ counts and the linear
    /// buckets warning at the top right.
    func drawNotes(slices: [HistogramSlice], axis: UnderflowAxis, linearWarning: Bool, frame: PlotFrame,
                   renderer r: Renderer, theme: Theme) {
        let yGap = frame.py(axis.separator)
        r.stroke(Path.segment(Point(frame.rect.minX, yGap), Point(frame.rect.maxX, yGap)),
                 style: StrokeStyle(color: theme.foreground, width: 0.6))
        let nan = slices.reduce(0) { $0 + $1.nanCount }, inf = slices.reduce(0) { $0 + $1.infCount }
        let note = nonFiniteNote(nanCount: nan, infCount: inf)
        let small = Font(family: theme.fontFamily, size: theme.fontSize * 0.85)
        var y = frame.rect.minY + 3
        if !note.isEmpty {
            r.text(note + " (not shown)", at: Point(frame.rect.maxX - 3, y), font: small, color: Color(hex: 0xFF5252), anchor: .topRight)
            y += small.size * 1.3
        }
        if linearWarning {
            r.text("linear buckets: small |g| unresolved (spread evenly)", at: Point(frame.rect.maxX - 3, y), font: small,
                   color: .white, anchor: .topRight)
        }
    }
}

/// Cell colours as bytes: the colormap's 256 entries and the empty-cell background.
struct CellColors {
    let lut: [(UInt8, UInt8, UInt8, UInt8)]
    let empty: (UInt8, UInt8, UInt8, UInt8)
    let normalization: ColorNormalization

    init(colormap: Colormap, normalization: ColorNormalization, empty: Color) {
        lut = colormap.table.map(RGBAImage.pack)
        self.empty = RGBAImage.pack(empty)
        self.normalization = normalization
    }

    func pixel(_ v: Double) -> (UInt8, UInt8, UInt8, UInt8) {
        guard v.isFinite, let t = normalization.normalize(v) else { return empty }
        return lut[min(Int(t * Double(lut.count)), lut.count - 1)]
    }

    /// An image with row 0 at the bottom.
    func image(columns: Int, rows: Int, value: (Int, Int) -> Double) -> RGBAImage {
        var bytes = [UInt8](repeating: 0, count: columns * rows * 4)
        for c in 0..<columns {
            for j in 0..<rows {
                let p = pixel(value(c, j)), k = 4 * ((rows - 1 - j) * columns + c)
                bytes[k] = p.0; bytes[k + 1] = p.1; bytes[k + 2] = p.2; bytes[k + 3] = p.3
            }
        }
        return RGBAImage(width: columns, height: rows, bytes: bytes)
    }
}
