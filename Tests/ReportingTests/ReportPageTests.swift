import Diagnosis
import Plotting
import Reporting
import TensorBoardLog
import Testing

/// The page's template: every text from a log is escaped, whatever part of the page it lands in.
@Suite("report page")
struct ReportPageTests {
    static let hostile = #"<script>alert("x")</script>&'"#
    static let escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;"

    static func page() throws -> ReportPage {
        let finding = Finding(kind: .vanishing, severity: .warning, tag: hostile, firstStep: 3, lastStep: 9,
                              evidence: [Evidence("share", .text(hostile), hostile)],
                              summary: hostile, remedy: hostile)
        let diagnosis = RunDiagnosis(run: hostile, lossTag: hostile, gradTags: [hostile], findings: [finding])
        let run = ReportPage.Run(name: hostile, steps: 9, finalLoss: 0.5,
                                 configuration: RunConfiguration(["optimizer": .string(hostile), hostile: .string(hostile)]))
        let series = try ScalarSeries(label: hostile, steps: [1, 2, 3], values: [3, 2, 1])
        let figure = Figure(content: ScalarPlot(panels: [ScalarPanel(series: [series])], yLabel: "loss"))
        return ReportPage(title: hostile, runs: [run], diagnoses: [diagnosis],
                          figures: [ReportPage.Figure(title: hostile, caption: hostile, figure: figure)])
    }

    @Test func everyLogTextIsEscaped() throws {
        let html = try Self.page().html()
        #expect(!html.contains("<script"))
        #expect(!html.contains(Self.hostile))
        // Title ×2, run row, optimizer, setting name and value, diagnosis heading, loss tag,
        // grad tags, finding tag, summary, evidence description and value, remedy, figure title, caption.
        #expect(html.components(separatedBy: Self.escaped).count - 1 == 16)
        #expect(html.contains("3–9"))
    }

    /// Two figures inline: Cairo's ids (glyphs, clips) get a prefix per figure.
    @Test func figureIDsArePrefixedPerFigure() throws {
        var page = try Self.page()
        page.figures.append(page.figures[0])
        let html = try page.html()
        let ids = html.matches(of: #/ id="([^"]+)"/#).map { String($0.1) }
        #expect(!ids.isEmpty)
        #expect(Set(ids).count == ids.count)
        let references = html.matches(of: #/href="#([^"]+)"/#).map { String($0.1) }
        #expect(!references.isEmpty)
        #expect(references.allSatisfy { Set(ids).contains($0) })
        #expect(!html.contains("<?xml"))
    }
}
