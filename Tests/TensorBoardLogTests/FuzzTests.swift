import Foundation
import Testing
@testable import TensorBoardLog
import GradscopeTestSupport

/// Garbage never crashes the reader: random bytes, random truncations and random bit flips
/// of good files (seeded, so failures reproduce).
@Suite struct FuzzTests {
    static let fixtureRuns = ["torch_summarywriter", "tensorboardx", "tf2_tensor_histograms"]

    @Test(arguments: 0..<40)
    func randomBytes(seed: UInt64) throws {
        var generator = SplitMix64(seed: seed)
        let count = Int.random(in: 0...4096, using: &generator)
        let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let path = try TestSupport.writeTemporaryFile(bytes)
        let (events, warnings) = TestSupport.events(of: path)
        // A random 12-byte header passes its CRC with probability 2^-32.
        #expect(events.isEmpty)
        #expect(warnings.isEmpty == (count == 0))
    }

    @Test(arguments: fixtureRuns)
    func randomTruncations(run: String) throws {
        let source = try TestSupport.fixtureFile(run: run)
        let good = try [UInt8](Data(contentsOf: URL(fileURLWithPath: source)))
        let (records, _) = try TestSupport.records(of: source)
        let ends = records.map { $0.offset + $0.data.count + TFRecordFraming.overhead }
        var generator = SplitMix64(seed: 42)
        for _ in 0..<25 {
            let cut = Int.random(in: 0...good.count, using: &generator)
            let path = try TestSupport.writeTemporaryFile(Array(good[0..<cut]))
            let (events, warnings) = TestSupport.events(of: path)
            let complete = ends.filter { $0 <= cut }.count
            #expect(events.count == complete, "cut at \(cut)")
            if cut == 0 || ends.contains(cut) {
                #expect(warnings.isEmpty, "cut at \(cut)")
            } else {
                #expect(warnings.count == 1, "cut at \(cut)")
            }
        }
    }

    @Test(arguments: fixtureRuns)
    func randomBitFlips(run: String) throws {
        let source = try TestSupport.fixtureFile(run: run)
        let good = try [UInt8](Data(contentsOf: URL(fileURLWithPath: source)))
        let (records, _) = try TestSupport.records(of: source)
        var generator = SplitMix64(seed: 7)
        for _ in 0..<25 {
            var bytes = good
            for _ in 0..<Int.random(in: 1...8, using: &generator) {
                bytes[Int.random(in: 0..<bytes.count, using: &generator)] ^= 1 << UInt8.random(in: 0...7, using: &generator)
            }
            let path = try TestSupport.writeTemporaryFile(bytes)
            let (events, warnings) = TestSupport.events(of: path)
            #expect(events.count <= records.count)
            #expect(!warnings.isEmpty)
            _ = RunData.load(RunLocation(name: "fuzz", files: [path]))
        }
    }
}
