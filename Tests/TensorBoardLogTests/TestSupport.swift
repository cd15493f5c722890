import Foundation
@testable import TensorBoardLog

/// Paths and helpers shared by the TensorBoardLog tests.
enum TestSupport {
    /// `Fixtures/tensorboard` in the test bundle.
    static var tensorboardFixtures: String {
        Bundle.module.resourceURL!.appendingPathComponent("Fixtures/tensorboard").path
    }

    /// The single event file of a fixture run.
    static func fixtureFile(run: String) throws -> String {
        let runs = try RunLocation.discover(in: tensorboardFixtures)
        guard let location = runs.first(where: { $0.name == run }), let file = location.files.first else {
            throw FixtureError(message: "no fixture run \(run)")
        }
        return file
    }

    /// A new empty directory under the temporary directory.
    static func temporaryDirectory() throws -> String {
        let path = (NSTemporaryDirectory() as NSString)
            .appendingPathComponent("TensorBoardLogTests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Writes `bytes` to a new file in a new temporary directory; returns its path.
    static func writeTemporaryFile(_ bytes: [UInt8], name: String = "events.out.tfevents.test") throws -> String {
        let path = (try temporaryDirectory() as NSString).appendingPathComponent(name)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Every record of a file, and its warnings.
    static func records(of path: String) throws -> (records: [TFRecord], warnings: [LogWarning]) {
        let reader = try TFRecordReader(path: path)
        let records = Array(reader)
        return (records, reader.warnings)
    }

    /// Every event of a file, and its warnings.
    static func events(of path: String) -> (events: [LogEvent], warnings: [LogWarning]) {
        let reader = EventReader(files: [path])
        let events = Array(reader)
        return (events, reader.warnings)
    }

    struct FixtureError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}

/// A seeded generator (SplitMix64), so that fuzz cases are reproducible.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
