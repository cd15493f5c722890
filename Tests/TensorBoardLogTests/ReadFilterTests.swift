import Foundation
import GradscopeTestSupport
import Histograms
import Testing
@testable import TensorBoardLog

/// A filtered read returns exactly the full read restricted to the asked kinds and tags, on
/// the logs of PyTorch, tensorboardX and TF2 (tags and steps from TensorBoard's own loader,
/// `expected.json`) and on gradscope's own; records it skips are still framed and CRC-checked.
@Suite struct ReadFilterTests {
    /// What EventAccumulator read: the steps of every scalar and histogram tag, per run.
    struct ExpectedRun: Decodable {
        var scalars: [String: [[Double]]]
        var histograms: [String: [StepOnly]]
        var tensorHistograms: [String: [StepOnly]]

        struct StepOnly: Decodable { var step: Int64 }

        enum CodingKeys: String, CodingKey {
            case scalars, histograms
            case tensorHistograms = "tensor_histograms"
        }
    }

    let expected: [String: ExpectedRun]
    let full: [String: RunData]

    init() throws {
        expected = try JSONDecoder().decode([String: ExpectedRun].self, from: Data(contentsOf: Fixtures.tensorboardExpected))
        full = try Self.load(.everything)
    }

    static func load(_ filter: ReadFilter) throws -> [String: RunData] {
        let runs = try RunData.loadAll(in: TestSupport.tensorboardFixtures, filter: filter)
        return Dictionary(uniqueKeysWithValues: runs.map { ($0.name, $0) })
    }

    @Test func oneScalarTagReadsOnlyThatTag() throws {
        for (name, want) in expected {
            for (tag, points) in want.scalars {
                let run = try #require(try Self.load(.scalars(.named(tag)))[name])
                #expect(Array(run.scalars.keys) == [tag])
                #expect(run.histograms.isEmpty)
                #expect(run.scalars[tag]?.map(\.step) == points.map { Int64($0[0]) }, "\(name) \(tag)")
                #expect(run.scalars[tag]?.map(\.value) == points.map { $0[1] }, "\(name) \(tag)")
                #expect(run.scalars[tag] == full[name]?.scalars[tag])
                #expect(run.warnings.isEmpty)
            }
        }
    }

    @Test func oneHistogramTagReadsOnlyThatTag() throws {
        for (name, want) in expected {
            for (tag, points) in want.histograms.merging(want.tensorHistograms, uniquingKeysWith: { a, _ in a }) {
                let run = try #require(try Self.load(.histograms(.named(tag)))[name])
                #expect(Array(run.histograms.keys) == [tag], "\(name)")
                #expect(run.scalars.isEmpty)
                #expect(run.histograms[tag]?.map(\.step) == points.map(\.step), "\(name) \(tag)")
                #expect(run.histograms[tag] == full[name]?.histograms[tag], "\(name) \(tag)")
            }
        }
    }

    /// TF2 writes the plugin name ("histograms") only on a tag's first tensor: the skipped
    /// values still teach the reader that the later tensors are histograms, not scalars.
    @Test func skippedTensorHistogramsAreNotReadAsScalars() throws {
        let run = try #require(try Self.load(.scalars())["tf2_tensor_histograms"])
        #expect(expected["tf2_tensor_histograms"]?.scalars.isEmpty == true)
        #expect(run.scalars.isEmpty)
        #expect(run.histograms.isEmpty)
    }

    @Test func regularExpressionSelectsHistogramTags() throws {
        let selection = try #require(TagSelection.containing(pattern: "^grad/.*auto"))
        let run = try #require(try Self.load(.histograms(selection))["torch_summarywriter"])
        let want = try #require(expected["torch_summarywriter"]).histograms.keys.filter { $0.hasPrefix("grad/") && $0.contains("auto") }
        #expect(run.histogramTags == want.sorted())
        #expect(!want.isEmpty)
        #expect(TagSelection.containing(pattern: "(") == nil)
    }

    /// gradscope's own log: exponential histograms, scalars and the run configuration.
    @Test func ownLogFilteredReadIsTheFullReadRestricted() throws {
        let (logdir, _) = try Self.writeOwnLog()
        let fullRun = try #require(try RunData.loadAll(in: logdir).first)
        let filter = ReadFilter(scalars: .named("loss"), histograms: .named("grad/b"), configuration: true)
        let run = try #require(try RunData.loadAll(in: logdir, filter: filter).first)
        #expect(run.scalars == ["loss": try #require(fullRun.scalars["loss"])])
        #expect(run.histograms == ["grad/b": try #require(fullRun.histograms["grad/b"])])
        #expect(run.histograms["grad/b"]?.map(\.step) == Array(0..<Int64(Self.steps)))
        #expect(run.configuration == RunConfiguration(["optimizer": .string("radam"), "lr": .number(0.001)]))
        #expect(run.warnings.isEmpty)
        let scalarsOnly = try #require(try RunData.loadAll(in: logdir, filter: .scalars()).first)
        #expect(scalarsOnly.configuration.isEmpty)
        #expect(scalarsOnly.scalars == fullRun.scalars)
    }

    /// A damaged record that the filter skips is still found: a data CRC warning at its offset,
    /// every other wanted value intact.
    @Test func damagedSkippedRecordStillWarns() throws {
        let (logdir, file) = try Self.writeOwnLog()
        let histogramOffsets = EventReader(files: [file]).filter { event in
            event.values.contains { $0.tag == "grad/a" }
        }.map(\.offset)
        let damaged = try #require(histogramOffsets.dropFirst(2).first)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: file))
        bytes[damaged + TFRecordFraming.headerSize + 20] ^= 0x40
        try bytes.write(to: URL(fileURLWithPath: file))

        let run = try #require(try RunData.loadAll(in: logdir, filter: .scalars(.named("loss"))).first)
        #expect(run.warnings == [LogWarning(file: file, offset: damaged, message: "data CRC mismatch: record skipped")])
        #expect(run.scalars["loss"]?.map(\.step) == Array(0..<Int64(Self.steps)))
    }

    /// A framed record that is not an Event reads as in a full read: one warning.
    @Test func undecodableRecordWarnsAsInAFullRead() throws {
        let (logdir, file) = try Self.writeOwnLog()
        var framed: [UInt8] = []
        TFRecordFraming.append(record: [0x2A, 0xFF, 0xFF], to: &framed)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: file))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(framed))
        try handle.close()
        let fullWarnings = try #require(try RunData.loadAll(in: logdir).first).warnings
        let filtered = try #require(try RunData.loadAll(in: logdir, filter: .scalars(.named("loss"))).first)
        #expect(fullWarnings.count == 1)
        #expect(filtered.warnings == fullWarnings)
    }

    static let steps = 6

    /// A run written by `EventFileWriter`: configuration, then per step `loss`, `lr` and the
    /// exponential histograms `grad/a` and `grad/b`.
    static func writeOwnLog() throws -> (logdir: String, file: String) {
        let logdir = try TestSupport.temporaryDirectory()
        let writer = try EventFileWriter(logdir: logdir)
        writer.addConfiguration(RunConfiguration(["optimizer": .string("radam"), "lr": .number(0.001)]))
        var generator = SplitMix64(seed: 42)
        for step in 0..<Int64(steps) {
            writer.addScalar("loss", 2.0 / Double(step + 1), step: step, wallTime: 10 + Double(step))
            writer.addScalar("lr", 0.001, step: step, wallTime: 10 + Double(step))
            for tag in ["grad/a", "grad/b"] {
                var histogram = ExponentialHistogram(scale: 3)
                for _ in 0..<200 { histogram.record(Double.random(in: -1...1, using: &generator)) }
                writer.addHistogram(tag, histogram, step: step, wallTime: 10 + Double(step))
            }
        }
        try writer.close()
        guard let file = try RunLocation.discover(in: logdir).first?.files.first else {
            throw TestSupport.FixtureError(message: "the writer left no event file")
        }
        return (logdir, file)
    }
}
