import Foundation
import Testing
import GradscopeTestSupport

/// `train`'s bounds and its options for long runs, end to end.
@Suite("train options")
struct TrainOptionsCommandTests {
    static let small = ["train", "--model", "postln", "--layers", "1", "--d-model", "16", "--heads", "2",
                        "--batch", "4", "--threads", "1"]

    @Test(arguments: [["--steps", "100000000000000"], ["--steps", "0"], ["--log-every", "0"],
                      ["--warmup", "99999999999"], ["--batch", "100000000"], ["--histogram-scale", "21"]])
    func outOfBoundsValuesAreOneLineErrors(_ flags: [String]) throws {
        let logdir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: logdir) }
        let result = try CommandRunner.run(Self.small + flags + ["--logdir", logdir.path])
        #expect(!result.signalled && result.status != 0)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.first?.hasPrefix("Error: invalid value for '") == true, "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: logdir.path).isEmpty, "nothing was written")
    }

    @Test func logEveryIncludeAndScaleShapeTheLog() throws {
        let logdir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: logdir) }
        let train = try CommandRunner.run(Self.small + ["--steps", "6", "--log-every", "3", "--include", "blocks.0.ff.*,pos",
                                                        "--histogram-scale", "1", "--logdir", logdir.path])
        #expect(train.status == 0, "\(train.stderr)")
        let export = try CommandRunner.run(["export", logdir.path, "--format", "jsonl"])
        #expect(export.status == 0, "\(export.stderr)")
        let objects = try export.stdout.split(separator: "\n").map {
            try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        let histograms = objects.filter { $0["kind"] as? String == "histogram" }
        #expect(Set(histograms.compactMap { $0["step"] as? Int }) == [3, 6])
        #expect(Set(histograms.compactMap { $0["tag"] as? String }) == [
            "grad/blocks.0.ff.0.weight", "grad/blocks.0.ff.0.bias", "grad/blocks.0.ff.2.weight",
            "grad/blocks.0.ff.2.bias", "grad/pos", "grad/abs_all"])
        #expect(histograms.allSatisfy { $0["scale"] as? Int == 1 })
        let losses = objects.filter { $0["tag"] as? String == "loss" }.compactMap { $0["step"] as? Int }
        #expect(losses == Array(1...6), "scalars stay every step")
        // grad/abs_all merges exactly the included tensors: its count is theirs summed
        // (d = 16, feed-forward 4d = 64: 2·64·16 weights, 64 + 16 biases; positions for the
        // copy task's 32 tokens plus one: 33·16).
        let all = try #require(histograms.first { $0["tag"] as? String == "grad/abs_all" })
        #expect(all["count"] as? Double == Double(2 * 64 * 16 + 64 + 16 + 33 * 16))
    }

    @Test func anIncludeThatMatchesNothingIsRefused() throws {
        let logdir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: logdir) }
        let result = try CommandRunner.run(Self.small + ["--steps", "2", "--include", "nothing.*", "--logdir", logdir.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("'log_include'") && result.stderr.contains("matches none"), "\(result.stderr)")
        // Refused before any run directory or event file is made.
        let written = FileManager.default.enumerator(atPath: logdir.path)?.allObjects as? [String] ?? []
        #expect(!written.contains { $0.contains("tfevents") }, "\(written)")
    }
}
