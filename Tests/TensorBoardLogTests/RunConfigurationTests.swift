import Foundation
import Testing
import GradscopeTestSupport
@testable import TensorBoardLog

/// Run configurations (TensorBoard's hparams plugin): read from PyTorch's `add_hparams`
/// and written by gradscope.
@Suite("Run configuration (hparams)")
struct RunConfigurationTests {
    static var hparamsFixtures: String {
        Fixtures.root.appendingPathComponent("hparams").path
    }

    /// `expected.json` holds what TensorBoard's own loader and hparams plugin read from the
    /// fixture (scripts/read-hparams.py); the fixture is `SummaryWriter.add_hparams` output
    /// of examples/pytorch/log_gradients.py.
    @Test func readsPyTorchAddHparamsAsTensorBoardDoes() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.hparamsFixtures).appendingPathComponent("expected.json"))
        let expected = try #require(try JSONSerialization.jsonObject(with: data) as? [String: [String: Any]])
        let runs = try RunData.loadAll(in: Self.hparamsFixtures)
        #expect(runs.map(\.name) == expected.keys.sorted())
        for run in runs {
            let reference = try #require(expected[run.name])
            #expect(run.configuration.names == reference.keys.sorted())
            for (name, value) in reference {
                switch value {
                case let s as String: #expect(run.configuration.values[name] == .string(s), "\(name)")
                case let x as NSNumber: #expect(run.configuration.values[name] == .number(x.doubleValue), "\(name)")
                default: Issue.record("unexpected value of \(name)")
                }
            }
            #expect(run.warnings.isEmpty)
        }
    }

    @Test func writtenConfigurationReadsBack() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let configuration = RunConfiguration(["optimizer": .string("radam"), "lr": .number(0.01), "beta2": .number(0.999),
                                              "radam_threshold": .number(5), "log_updates": .bool(true)])
        let writer = try EventFileWriter(logdir: dir)
        writer.addConfiguration(configuration, metrics: ["loss"])
        writer.addScalar("loss", 3.4, step: 1)
        try writer.close()
        let run = try #require(try RunData.loadAll(in: dir).first)
        #expect(run.configuration == configuration)
        #expect(run.scalarTags == ["loss"])
        #expect(run.histogramTags.isEmpty)
        #expect(run.configuration.number("BETA2") == 0.999)
        #expect(run.configuration.string("optimizer") == "radam")
    }

    @Test func undecodableHparamsDataIsAWarning() throws {
        var value = Tensorboard_Summary.Value()
        value.tag = "_hparams_/session_start_info"
        value.metadata.pluginData.pluginName = "hparams"
        value.metadata.pluginData.content = Data([0xFF, 0xFF, 0xFF])
        var event = Tensorboard_Event()
        event.step = 0
        event.summary.value = [value]
        var bytes: [UInt8] = []
        TFRecordFraming.append(record: try event.serializedBytes(), to: &bytes)
        let path = try TestSupport.writeTemporaryFile(bytes)
        let run = RunData.load(RunLocation(name: "x", files: [path]))
        #expect(run.configuration.isEmpty)
        #expect(run.warnings.count == 1)
    }
}
