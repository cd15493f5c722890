import Foundation
import GradscopeTestSupport
@testable import TensorBoardLog

/// Paths and helpers shared by the TensorBoardLog tests.
enum TestSupport {
    /// The shared TensorBoard reference logdir (`GradscopeTestSupport`'s `Fixtures/tensorboard`).
    static var tensorboardFixtures: String { Fixtures.tensorboard.path }

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
        try Fixtures.temporaryDirectory(prefix: "TensorBoardLogTests").path
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
