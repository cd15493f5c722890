import Foundation
import Testing
import GradscopeTestSupport

/// Crafted event files that no honest writer produces never crash the CLI.
///
/// `Fixtures/hostile/<case>/` comes from `scripts/make-hostile-fixtures.py`, which encodes
/// the protobuf wire bytes and the TFRecord framing by hand. Each file holds the scalar
/// `loss` (0.5 at step 0, 0.25 at step 2), the good histogram `grad/good` at step 1
/// (scale 0, buckets (1, 2] = 2 and (2, 4] = 1 of the values 1.5, 2, 3), and the crafted
/// value `grad/bad` at step 1. Every command must exit (never on a signal), keep the good
/// values, and warn about `grad/bad` in one line naming the file, the tag and the step.
@Suite("hostile event files")
struct HostileFileTests {
    static let root = Fixtures.root.appendingPathComponent("hostile")
    static let cases = ["offsets-2pow40", "span-too-wide", "signs-union-too-wide", "counts-overflow",
                        "nan-threshold", "negative-threshold", "infinite-threshold", "nan-minmax",
                        "v1-min-above-max", "scale-99", "scale-negative-99", "offset-int64-max",
                        "offset-int64-min", "version-99", "garbage-payload", "foreign-nan-limits",
                        "foreign-decreasing-limits", "foreign-mismatched-lengths", "foreign-bad-counts",
                        "foreign-nan-statistics", "tensor-nan-edges", "tensor-left-above-right",
                        "tensor-huge-shape", "tensor-negative-shape"]
    /// PyTorch writes NaN statistics when the values held NaN or ±Inf: honest, read silently.
    static let honest: Set = ["foreign-nan-statistics"]

    @Test func everyCaseIsListed() throws {
        let present = try FileManager.default.contentsOfDirectory(atPath: Self.root.path)
        #expect(Set(present) == Set(Self.cases))
    }

    @Test(arguments: cases)
    func exportKeepsTheGoodValuesAndWarnsOnce(_ name: String) throws {
        let logdir = Self.root.appendingPathComponent(name)
        let result = try CommandRunner.run(["export", logdir.path, "--format", "jsonl"])
        #expect(!result.signalled && result.status == 0, "\(result.stderr)")
        let warnings = result.stderr.split(separator: "\n")
        if Self.honest.contains(name) {
            #expect(warnings.isEmpty, "\(result.stderr)")
        } else {
            #expect(warnings.count == 1, "\(result.stderr)")
            let file = logdir.appendingPathComponent("events.out.tfevents.1000000000.hostile.1.0").path
            #expect(warnings.allSatisfy { $0.hasPrefix("warning: \(file)") && $0.contains("tag grad/bad, step 1:") })
        }
        let objects = try result.stdout.split(separator: "\n").map {
            try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        let losses = objects.filter { $0["tag"] as? String == "loss" }
        #expect(losses.map { $0["step"] as? Int } == [0, 2])
        #expect(losses.map { $0["value"] as? Double } == [0.5, 0.25])
        let good = try #require(objects.first { $0["tag"] as? String == "grad/good" })
        #expect(good["scale"] as? Int == 0)
        #expect(good["edges"] as? [Double] == [1, 2, 4])
        #expect(good["counts"] as? [Double] == [2, 1])
        #expect(good["sum"] as? Double == 6.5 && good["sum_squares"] as? Double == 15.25)
        #expect(good["min"] as? Double == 1.5 && good["max"] as? Double == 3)
        for object in objects where object["kind"] as? String == "histogram" {
            let edges = try #require(object["edges"] as? [Double], "edges of \(object["tag"] ?? "?") are not all numbers")
            #expect(edges.allSatisfy { $0.isFinite })
        }
    }

    @Test(arguments: cases)
    func everyCommandExitsWithoutASignal(_ name: String) throws {
        let logdir = Self.root.appendingPathComponent(name).path
        let out = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        func output(_ file: String) -> String { out.appendingPathComponent(file).path }
        let mustSucceed: [[String]] = [
            ["inspect", logdir], ["inspect", logdir, "--json"], ["diagnose", logdir],
            ["plot", "hist", logdir, "--tag", "grad/good", "-o", output("hist.png")],
            ["plot", "heatmap", logdir, "--tag", "grad/good", "-o", output("heatmap.png")],
            ["plot", "scalars", logdir, "--tag", "loss", "-o", output("loss.png")],
            ["report", logdir, "-o", output("report.html")],
        ]
        for arguments in mustSucceed {
            let result = try CommandRunner.run(arguments)
            #expect(!result.signalled && result.status == 0, "\(arguments): \(result.stderr)")
        }
        #expect(FileManager.default.fileExists(atPath: output("hist.png")))
        #expect(FileManager.default.fileExists(atPath: output("report.html")))
        // Where grad/bad was skipped these have nothing to draw: a one-line error, never a crash.
        let mayFail: [[String]] = [
            ["plot", "hist", logdir, "--tag", "grad/bad", "-o", output("bad.png")],
            ["plot", "heatmap", logdir, "--tag", "grad/bad", "-o", output("bad-heatmap.svg")],
            ["plot", "hist", logdir, "-o", output("all.pdf")],
            ["plot", "heatmap", logdir, "-o", output("all-heatmap.png")],
            ["plot", "rect", logdir, "-o", output("rect.png")],
            ["export", logdir, "--tag", "grad/bad", "--format", "jsonl"],
        ]
        for arguments in mayFail {
            let result = try CommandRunner.run(arguments)
            #expect(!result.signalled && (result.status == 0 || result.status == 1), "\(arguments): \(result.stderr)")
            if result.status != 0 {
                let errors = result.stderr.split(separator: "\n").filter { !$0.hasPrefix("warning:") }
                #expect(errors.count == 1 && errors[0].hasPrefix("Error:"), "\(arguments): \(result.stderr)")
            }
        }
    }
}
