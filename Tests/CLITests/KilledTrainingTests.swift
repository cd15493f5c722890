import Foundation
import Testing
import GradscopeTestSupport

/// A `gradscope train` killed with SIGKILL mid-run leaves a log that reads back with at most
/// its last step missing: the writer frames and flushes whole steps.
@Suite("train killed mid-run")
struct KilledTrainingTests {
    static let arguments = ["train", "--model", "postln", "--layers", "1", "--d-model", "16", "--heads", "2",
                            "--batch", "4", "--steps", "1000000", "--threads", "1"]

    /// Starts the run, waits until its event file holds at least `bytes`, kills it.
    static func trainAndKill(logdir: URL, bytes: Int) throws {
        let process = Process()
        process.executableURL = CommandRunner.executable
        process.arguments = arguments + ["--logdir", logdir.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline && process.isRunning && (try? eventFileSize(in: logdir)) ?? 0 < bytes {
            Thread.sleep(forTimeInterval: 0.02)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal, "the run ended before it was killed")
    }

    static func eventFileSize(in logdir: URL) throws -> Int {
        let run = logdir.appendingPathComponent("adam")
        let files = try FileManager.default.contentsOfDirectory(atPath: run.path).filter { $0.hasPrefix("events.out") }
        let file = try #require(files.first)
        let attributes = try FileManager.default.attributesOfItem(atPath: run.appendingPathComponent(file).path)
        return (attributes[.size] as? Int) ?? 0
    }

    @Test(arguments: [60_000, 250_000])
    func everyStepButTheLastReadsWhole(bytes: Int) throws {
        let logdir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: logdir) }
        try Self.trainAndKill(logdir: logdir, bytes: bytes)

        let result = try CommandRunner.run(["export", logdir.path, "--format", "jsonl"])
        #expect(!result.signalled && result.status == 0, "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count <= 1, "at most the torn tail record: \(result.stderr)")
        var tagsByStep: [Int: Set<String>] = [:]
        for line in result.stdout.split(separator: "\n") {
            let object = try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let step = try #require(object["step"] as? Int), tag = try #require(object["tag"] as? String)
            tagsByStep[step, default: []].insert(tag)
        }
        let steps = tagsByStep.keys.sorted()
        let last = try #require(steps.last)
        #expect(steps == Array(1...last), "no step is missing before the last")
        // The 1-layer post-LN model has 16 tensors: 16 grad/<name> histograms and grad/abs_all,
        // and the scalars loss, lr, grad/global_norm, grad/frac_below_1e-8, grad/median_log10
        // and adam/mean_adaptive_step.
        let whole = try #require(tagsByStep[1])
        #expect(whole.count == 23)
        #expect(whole.contains("loss") && whole.contains("grad/abs_all") && whole.contains("grad/pos"))
        for step in steps.dropLast() {
            #expect(tagsByStep[step] == whole, "step \(step) of \(last) is incomplete")
        }
    }
}
