import Foundation

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
        let logEdges = edges.map { Foundation.log($0) }
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
                idx = [upperBoundIndex(mids, center)]
            }
            var sum = [Double](repeating: 0, count: rows)
            var below = 0.0, total = 0.0
            // Merge exactly on the common bucket grid when there is one, then rebin once.
            let group = idx.map { usable[$0] }
            let parts = idx.count > 1 ? (HistogramSlice.merged(group).map { [$0] } ?? group) : group
            for slice in parts {
                let rb = slice.rebinned(onto: edges, logEdges: logEdges)
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
        let span = logBase.log(hi) - logBase.log(lo)
        let uBottom = logBase.log(lo) - span * (Self.underflowHeight + Self.underflowGap)
        let uTop = logBase.log(lo) - span * Self.underflowGap
        let yScale = Scale.log(logBase, logBase.power(uBottom), hi)
        let lowExp = Int(logBase.log(lo).rounded())
        let underflowLabel = abs(logBase.log(lo) - Double(lowExp)) < 1e-9 ? "≤" + TickFormat.power(logBase, lowExp) : "≤" + TickFormat.compact(lo)
        let yAxis = AxisSpec(scale: yScale, label: "|g|", tickRange: lo...hi,
                             extraTicks: [Tick(value: logBase.power((uBottom + uTop) / 2), label: underflowLabel)])
        let xScale = stepScale(all)
        let xAxis = AxisSpec(scale: xScale, label: "step")
        let scaleHint = DisplayBins.commonScale(all)

        // Layout first with a provisional colour range, then build the images at the final size.
        let maxFraction = 1.0
        var norm = ColorNormalization.log(maxFraction * pow(10, -decades), maxFraction)
        var grids: [Int: Grid] = [:]
        var edgesByPanel: [Int: [Double]] = [:]
        func gridFor(_ i: Int, frame: PlotFrame, scale: Double) -> (Grid, [Double]) {
            if let g = grids[i], let e = edgesByPanel[i] { return (g, e) }
            let columns = max(1, Int((frame.rect.width * scale).rounded()))
            let rowsAvailable = max(1, Int((frame.py(lo) - frame.py(hi)) * scale))
            let edges = DisplayBins.edges(lower: lo, upper: hi, maxBins: rowsAvailable, exponentialScale: scaleHint)
            let g = Self.grid(slices: panels[i].slices, xScale: xScale, columns: columns, edges: edges)
            grids[i] = g; edgesByPanel[i] = edges
            return (g, edges)
        }
        // Measure the colour range on a first, exact pass over a nominal layout.
        let probe = RecordingRenderer(rasterScale: renderer.rasterScale)
        var probeFrames: [Int: PlotFrame] = [:]
        let probePanels = panels.indices.map { i in
            Panel(x: xAxis, y: yAxis, title: panels[i].title) { _, frame in probeFrames[i] = frame }
        }
        PanelGrid(panels: probePanels, columns: panels.count, title: title,
                  colorbar: ColorbarSpec(colormap: colormap, normalization: norm, label: "fraction of values"))
            .draw(in: probe, bounds: bounds, theme: theme)
        var top = 0.0, bottom = Double.infinity
        for i in panels.indices {
            guard let frame = probeFrames[i] else { continue }
            let (g, _) = gridFor(i, frame: frame, scale: renderer.rasterScale)
            for v in g.cells + g.underflow where v > 0 { top = max(top, v); bottom = min(bottom, v) }
        }
        if top > 0 { norm = .log(max(bottom, top * pow(10, -decades)), top) }

        let colormap = self.colormap, finalNorm = norm
        let linearWarning = all.contains { $0.hasLinearBuckets }
        let out = panels.indices.map { i in
            var p = Panel(x: xAxis, y: yAxis, title: panels[i].title) { r, frame in
                let (g, _) = gridFor(i, frame: frame, scale: r.rasterScale)
                let empty = theme.plotBackground
                func color(_ v: Double) -> Color {
                    guard v.isFinite, let t = finalNorm.normalize(v) else { return empty }
                    return colormap.color(at: t)
                }
                var img = RGBAImage(width: g.columns, height: g.rows)
                for c in 0..<g.columns {
                    for j in 0..<g.rows { img[c, g.rows - 1 - j] = color(g.cells[c * g.rows + j]) }
                }
                let x0 = frame.rect.minX, w = frame.rect.width
                r.image(img, in: Rect(x: x0, y: frame.py(hi), width: w, height: frame.py(lo) - frame.py(hi)))
                var strip = RGBAImage(width: g.columns, height: 1)
                for c in 0..<g.columns { strip[c, 0] = color(g.underflow[c]) }
                let yTop = frame.py(logBase.power(uTop)), yBottom = frame.rect.maxY
                r.image(strip, in: Rect(x: x0, y: yTop, width: w, height: yBottom - yTop))
            }
            let slices = panels[i].slices
            p.overlay = { r, frame in
                let yGap = (frame.py(lo) + frame.py(logBase.power(uTop))) / 2
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
                    r.text("linear buckets: small |g| unresolved", at: Point(frame.rect.maxX - 3, y), font: small,
                           color: .white, anchor: .topRight)
                }
            }
            return p
        }
        PanelGrid(panels: out, columns: out.count, title: title,
                  colorbar: ColorbarSpec(colormap: colormap, normalization: finalNorm, label: "fraction of values"))
            .draw(in: renderer, bounds: bounds, theme: theme)
    }
}
