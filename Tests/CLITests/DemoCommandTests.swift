import Foundation
import Testing
import TensorBoardLog

@Suite("gradscope demo")
struct DemoCommandTests {
    /// A shortened demo (1 layer, 12 steps) runs end to end: three runs logged, figures
    /// written from the logs, one verdict line per run on stdout.
    @Test func shortDemoTrainsPlotsAndDiagnoses() throws {
        let out = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        // Something of the user's beside the demo's runs survives the demo.
        let keep = out.appendingPathComponent("logs/notes/keep.txt")
        try FileManager.default.createDirectory(at: keep.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: keep)
        let result = try CommandRunner.run(["demo", "--steps", "12", "--layers", "1", "--out", out.path])
        #expect(FileManager.default.contents(atPath: keep.path) == Data("mine".utf8))
        #expect(result.status == 0, "\(result.stderr)")

        let runs = try RunData.loadAll(in: out.appendingPathComponent("logs").path)
        #expect(runs.map(\.name) == ["adam", "adam-warmup", "radam"])
        for run in runs {
            #expect(run.warnings.isEmpty)
            #expect(run.scalars["loss"]?.count == 12)
            #expect(run.histograms["grad/abs_all"]?.count == 12)
            let verdict = result.stdout.split(separator: "\n").first { $0.hasPrefix("  \(run.name) ") }
            #expect(verdict != nil, "no verdict for \(run.name) in \(result.stdout)")
        }
        for figure in ["stacked-gradients.png", "stacked-gradients.pdf", "heatmap-gradients.png", "loss.png",
                       "rectification-radam.png"] {
            let data = FileManager.default.contents(atPath: out.appendingPathComponent("figures/\(figure)").path)
            #expect((data?.count ?? 0) > 1000, "\(figure)")
        }
    }

    @Test func tooFewStepsIsRejected() throws {
        let result = try CommandRunner.run(["demo", "--steps", "3"])
        #expect(result.status != 0)
        #expect(result.stderr.hasPrefix("Error: "))
    }
}
