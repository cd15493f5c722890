import Foundation
import GradscopeTestSupport
import Testing

/// `gradscope report -o report.pdf` end to end on the committed PyTorch log, read back
/// with poppler-utils.
@Suite("gradscope report as PDF")
struct ReportPDFCommandTests {
    static let adamLog = DiagnoseCommandTests.pytorchLogs + "/pytorch-adam"

    static func pdfReport(_ options: [String], in dir: URL) throws -> URL {
        let url = dir.appendingPathComponent("report.pdf")
        let result = try CommandRunner.run(["report", adamLog, "-o", url.path] + options)
        #expect(result.status == 0, "\(result.stderr)")
        return url
    }

    @Test(arguments: [([String](), "595 x 842 pts (A4)"), (["--paper", "letter"], "612 x 792 pts (letter)")])
    func titlePageHasTheRunAndTheFindingThenFigurePages(options: [String], pageSize: String) throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = try Self.pdfReport(options, in: dir)
        let info = try Poppler.info(url)
        // A text page, then at least the loss, stacked histograms, heatmap and ρt/rt pages.
        #expect(Int(info["Pages"] ?? "") ?? 0 >= 5, "\(info)")
        #expect(info["Page size"] == pageSize)
        let first = try Poppler.text(url, first: 1, last: 1)
        #expect(first.contains("pytorch-adam"))
        #expect(first.contains("warmup-pathology"))
        #expect(first.contains("Remedy:"))
        let all = try Poppler.text(url, first: 1, last: Int(info["Pages"] ?? "1") ?? 1)
        for caption in ["Loss.", "Stacked |g| histograms.", "Heatmaps.", "ρt and rt."] {
            #expect(all.contains(caption), "no caption \(caption)")
        }
    }

    @Test func unwritablePDFIsAOneLineError() throws {
        let result = try CommandRunner.run(["report", Self.adamLog, "-o", "/nonexistent-dir/report.pdf"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("cannot write /nonexistent-dir/report.pdf"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count <= 2, "\(result.stderr)")
    }
}
