import Foundation
import Testing

/// `gradscope diagnose` end to end, on PyTorch logs of the reference script
/// (`postln_copy_reference.py --optimizer adam|adam-warmup|radam --steps 200 --logdir …`,
/// committed in examples/logs) and on logs written by `gradscope train`.
@Suite("gradscope diagnose")
struct DiagnoseCommandTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let pytorchLogs = repository.appendingPathComponent("examples/logs").path

    /// The decoded `--json` document.
    static func json(_ arguments: [String]) throws -> (status: Int32, runs: [[String: Any]]) {
        let result = try CommandRunner.run(["diagnose", "--json"] + arguments)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        return (result.status, try #require(object?["runs"] as? [[String: Any]], "\(result.stderr)"))
    }

    static func kinds(_ run: [String: Any], severities: Set<String> = ["warning", "critical"]) -> [String] {
        (run["findings"] as? [[String: Any]] ?? []).filter { severities.contains($0["severity"] as? String ?? "") }
            .compactMap { $0["kind"] as? String }
    }

    @Test func flagsAdamWithoutWarmupOnlyInPyTorchLogs() throws {
        let (status, runs) = try Self.json([Self.pytorchLogs])
        #expect(status == 0)
        let byName = Dictionary(uniqueKeysWithValues: runs.map { ($0["run"] as! String, $0) })
        #expect(byName.keys.sorted() == ["pytorch-adam", "pytorch-adam-warmup", "pytorch-radam"])
        let adam = try #require(byName["pytorch-adam"])
        #expect(Self.kinds(adam) == ["warmup-pathology"])
        #expect(adam["loss_tag"] as? String == "loss")
        #expect(adam["grad_tags"] as? [String] == ["grad/abs_all"])
        let finding = try #require((adam["findings"] as? [[String: Any]])?.first)
        #expect(finding["severity"] as? String == "critical")
        #expect(finding["tag"] as? String == "grad/abs_all")
        #expect(finding["first_step"] as? Int == 1)
        // The reference's own per-step median |g| bottoms out in the first 20 steps.
        let last = try #require(finding["last_step"] as? Int)
        #expect(last >= 5 && last <= 20)
        let evidence = try #require(finding["evidence"] as? [String: Any])
        #expect((evidence["collapse_decades"] as? Double ?? 0) >= 3)
        #expect(Set(finding.keys) == ["kind", "severity", "tag", "first_step", "last_step", "evidence", "remedy"])
        #expect(Self.kinds(try #require(byName["pytorch-adam-warmup"])).isEmpty)
        #expect(Self.kinds(try #require(byName["pytorch-radam"])).isEmpty)
    }

    @Test func tableNamesTheTagsAndTheRemedy() throws {
        let result = try CommandRunner.run(["diagnose", Self.pytorchLogs, "--run", "pytorch-adam"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "run pytorch-adam")
        #expect(lines.contains("  loss: loss"))
        #expect(lines.contains("  gradients: grad/abs_all"))
        #expect(lines.contains { $0.hasPrefix("  critical  warmup-pathology") && $0.contains("grad/abs_all") })
        #expect(lines.contains { $0.contains("remedy: warm the learning rate up") })
    }

    @Test(arguments: [
        (["--fail-on", "warmup-pathology"], "pytorch-adam", 1),
        (["--fail-on", "any"], "pytorch-adam", 1),
        (["--fail-on", "nan-inf,exploding"], "pytorch-adam", 0),
        (["--fail-on", "any"], "pytorch-adam-warmup", 0),
        (["--fail-on", "any"], "pytorch-radam", 0),
        ([], "pytorch-adam", 0),
    ] as [([String], String, Int32)])
    func failOnExitStatus(options: [String], run: String, expected: Int32) throws {
        let result = try CommandRunner.run(["diagnose", Self.pytorchLogs, "--run", run] + options)
        #expect(result.status == expected, "\(result.stdout)\(result.stderr)")
    }

    @Test(arguments: [
        (["--fail-on", "bogus"], 64),
        (["--grad-tags", "("], 64),
        (["--run", "nope"], 64),
    ] as [([String], Int32)])
    func badArgumentsAreUsageErrors(options: [String], expected: Int32) throws {
        let result = try CommandRunner.run(["diagnose", Self.pytorchLogs] + options)
        #expect(result.status == expected)
        #expect(result.stderr.split(separator: "\n").count >= 1)
    }

    @Test func unreadableLogdirExitsTwo() throws {
        let result = try CommandRunner.run(["diagnose", "/nonexistent/gradscope-logs"])
        #expect(result.status == 2)
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func tagOverrides() throws {
        let (_, runs) = try Self.json([Self.pytorchLogs, "--run", "pytorch-adam", "--grad-tags", "^nothing$", "--loss-tag", "missing"])
        let run = try #require(runs.first)
        #expect(run["grad_tags"] as? [String] == [])
        #expect(run["loss_tag"] is NSNull)
        #expect(Self.kinds(run).isEmpty)
    }

    /// A short `gradscope train` run: its configuration comes back in the diagnosis (ρt from β2).
    @Test func ownLogUsesTheRecordedConfiguration() throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let train = try CommandRunner.run(["train", "--model", "mlp", "--task", "spirals", "--optimizer", "adam",
                                           "--steps", "30", "--beta2", "0.99", "--logdir", dir.path])
        #expect(train.status == 0, "\(train.stderr)")
        let (status, runs) = try Self.json([dir.path])
        #expect(status == 0)
        let run = try #require(runs.first)
        let rectification = try #require((run["findings"] as? [[String: Any]])?.first { $0["kind"] as? String == "rectification" })
        let evidence = try #require(rectification["evidence"] as? [String: Any])
        #expect(evidence["beta2"] as? Double == 0.99)
        // ρt = 199 − 2t·0.99ᵗ/(1 − 0.99ᵗ): 1, 1.99, 2.99, 3.97, 4.97 → steps 1–4 are ≤ 4.
        #expect(evidence["steps"] as? [Int] == [1, 2, 3, 4])
        #expect(rectification["severity"] as? String == "info")
    }
}

/// The gradscope half of examples/pytorch/log_gradients.py, on the log it wrote
/// (`--steps 40`, committed in examples/pytorch/logs/mlp).
@Suite("PyTorch example")
struct PyTorchExampleTests {
    static let log = DiagnoseCommandTests.repository.appendingPathComponent("examples/pytorch/logs/mlp").path
    /// The script's parameters: nn.Sequential(Linear(1,32), Tanh, Linear(32,32), Tanh, Linear(32,1)).
    static let gradTags = ["grad/0.bias", "grad/0.weight", "grad/2.bias", "grad/2.weight", "grad/4.bias", "grad/4.weight",
                           "grad/abs_all"]

    @Test func diagnoseReadsItsTagsAndConfiguration() throws {
        let (status, runs) = try DiagnoseCommandTests.json([Self.log, "--fail-on", "any"])
        #expect(status == 0)
        let run = try #require(runs.first)
        #expect(run["grad_tags"] as? [String] == Self.gradTags)
        #expect(run["loss_tag"] as? String == "loss")
        #expect(DiagnoseCommandTests.kinds(run).isEmpty)
        // β2 = 0.999 comes from add_hparams: ρt ≤ 4 at steps 1–4.
        let rectification = try #require((run["findings"] as? [[String: Any]])?.first { $0["kind"] as? String == "rectification" })
        let evidence = try #require(rectification["evidence"] as? [String: Any])
        #expect(evidence["beta2"] as? Double == 0.999)
        #expect(evidence["steps"] as? [Int] == [1, 2, 3, 4])
    }

    @Test func inspectAndPlotRead40Steps() throws {
        let inspect = try CommandRunner.run(["inspect", Self.log])
        #expect(inspect.status == 0, "\(inspect.stderr)")
        for tag in Self.gradTags {
            #expect(inspect.stdout.split(separator: "\n").contains {
                $0.contains("histogram") && $0.contains(" \(tag) ") && $0.contains("40 steps  1…40")
            }, "\(tag)")
        }
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let png = dir.appendingPathComponent("grad.png").path
        let plot = try CommandRunner.run(["plot", "hist", Self.log, "--tag", "grad/abs_all", "--steps", "1,10,40", "-o", png])
        #expect(plot.status == 0, "\(plot.stderr)")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: png))
        #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]))
    }
}
