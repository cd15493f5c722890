import Foundation
import Testing

/// Display-list snapshots stored as Swift string literals in `Snapshots/`.
///
/// Set `GRADSCOPE_RECORD_SNAPSHOTS=1` to rewrite a snapshot file from the current output
/// (the test then fails, asking for a rerun); otherwise the output must equal the stored text.
enum Snapshot {
    static var isRecording: Bool { ProcessInfo.processInfo.environment["GRADSCOPE_RECORD_SNAPSHOTS"] == "1" }

    static func check(_ actual: String, matches expected: String, name: String, record: Bool = isRecording,
                      sourceLocation: SourceLocation = #_sourceLocation) {
        if record {
            let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
            let file = dir.appendingPathComponent("Snapshot+\(name).swift")
            let body = "// Recorded display list; regenerate with GRADSCOPE_RECORD_SNAPSHOTS=1 swift test --filter PlottingTests.\n"
                + "extension Snapshots {\n    static let \(name) = #\"\"\"\n" + actual + "\n\"\"\"#\n}\n"
            try? body.write(to: file, atomically: true, encoding: .utf8)
            Issue.record("recorded snapshot \(name); rerun without GRADSCOPE_RECORD_SNAPSHOTS", sourceLocation: sourceLocation)
            return
        }
        guard actual != expected else { return }
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let first = zip(a, e).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, e.count)
        let got = first < a.count ? String(a[first]) : "<end>"
        let want = first < e.count ? String(e[first]) : "<end>"
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("snapshot-\(name).txt")
        try? actual.write(to: out, atomically: true, encoding: .utf8)
        Issue.record("snapshot \(name) differs at line \(first + 1):\n  got:  \(got)\n  want: \(want)\n(actual written to \(out.path))",
                     sourceLocation: sourceLocation)
    }
}

/// Namespace for the recorded snapshots.
enum Snapshots {}
