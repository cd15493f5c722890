import Foundation
import Histograms
import Numerics
import Testing
import TensorBoardLog
import GradscopeTestSupport

/// inspect and export on logs that gradscope itself writes, intact and damaged.
@Suite("CLI on gradscope's own logs")
struct OwnLogTests {
    /// A run with 20 steps of an exponential histogram holding 1 000 values spread over
    /// 10⁻⁶…10⁻², two zeros, one NaN and one +Inf per step, plus a loss scalar.
    static func writeRun(in directory: URL) throws -> String {
        let writer = try EventFileWriter(logdir: directory.appendingPathComponent("adam").path)
        for step in 1...20 {
            var histogram = ExponentialHistogram()
            histogram.record(contentsOf: (0..<1000).map { Float(pow(10, -6 + 4 * Double($0) / 999)) })
            for x: Float in [0, 0, .nan, .infinity] { histogram.record(x) }
            writer.addHistogram("grad/abs_all", histogram, step: Int64(step))
            writer.addScalar("loss", 3.4 / Double(step), step: Int64(step))
            try writer.flush()
        }
        try writer.close()
        return writer.path
    }

    @Test func inspectReportsCountsAndPercentilesOfExponentialHistograms() throws {
        let logdir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: logdir) }
        _ = try Self.writeRun(in: logdir)
        let result = try CommandRunner.run(["inspect", "--json", logdir.path])
        #expect(result.status == 0, "\(result.stderr)")
        struct Output: Decodable {
            struct Run: Decodable { var run: String; var tags: [Tag] }
            struct Tag: Decodable { var tag: String; var steps: Int; var summaries: [Summary]? }
            struct Summary: Decodable {
                var step: Int
                var median_abs: Double, p01_abs: Double, p99_abs: Double
                var zero_count: Double, nan_count: Double, pos_inf_count: Double
            }
            var runs: [Run]
        }
        let output = try JSONDecoder().decode(Output.self, from: Data(result.stdout.utf8))
        let tag = try #require(output.runs.first?.tags.first { $0.tag == "grad/abs_all" })
        #expect(tag.steps == 20)
        let summaries = try #require(tag.summaries)
        #expect(summaries.map(\.step) == [1, 10, 20])
        for summary in summaries {
            #expect(summary.zero_count == 2)
            #expect(summary.nan_count == 1)
            #expect(summary.pos_inf_count == 1)
            // 1 004 ranked magnitudes: two zeros first, +Inf last; the median is the
            // 500th of the log-uniform values, about 10^(−6 + 4·500/999).
            #expect(summary.median_abs.isApproximatelyEqual(to: pow(10, -6 + 4 * 500 / 999), relativeTolerance: 0.1))
            #expect(summary.p01_abs < summary.median_abs && summary.median_abs < summary.p99_abs)
        }
    }

    /// A writer that crashed mid-record leaves a truncated tail: every intact step is still
    /// read, and the damage is one warning line on stderr, not an error.
    @Test func truncatedTailGivesIntactRecordsAndAWarning() throws {
        let logdir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: logdir) }
        let path = try Self.writeRun(in: logdir)
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        let size = try handle.seekToEnd()
        try handle.truncate(atOffset: size - 7)
        try handle.close()

        let result = try CommandRunner.run(["export", logdir.path, "--format", "jsonl"])
        #expect(result.status == 0, "\(result.stderr)")
        let objects = try result.stdout.split(separator: "\n").map {
            try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        func steps(_ kind: String) -> [Int] { objects.filter { $0["kind"] as? String == kind }.compactMap { $0["step"] as? Int } }
        // A step's histograms are framed after its scalars (at the flush): the truncated
        // last record held step 20's histogram.
        #expect(steps("scalar") == Array(1...20))
        #expect(steps("histogram") == Array(1...19))
        let warnings = result.stderr.split(separator: "\n")
        #expect(warnings.count == 1)
        #expect(warnings.first?.hasPrefix("warning: ") == true)
    }

    /// Seeded garbage, so that a failure reproduces: a 4 KiB file of random bytes (which has
    /// no valid record, since a record's header CRC fails with probability 1 − 2⁻³²).
    @Test(arguments: [UInt64(1), 2, 3])
    func garbageFileIsReadWithoutCrashing(seed: UInt64) throws {
        let logdir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: logdir) }
        var generator = SplitMix64(seed: seed)
        let garbage = Data((0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) })
        try garbage.write(to: logdir.appendingPathComponent("events.out.tfevents.0.host"))
        let result = try CommandRunner.run(["inspect", logdir.path])
        #expect(result.status == 0)
        #expect(result.stdout.contains("run ."))
        #expect(result.stderr.hasPrefix("warning: "))
    }
}
