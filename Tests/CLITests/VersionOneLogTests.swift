import Foundation
import Testing
import GradscopeTestSupport

/// Logs written before payload version 2 still read exactly as they did.
///
/// `Fixtures/gradscope-v1` holds an event file that the version 1 release wrote
/// (`gradscope train --model postln --layers 1 --d-model 16 --heads 2 --steps 3 --batch 4
/// --optimizer adam --seed 0`, one Event per histogram, statistics in the payload) and
/// `export.jsonl`, what that release's `gradscope export` printed for it. Today's reader
/// must print the same objects: every scalar, and every histogram's edges, counts,
/// zero/NaN/Inf counts, sum, min and max.
@Suite("version 1 logs")
struct VersionOneLogTests {
    static let logdir = Fixtures.root.appendingPathComponent("gradscope-v1")

    static func objects(_ text: String) throws -> [NSDictionary] {
        try text.split(separator: "\n").map {
            try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? NSDictionary)
        }
    }

    @Test func exportPrintsWhatTheVersionOneReleasePrinted() throws {
        let expected = try Self.objects(String(contentsOf: Self.logdir.appendingPathComponent("export.jsonl"),
                                               encoding: .utf8))
        let result = try CommandRunner.run(["export", Self.logdir.path, "--format", "jsonl"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        let objects = try Self.objects(result.stdout)
        #expect(expected.count == 69 && objects.count == expected.count)
        #expect(expected.filter { $0["kind"] as? String == "histogram" }.count == 51)
        for (object, want) in zip(objects, expected) {
            #expect(object == want, "\(want["tag"] ?? "?") step \(want["step"] ?? "?")")
        }
    }
}
