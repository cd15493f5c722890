import Foundation
import Testing

/// `gradscope train --config F` on every file in examples/configs/, shortened to 3 steps:
/// it must train one run per optimizer the file lists, named after it, with a first loss
/// near the task's value at initialisation.
@Suite("Example training configs")
struct ExampleConfigTests {
    static var configDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("examples/configs")
    }

    static var configFiles: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: configDirectory.path)) ?? []
        return names.filter { $0.hasSuffix(".toml") }.sorted()
    }

    /// The optimizer names of the file's `optimizer = [...]` line, read here independently of
    /// the CLI's TOML parsing.
    static func optimizers(in text: String) -> [String] {
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("optimizer") }),
              let open = line.firstIndex(of: "["), let close = line.firstIndex(of: "]") else { return [] }
        return line[line.index(after: open)..<close].split(separator: ",")
            .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " \"")) }
    }

    @Test func everyExampleIsListed() {
        #expect(Self.configFiles == ["mlp-spirals.toml", "postln-copy.toml"])
    }

    @Test(arguments: configFiles)
    func trainsEveryRunOfTheFile(_ name: String) throws {
        let file = Self.configDirectory.appendingPathComponent(name)
        let text = try String(contentsOf: file, encoding: .utf8)
        let expectedRuns = Self.optimizers(in: text)
        #expect(!expectedRuns.isEmpty)
        let logdir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: logdir) }
        let result = try CommandRunner.run(["train", "--config", file.path, "--steps", "3", "--logdir", logdir.path])
        #expect(result.status == 0, "\(result.stderr)")
        let runs = try FileManager.default.contentsOfDirectory(atPath: logdir.path).sorted()
        #expect(runs == expectedRuns.sorted())

        let export = try CommandRunner.run(["export", logdir.path, "--format", "jsonl", "--tag", "loss"])
        #expect(export.status == 0, "\(export.stderr)")
        struct Line: Decodable { var run: String; var step: Int; var value: Double }
        let lines = try export.stdout.split(separator: "\n").map { try JSONDecoder().decode(Line.self, from: Data($0.utf8)) }
        // Loss at initialisation: spirals ≈ ln 2 (2 classes, small logits); the copy task's
        // transformer ≈ ln 32 + σ²/2 ≈ 3.63 (see TrainerTests.firstLossMatchesInitialisation).
        let initial = text.contains("task = \"spirals\"") ? log(2.0) : log(32.0) + 1.0 / 6
        for run in expectedRuns {
            let losses = lines.filter { $0.run == run }
            #expect(losses.map(\.step) == [1, 2, 3], "\(run)")
            if let first = losses.first { #expect(abs(first.value - initial) < 0.2, "\(run): \(first.value)") }
        }
    }
}
