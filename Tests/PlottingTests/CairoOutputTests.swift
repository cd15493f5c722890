import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Numerics
import Testing
@testable import Plotting

/// PNG pixels read back from cairo, SVG and PDF structure, file errors.
@Suite struct CairoOutputTests {
    /// Colour distance in 0…255 units (max over channels).
    static func distance(_ a: Color, _ b: Color) -> Double {
        255 * max(abs(a.red - b.red), abs(a.green - b.green), abs(a.blue - b.blue))
    }

    @Test func heatmapCellsHaveColormapColours() throws {
        // Every step has all its values in one bin around e^-6 (fraction 1 = top of the scale)
        // except the two middle steps, which split 50/50 between e^-6 and e^-2 bins.
        let edges = (0...10).map { exp(Double($0) * 2 - 14) }   // bins of width e² from e^-14
        func slice(_ step: Int, _ split: Bool) throws -> HistogramSlice {
            var counts = [Double](repeating: 0, count: 10)
            counts[4] = split ? 50 : 100      // (e^-6, e^-4]
            if split { counts[6] = 50 }       // (e^-2, e^0]
            return try HistogramSlice(step: step, edges: edges, counts: counts)
        }
        let slices = try (0..<4).map { try slice($0, $0 == 1 || $0 == 2) }
        let plot = HeatmapPlot(panels: [HistogramPanel(slices: slices)], range: exp(-14)...exp(6), decades: log10(2))
        let figure = Figure(content: plot, width: 5, height: 3.5, dpi: 100)
        let (image, frames) = try figure.rasterizeWithFrames()
        let frame = try #require(frames.first)
        let k = figure.dpi / 72
        func pixel(step: Double, g: Double) -> Color {
            image[Int(frame.px(step) * k), Int(frame.py(g) * k)]
        }
        let top = Colormap.viridis.color(at: 1)
        // The colour range spans a factor 2 below the largest fraction: a cell holding half
        // of what the single-bin steps hold maps to the bottom of the colormap.
        #expect(Self.distance(pixel(step: 0, g: exp(-5)), top) <= 2)
        #expect(Self.distance(pixel(step: 3, g: exp(-5)), top) <= 2)
        #expect(Self.distance(pixel(step: 1, g: exp(-5)), Colormap.viridis.color(at: 0)) <= 2)
        #expect(Self.distance(pixel(step: 2, g: exp(-1)), Colormap.viridis.color(at: 0)) <= 2)
        // Empty cells show the background.
        #expect(Self.distance(pixel(step: 0, g: exp(-1)), .white) <= 2)
        #expect(Self.distance(pixel(step: 3, g: exp(-9)), .white) <= 2)
    }

    @Test func heatmapMergesStepsThatShareAPixelColumn() {
        // 1000 steps into 10 columns: each column holds 100 steps, merged by summing counts.
        let edges = [1.0, 2.0, 4.0]
        let slices = (0..<1000).map { s in
            try! HistogramSlice(step: s, edges: edges, counts: s % 2 == 0 ? [3, 1] : [1, 3])
        }
        let grid = HeatmapPlot.grid(slices: slices, xScale: .linear(-0.5, 999.5), columns: 10, edges: edges)
        for c in 0..<10 {
            #expect(grid.cells[c * 2].isApproximatelyEqual(to: 0.5))
            #expect(grid.cells[c * 2 + 1].isApproximatelyEqual(to: 0.5))
        }
    }

    @Test func heatmapFillsColumnsBetweenSparseSteps() {
        let edges = [1.0, 2.0]
        let slices = [0, 10].map { try! HistogramSlice(step: $0, edges: edges, counts: [1]) }
        let grid = HeatmapPlot.grid(slices: slices, xScale: .linear(-5, 15), columns: 20, edges: edges)
        #expect(grid.cells.allSatisfy { $0 == 1 })
    }

    @Test func stackedHistogramPeakSitsAtTheModeOfTheData() throws {
        let slice = HistogramSlice(step: 1, histogram: FixedData.exponential(center: -8, width: 1.0, n: 20000))
        let plot = StackedHistogramPlot(panels: [HistogramPanel(slices: [slice])], steps: .list([1]), range: exp(-20)...exp(2))
        let figure = Figure(content: plot, width: 6, height: 3, dpi: 100)
        let (image, frames) = try figure.rasterizeWithFrames()
        let frame = try #require(frames.first)
        let k = figure.dpi / 72
        let left = Int(frame.px(exp(-19)) * k), right = Int(frame.rect.maxX * k) - 3
        let top = Int(frame.rect.minY * k) + 2, bottom = Int(frame.rect.maxY * k) - 2
        var bestX = 0, bestTop = Int.max
        for x in left..<right {
            for y in top..<bottom where Self.distance(image[x, y], .white) > 30 {
                if y < bestTop { bestTop = y; bestX = x }
                break
            }
        }
        let expected = frame.px(exp(-8)) * k
        // Within two display bins (scale 3: ln(2)/8 ≈ 0.087 per bin).
        let binWidth = (frame.px(exp(-8 + 0.087)) - frame.px(exp(-8))) * k
        #expect(abs(Double(bestX) - expected) <= 3 * binWidth + 2, "peak at x=\(bestX), expected \(expected)")
    }

    @Test func pngHasTheRequestedSizeAndSignature() throws {
        let figure = Figure(content: RectificationPlot(series: FixedData.rectificationSeries(beta2: [0.99], maxStep: 100)),
                            width: 4, height: 3, dpi: 50)
        let png = try figure.encoded(as: .png)
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        // IHDR width and height, big-endian at bytes 16…23.
        let w = png[16..<20].reduce(0) { $0 << 8 | Int($1) }, h = png[20..<24].reduce(0) { $0 << 8 | Int($1) }
        #expect(w == 200 && h == 150)
    }

    @Test func svgIsWellFormedXML() throws {
        let figure = Figure(content: HeatmapPlot(panels: [HistogramPanel(slices: FixedData.driftingSlices(steps: Array(0..<50)))]))
        let svg = try figure.encoded(as: .svg)
        #expect(String(decoding: svg.prefix(100), as: UTF8.self).contains("<svg") || String(decoding: svg.prefix(100), as: UTF8.self).contains("<?xml"))
        let parser = XMLParser(data: Data(svg))
        #expect(parser.parse(), "XML error: \(String(describing: parser.parserError))")
        // The heatmap is one raster image per panel (plus the underflow strip and the colorbar),
        // marked for nearest-neighbour scaling.
        let text = String(decoding: svg, as: UTF8.self)
        #expect(text.components(separatedBy: "<image ").count - 1 == 3)
        #expect(text.components(separatedBy: "image-rendering:pixelated").count - 1 == 3)
    }

    @Test func heatmapSVGStaysSmallForManySteps() throws {
        let edges = (0...60).map { exp(Double($0) * 0.4 - 20) }
        let slices = (0..<10_000).map { s in
            try! HistogramSlice(step: s, edges: edges, counts: (0..<60).map { Double(($0 * 7 + s) % 13) })
        }
        let svg = try Figure(content: HeatmapPlot(panels: [HistogramPanel(slices: slices)])).encoded(as: .svg)
        #expect(svg.count <= 2_000_000, "SVG is \(svg.count) bytes")
    }

    @Test func pdfHasHeaderPageCountAndIsDeterministic() throws {
        let a = Figure(content: ScalarPlot(panels: [ScalarPanel(series: [try ScalarSeries(label: "x", steps: [0, 1, 2], values: [3, 1, 2])])]))
        let b = Figure(content: RectificationPlot(series: FixedData.rectificationSeries(beta2: [0.9], maxStep: 50)))
        let one = try a.encoded(as: .pdf)
        #expect(String(decoding: one.prefix(5), as: UTF8.self) == "%PDF-")
        #expect(Self.pageCount(one) == 1)
        #expect(try a.encoded(as: .pdf) == one, "same figure, same bytes")
        let two = try Figure.pdf(pages: [a, b])
        #expect(Self.pageCount(two) == 2)
    }

    static func pageCount(_ pdf: [UInt8]) -> Int {
        // "/Type /Page" not followed by "s" (which would be the /Pages tree node).
        let text = String(decoding: pdf, as: UTF8.self)
        var count = 0
        var range = text.startIndex..<text.endIndex
        while let hit = text.range(of: "/Type /Page", range: range) {
            if hit.upperBound == text.endIndex || text[hit.upperBound] != "s" { count += 1 }
            range = hit.upperBound..<text.endIndex
        }
        return count
    }

    @Test func unwritableOutputIsAOneLineError() throws {
        let figure = Figure(content: ScalarPlot(panels: []))
        do {
            try figure.write(to: "/nonexistent-dir/x.png")
            Issue.record("expected an error")
        } catch let error as PlotError {
            #expect(error.description.hasPrefix("cannot write /nonexistent-dir/x.png"))
            #expect(!error.description.contains("\n"))
        }
        #expect(throws: PlotError.unknownFormat(path: "/tmp/x.jpg")) { try figure.write(to: "/tmp/x.jpg") }
    }

    @Test func badFigureSizeThrows() {
        let figure = Figure(content: ScalarPlot(panels: []), width: -1, height: 3)
        #expect(throws: PlotError.self) { try figure.encoded(as: .png) }
    }

    @Test func superscriptLabelsRenderAsGlyphs() throws {
        // "10⁻⁸" drawn by cairo covers more ink than "10" alone: the superscripts are not dropped.
        struct Label: FigureContent {
            let text: String
            func draw(in renderer: Renderer, bounds: Rect, theme: Theme) {
                renderer.text(text, at: Point(10, 30), font: Font(size: 24), color: .black, anchor: .left)
            }
        }
        func ink(_ s: String) throws -> Int {
            let img = try Figure(content: Label(text: s), width: 2, height: 1, dpi: 72).rasterize()
            var n = 0
            for y in 0..<img.height { for x in 0..<img.width where img[x, y].red < 0.5 { n += 1 } }
            return n
        }
        let withPower = try ink("10⁻⁸"), plain = try ink("10")
        #expect(withPower > plain + 20)
        let ePower = try ink("e⁻²⁰"), e = try ink("e")
        #expect(ePower > e + 20)
    }
}
