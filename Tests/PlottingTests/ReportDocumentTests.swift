import Foundation
import Testing
import GradscopeTestSupport
@testable import Plotting

/// The printed report: pages laid out through the recording renderer (text inside the
/// margins, no overlaps, tables that break), and real PDFs read back with poppler-utils.
@Suite struct ReportDocumentTests {
    /// A4 is 210 × 297 mm: 210 / 25.4 × 72 = 595.3 and 297 / 25.4 × 72 = 841.9 pt;
    /// Letter is 8.5 × 11 in = 612 × 792 pt.
    @Test func paperSizesInPoints() {
        #expect(PaperSize.a4.points == (595, 842))
        #expect(PaperSize.letter.points == (612, 792))
        #expect(PaperSize(rawValue: "letter") == .letter && PaperSize(rawValue: "a5") == nil)
    }

    static let lossFigure = Figure(content: ScalarPlot(panels: [ScalarPanel(series: [
        try! ScalarSeries(label: "loss", steps: (0..<50).map(Double.init), values: (0..<50).map { 3 * exp(-Double($0) / 10) + 0.1 })])]))
    static let heatmapFigure = Figure(content: HeatmapPlot(panels: [HistogramPanel(slices: FixedData.driftingSlices(steps: Array(0..<40)))]))

    static let longText = "Adam's adaptive learning rate has a large variance in the first steps because the second moment "
        + "is estimated from very few gradients; the distribution of |g| collapses towards zero within the first "
        + "ten steps and never recovers. Warm the learning rate up over about 2/(1-beta2) = 2000 steps or use RAdam."

    static func document(rows: Int, findings: Int = 3, figures: Int = 2) -> ReportDocument {
        ReportDocument(
            title: "gradscope report: pytorch-adam",
            runTable: ReportTable(header: ["run", "steps", "final loss", "optimizer"],
                                  rows: (0..<rows).map { ["run-\($0)", "\(100 * $0)", "0.\($0)", "adam lr=1e-3 betas=(0.9, 0.999) eps=1e-8"] }),
            findings: (0..<findings).map { ReportParagraph(heading: "warmup-pathology · high · grad/all #\($0)",
                                                           body: ["Evidence: " + longText, "Remedy: warmup of 2000 steps, or RAdam."]) },
            figures: [CaptionedFigure(caption: "Loss. Look at the plateau after step 10.", figure: lossFigure),
                      CaptionedFigure(caption: "Heatmap of |g|: " + longText, figure: heatmapFigure)].prefix(figures).map { $0 })
    }

    /// A4 with 56 pt margins: x in [56, 539], y in [56, 786].
    static let a4Content = Rect(x: 56, y: 56, width: 483, height: 730)

    /// The texts of a page as drawn (figures left out: their texts are in figure coordinates).
    static func texts(_ page: DocumentPage) -> [RecordedText] {
        let r = RecordingRenderer()
        DocumentPage(paper: page.paper, items: page.items.filter { if case .figure = $0 { false } else { true } }).draw(in: r)
        return r.texts
    }

    static func expectInsideAndApart(_ texts: [RecordedText], content: Rect, page: Int) {
        for t in texts {
            #expect(content.contains(t.box, tolerance: 0.01), "page \(page): \"\(t.text)\" at \(t.box) leaves the margins")
        }
        for i in texts.indices {
            for j in texts.indices where j > i {
                #expect(!texts[i].box.overlaps(texts[j].box),
                        "page \(page): \"\(texts[i].text)\" \(texts[i].box) overlaps \"\(texts[j].text)\" \(texts[j].box)")
            }
        }
    }

    @Test(arguments: [PaperSize.a4, .letter])
    func textStaysInsideTheMarginsAndApart(paper: PaperSize) {
        let pages = Self.document(rows: 5).pages(paper: paper, measure: RecordingRenderer())
        // Title page (short table, three findings) + one page per figure.
        #expect(pages.count == 3)
        let content = paper.bounds.inset(top: 56, left: 56, bottom: 56, right: 56)
        for (n, page) in pages.enumerated() { Self.expectInsideAndApart(Self.texts(page), content: content, page: n + 1) }
        let first = Self.texts(pages[0]).map(\.text)
        #expect(first.first == "gradscope report: pytorch-adam")
        #expect(first.contains("Runs") && first.contains("Diagnosis") && first.contains("run-4"))
        // The long evidence wraps onto several lines, each within the 483 pt (A4) / 500 pt (Letter) column.
        #expect(first.filter { $0.contains("Evidence") }.count == 3)
        #expect(first.count(where: { $0.hasPrefix("Remedy") }) == 3)
    }

    @Test func longTableBreaksOntoTheNextPageWithItsHeader() {
        // Row height: 8.5 × 1.3 + 2 × 4 = 19.05 pt; 80 rows = 1524 pt, more than two A4 content heights (730).
        let pages = Self.document(rows: 80, findings: 1, figures: 0).pages(paper: .a4, measure: RecordingRenderer())
        #expect(pages.count == 3)
        let perPage = pages.map { Self.texts($0).map(\.text) }
        for (n, texts) in perPage.enumerated() {
            Self.expectInsideAndApart(Self.texts(pages[n]), content: Self.a4Content, page: n + 1)
            #expect(texts.contains("final loss"), "page \(n + 1) repeats the header")
        }
        let runs = perPage.flatMap { $0 }.filter { $0.hasPrefix("run-") }
        #expect(runs == (0..<80).map { "run-\($0)" }, "every row once, in order")
        #expect(perPage[0].contains("run-0") && !perPage[0].contains("run-79"))
        #expect(perPage[2].contains("Diagnosis"))
    }

    @Test func overlongWordsAndCellsWrapWithinTheirColumn() {
        let word = String(repeating: "x", count: 400)
        let doc = ReportDocument(title: word, runTable: ReportTable(header: ["a", "b"], rows: [[word, word]]),
                                 findings: [ReportParagraph(heading: word, body: [word])], figures: [])
        let pages = doc.pages(paper: .a4, measure: RecordingRenderer())
        let texts = pages.enumerated().flatMap { n, page in
            let t = Self.texts(page)
            Self.expectInsideAndApart(t, content: Self.a4Content, page: n + 1)
            return t
        }
        // Nothing is lost: the title's pieces put together give the word back.
        let titlePieces = texts.prefix(while: { $0.text.allSatisfy { $0 == "x" } && $0.box.height > 17 })
        #expect(titlePieces.map(\.text).joined() == word)
    }

    @Test func figurePageScalesTheFigureToTheMarginsWithItsCaptionBelow() {
        let pages = Self.document(rows: 1).pages(paper: .a4, measure: RecordingRenderer())
        let page = pages[1]
        #expect(page.figureRects.count == 1)
        let rect = page.figureRects[0]
        // 6.4 × 4 in = 460.8 × 288 pt, scaled to the 483 pt column: 483 × 301.875.
        #expect(abs(rect.width - 483) < 1e-9 && abs(rect.height - 301.875) < 1e-9)
        #expect(rect.minX == 56 && rect.minY == 56)
        let caption = Self.texts(page)
        #expect(caption.map(\.text) == ["Loss. Look at the plateau after step 10."])
        #expect(caption.allSatisfy { $0.box.minY >= rect.maxY && Self.a4Content.contains($0.box) })
    }

    @Test func tallFigureIsLimitedByThePageHeight() {
        let tall = Figure(content: ScalarPlot(panels: []), width: 4, height: 20)
        let doc = ReportDocument(title: "t", runTable: ReportTable(header: [], rows: []), findings: [],
                                 figures: [CaptionedFigure(caption: "c", figure: tall)])
        let rect = doc.pages(paper: .letter, measure: RecordingRenderer())[1].figureRects[0]
        // Letter content 500 × 680 pt, less the caption (9 × 1.3 = 11.7) and its 8 pt gap: 660.3 tall, 132.06 wide.
        #expect(abs(rect.height - 660.3) < 1e-9 && abs(rect.width - 132.06) < 1e-9)
        #expect(abs(rect.midX - 306) < 1e-9, "centred on the page")
    }

    static func writeReport(_ doc: ReportDocument, paper: PaperSize) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("report-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent("report.pdf")
        try doc.writePDF(to: url.path, paper: paper)
        return url
    }

    @Test(arguments: [(PaperSize.a4, "595 x 842 pts (A4)"), (.letter, "612 x 792 pts (letter)")])
    func pdfHasOnePagePerFigureAfterTheTextAtThePaperSize(paper: PaperSize, pageSize: String) throws {
        let url = try Self.writeReport(Self.document(rows: 80), paper: paper)
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let info = try Poppler.info(url)
        // 80 rows need three text pages (see the table test), then two figure pages.
        #expect(info["Pages"] == "5")
        #expect(info["Page size"] == pageSize)
        let first = try Poppler.text(url, first: 1, last: 1)
        #expect(first.contains("gradscope report: pytorch-adam") && first.contains("run-0"))
        let third = try Poppler.text(url, first: 3, last: 3)
        #expect(third.contains("warmup-pathology") && third.contains("Remedy: warmup of 2000 steps"))
        #expect(try Poppler.text(url, first: 5, last: 5).contains("Heatmap of |g|"))
    }

    @Test func figurePageRastersWithInkInTheFigureAndWhiteMargins() throws {
        let doc = Self.document(rows: 1)
        let url = try Self.writeReport(doc, paper: .a4)
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let dpi = 50
        let image = try Poppler.raster(url, page: 3, dpi: dpi)
        // 595 × 842 pt at 50 dpi: 413.2 × 584.7 px, which pdftoppm rounds up.
        #expect(image.width == 414 && image.height == 585)
        func share(_ r: Rect) -> Double {
            let k = Double(dpi) / 72
            var ink = 0, total = 0
            for y in Int(r.minY * k)..<Int(r.maxY * k) {
                for x in Int(r.minX * k)..<Int(r.maxX * k) {
                    let i = 3 * (y * image.width + x)
                    total += 1
                    if image.rgb[i] < 240 || image.rgb[i + 1] < 240 || image.rgb[i + 2] < 240 { ink += 1 }
                }
            }
            return Double(ink) / Double(max(1, total))
        }
        // The heatmap: 483 × 301.875 pt from (56, 56), mostly colour.
        let figure = Rect(x: 56, y: 56, width: 483, height: 301.875)
        #expect(share(figure) > 0.3, "figure region ink share \(share(figure))")
        // The top margin and the lower half of the page (below the caption) stay white.
        #expect(share(Rect(x: 0, y: 0, width: 595, height: 50)) == 0)
        #expect(share(Rect(x: 0, y: 480, width: 595, height: 362)) == 0)
    }
}
