import Foundation
import Testing
import TensorBoardLog

@Suite("gradscope demo")
struct DemoCommandTests {
    /// The figures every demo writes (Figures 1 and 2 also as PDF).
    static let figures = ["fig1-loss.png", "fig1-loss.pdf", "fig2-stacked-first-100-steps.png",
                          "fig2-stacked-first-100-steps.pdf", "fig2-stacked-whole-run.png", "fig2-stacked-whole-run.pdf",
                          "rectification-beta2.png", "rectification-radam.png", "heatmap-gradients.png"]

    /// The verdict the demo prints for `run` (the first word of its line), nil without a line.
    static func verdict(of run: String, in stdout: String) -> String? {
        guard let line = stdout.split(separator: "\n").first(where: { $0.hasPrefix("  \(run) ") }) else { return nil }
        return line.dropFirst(2 + run.count).trimmingCharacters(in: .whitespaces)
            .split(separator: ";").first.map(String.init)
    }

    /// A shortened demo (1 layer, 12 steps) runs end to end: three runs logged, figures written
    /// from the logs, and one verdict line per run whose loss figures and stall decision agree
    /// with the logged loss, averaged here by hand: the mean of the first 5 steps and of the
    /// last tenth; a run whose end is ≥ 0.9 × its start has stalled ("pathology" or "stall-only"),
    /// any other is "healthy" or "collapse-only". (That the quick demo's verdicts are the paper's,
    /// pathology for Adam and healthy for the others, `make demo-quick` checks in release.)
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
            let loss = run.scalars["loss"]?.map(\.value) ?? []
            #expect(loss.count == 12)
            #expect(run.histograms["grad/abs_all"]?.count == 12)
            let start = loss.prefix(5).reduce(0, +) / 5, end = loss.suffix(1).reduce(0, +)
            let line = try #require(result.stdout.split(separator: "\n").first { $0.hasPrefix("  \(run.name) ") },
                                    "no verdict for \(run.name) in \(result.stdout)")
            #expect(line.hasSuffix(String(format: "loss %.3f → %.3f", start, end)), "\(line)")
            let verdict = Self.verdict(of: run.name, in: result.stdout)
            let stalled = end >= 0.9 * start
            #expect((stalled ? ["pathology", "stall-only"] : ["healthy", "collapse-only"]).contains(verdict ?? ""),
                    "\(line): stalled \(stalled)")
        }
        try expectFigures(Self.figures, in: out)
        let report = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(report.hasPrefix("<!DOCTYPE html>") || report.hasPrefix("<!doctype html>"), "\(report.prefix(80))")
        for run in ["adam", "adam-warmup", "radam"] { #expect(report.contains(run)) }
        #expect(report.contains("<svg"))
    }

    /// `--full` adds Adam-2k, Adam-eps and SGD with momentum and draws Figure 3.
    @Test func fullDemoAddsTheVariantsAndFigure3() throws {
        let out = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try CommandRunner.run(["demo", "--full", "--steps", "12", "--layers", "1", "--out", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        let runs = try RunData.loadAll(in: out.appendingPathComponent("logs").path)
        #expect(runs.map(\.name).sorted() == ["adam", "adam-2k", "adam-eps", "adam-warmup", "radam", "sgd"])
        for run in runs { #expect(Self.verdict(of: run.name, in: result.stdout) != nil, "\(run.name): \(result.stdout)") }
        try expectFigures(Self.figures + ["fig3-stacked-variants.png", "fig3-stacked-variants.pdf"], in: out)
    }

    /// Each figure is a non-empty PNG or PDF, by its signature.
    private func expectFigures(_ names: [String], in out: URL) throws {
        for name in names {
            let data = FileManager.default.contents(atPath: out.appendingPathComponent("figures/\(name)").path) ?? Data()
            let signature = name.hasSuffix(".png") ? Data([0x89, 0x50, 0x4E, 0x47]) : Data("%PDF-".utf8)
            #expect(data.count > 1000 && data.starts(with: signature), "\(name): \(data.count) bytes")
        }
    }

    @Test func tooFewStepsIsRejected() throws {
        let result = try CommandRunner.run(["demo", "--steps", "3"])
        #expect(result.status != 0)
        #expect(result.stderr.hasPrefix("Error: "))
    }
}
