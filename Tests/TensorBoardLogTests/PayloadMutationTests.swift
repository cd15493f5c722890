import Foundation
import Histograms
import Testing
@testable import TensorBoardLog
import GradscopeTestSupport

/// Mutated records behind valid CRCs: the decoder, not the framing, meets the damage.
///
/// Each round takes a fixture file (PyTorch, tensorboardX, TF2, gradscope version 1 and 2,
/// gradscope-torch, a hostile file), overwrites a few bytes of one or two records with
/// random bytes, bit flips or extreme doubles (same length, so every offset stays), frames
/// every record again with its CRC, and reads the file. Seeded and bounded (`rounds`
/// rounds per file), so a failure reproduces. It must never crash, and:
/// - records before the first mutated one read exactly as in the clean file;
/// - every unmutated record still gives its event (same offset, step and wall time);
/// - every histogram read has finite, non-negative counts and finite export edges, and
///   folds onto |x| for the figures and `inspect`.
@Suite("mutated records")
struct PayloadMutationTests {
    static let rounds = 60
    static let sources = ["tensorboard/torch_summarywriter", "tensorboard/tensorboardx",
                          "tensorboard/tf2_tensor_histograms", "gradscope-v1", "gradscope-torch/run", "gradscope-torch-v1/run",
                          "hostile/offsets-2pow40", "version-2"]

    /// The event file of a fixture directory, or a freshly written version 2 file.
    static func file(_ source: String) throws -> String {
        guard source != "version-2" else { return try writeVersionTwo() }
        let directory = Fixtures.root.appendingPathComponent(source)
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasPrefix("events.out") }.sorted().first)
        return directory.appendingPathComponent(name).path
    }

    static func writeVersionTwo() throws -> String {
        let writer = try EventFileWriter(logdir: try TestSupport.temporaryDirectory())
        var generator = SplitMix64(seed: 3)
        for step in 1...4 {
            for tag in ["grad/a", "grad/b"] {
                var histogram = ExponentialHistogram(scale: 3)
                for _ in 0..<200 { histogram.record(Double.random(in: -4...4, using: &generator)) }
                histogram.record(Double.nan)
                writer.addHistogram(tag, histogram, step: Int64(step))
            }
            writer.addScalar("loss", 1 / Double(step), step: Int64(step))
        }
        try writer.close()
        return writer.path
    }

    /// Overwrites 1…6 byte ranges of `data` in place.
    static func mutate(_ data: inout [UInt8], using generator: inout SplitMix64) {
        guard !data.isEmpty else { return }
        let extremes: [Double] = [.nan, .infinity, -.infinity, .greatestFiniteMagnitude, -0.0, 1e-320]
        for _ in 0..<Int.random(in: 1...6, using: &generator) {
            let at = Int.random(in: 0..<data.count, using: &generator)
            switch Int.random(in: 0..<4, using: &generator) {
            case 0: data[at] ^= 1 << UInt8.random(in: 0...7, using: &generator)
            case 1: data[at] = UInt8.random(in: 0...255, using: &generator)
            case 2: data[at] = [0x00, 0x7F, 0x80, 0xFF].randomElement(using: &generator)!
            default:
                let bits = extremes.randomElement(using: &generator)!.bitPattern
                for k in 0..<min(8, data.count - at) { data[at + k] = UInt8(truncatingIfNeeded: bits >> (8 * k)) }
            }
        }
    }

    static func checkReadable(_ histogram: HistogramValue) {
        let buckets = histogram.buckets
        #expect(buckets.edges.allSatisfy { $0.isFinite })
        #expect(buckets.counts.allSatisfy { $0.isFinite && $0 >= 0 })
        if case .exponential(let exact) = histogram { _ = exact.magnitudes.quantile(0.5) }
        if let magnitudes = try? histogram.magnitudes() {
            _ = magnitudes.quantile(0.5)
            _ = magnitudes.rebinned(onto: [1e-30, 1e-10, 1, 1e10])
        }
    }

    @Test(arguments: sources)
    func mutatedRecordsNeverCrashAndSpareTheRest(source: String) throws {
        let path = try Self.file(source)
        let (records, cleanWarnings) = try TestSupport.records(of: path)
        #expect(cleanWarnings.isEmpty && records.count >= 3)
        let clean = TestSupport.events(of: path).events
        var generator = SplitMix64(seed: UInt64(source.utf8.reduce(0) { $0 &* 31 &+ Int($1) }.magnitude))
        for round in 0..<Self.rounds {
            let mutated = Set((0..<Int.random(in: 1...2, using: &generator)).map { _ in
                Int.random(in: 1..<records.count, using: &generator)
            })
            var bytes: [UInt8] = []
            for (i, record) in records.enumerated() {
                var data = [UInt8](record.data)
                if mutated.contains(i) { Self.mutate(&data, using: &generator) }
                TFRecordFraming.append(record: data, to: &bytes)
            }
            let (events, _) = TestSupport.events(of: try TestSupport.writeTemporaryFile(bytes))
            let byOffset = Dictionary(events.map { ($0.offset, $0) }, uniquingKeysWith: { a, _ in a })
            let firstMutated = mutated.min()!
            for (i, record) in records.enumerated() where !mutated.contains(i) {
                guard let want = clean.first(where: { $0.offset == record.offset }) else { continue }
                let got = byOffset[record.offset]
                if i < firstMutated {
                    // Equal, or equal as text where NaN values (never == themselves) are read.
                    #expect(got == want || got.map { "\($0)" } == "\(want)", "\(source) round \(round): record \(i) before the mutated \(firstMutated)")
                } else {
                    #expect(got?.step == want.step && got?.wallTime == want.wallTime,
                            "\(source) round \(round): record \(i)")
                }
            }
            for event in events {
                for value in event.values {
                    if case .histogram(let histogram) = value.content { Self.checkReadable(histogram) }
                }
            }
        }
    }
}
