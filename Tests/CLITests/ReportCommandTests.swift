import Foundation
import Testing

/// `gradscope report` end to end: the HTML page on the committed PyTorch logs of the
/// reference script (whose verdicts DiagnoseCommandTests establishes: the warmup pathology
/// in pytorch-adam only) and on a log that `gradscope train` writes.
@Suite("gradscope report")
struct ReportCommandTests {
    /// Runs `report ARGS -o DIR/report.html` and returns the page.
    static func report(_ arguments: [String], in dir: URL) throws -> String {
        let path = dir.appendingPathComponent("report.html").path
        let result = try CommandRunner.run(["report"] + arguments + ["-o", path])
        #expect(result.status == 0, "\(result.stderr)")
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    /// The warning and critical finding kinds in each run's diagnosis section.
    static func findingKinds(_ html: String) throws -> [String: [String]] {
        let sections = html.components(separatedBy: "<section class=\"diagnosis\">").dropFirst()
        let name = /<h3><code>([^<]*)<\/code><\/h3>/
        let finding = /class="finding (warning|critical)">\s*<div class="head">[^<]*<span class="kind">([^<]+)<\/span>/
        var kinds: [String: [String]] = [:]
        for section in sections {
            let run = try #require(section.firstMatch(of: name)).1
            kinds[String(run)] = section.matches(of: finding).map { String($0.2) }
        }
        return kinds
    }

    /// Self-contained: nothing fetched, nothing run, every figure inline, ids unique
    /// (inline SVGs share the page's id namespace).
    static func expectSelfContained(_ html: String, figures: Int) {
        #expect(!html.lowercased().contains("<script"))
        #expect(html.firstMatch(of: /(?i)(src|href)\s*=\s*["']?\s*(https?:|\/\/)/) == nil)
        #expect(!html.contains("@import") && !html.contains("url(http") && !html.contains("@font-face"))
        #expect(html.components(separatedBy: "<figure ").count - 1 == figures)
        #expect(html.components(separatedBy: "<svg ").count - 1 == figures)
        #expect(html.components(separatedBy: "<figcaption>").count - 1 == figures)
        let ids = html.matches(of: #/ id="([^"]+)"/#).map { String($0.1) }
        #expect(Set(ids).count == ids.count, "duplicate ids")
        #expect(html.contains("@media print"))
    }

    @Test func pytorchLogsHaveTheRunsTheVerdictsAndTheFigures() throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let html = try Self.report([DiagnoseCommandTests.pytorchLogs], in: dir)
        let kinds = try Self.findingKinds(html)
        #expect(kinds.keys.sorted() == ["pytorch-adam", "pytorch-adam-warmup", "pytorch-radam"])
        #expect(kinds["pytorch-adam"] == ["warmup-pathology"])
        #expect(kinds["pytorch-adam-warmup"] == [])
        #expect(kinds["pytorch-radam"] == [])
        for run in ["pytorch-adam", "pytorch-adam-warmup", "pytorch-radam"] {
            #expect(html.contains("<tr><td><code>\(run)</code></td>"))
        }
        // Loss, stacked histograms, heatmaps, ρt/rt, and pytorch-adam's named tensor (grad/abs_all).
        Self.expectSelfContained(html, figures: 5)
        #expect(html.contains("Tensors named by the findings: pytorch-adam"))
    }

    @Test func oneRunIsSelected() throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let html = try Self.report([DiagnoseCommandTests.pytorchLogs, "--run", "pytorch-radam"], in: dir)
        #expect(try Self.findingKinds(html).keys.sorted() == ["pytorch-radam"])
        Self.expectSelfContained(html, figures: 4)
    }

    /// A run directory named like markup: the page shows the name escaped and runs no script.
    @Test func ownLogWithAHostileRunName() throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let name = #"<script>alert("x")<script>&'"#
        let logdir = dir.appendingPathComponent("logs")
        let train = try CommandRunner.run(["train", "--model", "mlp", "--task", "spirals", "--optimizer", "adam",
                                           "--steps", "30", "--beta2", "0.99", "--logdir", logdir.path,
                                           "--run-name", name])
        #expect(train.status == 0, "\(train.stderr)")
        let html = try Self.report([logdir.path], in: dir)
        #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;script&gt;&amp;&#39;"))
        #expect(!html.contains(name))
        // The configuration train records: the optimizer and β2.
        #expect(html.contains("<td>adam</td>"))
        #expect(html.contains("beta2 = 0.99"))
        Self.expectSelfContained(html, figures: html.contains("Tensors named by the findings") ? 5 : 4)
    }

    @Test(arguments: [("report.txt", [String]()), ("report.html", ["--paper", "letter"])])
    func unsupportedOutputsFailInOneLine(output: String, options: [String]) throws {
        let status: Int32 = 64  // usage errors
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try CommandRunner.run(["report", DiagnoseCommandTests.pytorchLogs,
                                            "-o", dir.appendingPathComponent(output).path] + options)
        #expect(result.status == status)
        #expect(result.stderr.split(separator: "\n").count <= 3, "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent(output).path))
    }
}
