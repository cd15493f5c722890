import Foundation
import GradscopeTestSupport
import Testing

/// PyTorch's `SummaryWriter.add_histogram` of [1e-3, 2e-3, 3e-3, NaN, Inf] at step 1 and
/// [1e-3, 2e-3, 3e-3, 4e-3] at step 2 (Fixtures/torch_nan). TensorBoard's loader reads
/// num = 5, Σ bucket = 3 and min = NaN at step 1: the writer drops the two non-finite
/// values from the buckets and counts them in num.
@Suite("Non-finite values in PyTorch histograms")
struct NonFiniteForeignTests {
    static let log = Fixtures.root.appendingPathComponent("torch_nan").path

    @Test func inspectCountsNumMinusBuckets() throws {
        let result = try CommandRunner.run(["inspect", Self.log, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let tag = try #require(((object?["runs"] as? [[String: Any]])?.first?["tags"] as? [[String: Any]])?.first)
        let summaries = try #require(tag["summaries"] as? [[String: Any]])
        #expect(summaries.map { $0["non_finite_count"] as? Double } == [2, 0])
        let inspect = try CommandRunner.run(["inspect", Self.log])
        let text = inspect.stdout.split(separator: "\n")
        #expect(text.contains { line in line.hasPrefix("      1 ") && line.hasSuffix(" 2") })
    }

    @Test func exportWritesFiniteEdgesAndTheCount() throws {
        let result = try CommandRunner.run(["export", Self.log])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        let edges = try #require(first["edges"] as? [Double]) // a null edge would fail this cast
        #expect(edges.allSatisfy { $0.isFinite })
        #expect(first["non_finite_count"] as? Double == 2)
        let counts = try #require(first["counts"] as? [Double])
        #expect(counts.reduce(0, +) == 3)
    }

    @Test func diagnoseFindsTheFirstStep() throws {
        let (status, runs) = try DiagnoseCommandTests.json([Self.log, "--fail-on", "nan-inf"])
        #expect(status == 1)
        let finding = try #require((runs.first?["findings"] as? [[String: Any]])?.first { $0["kind"] as? String == "nan-inf" })
        #expect(finding["first_step"] as? Int == 1)
        #expect((finding["evidence"] as? [String: Any])?["count"] as? Double == 2)
    }
}
