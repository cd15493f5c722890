import ArgumentParser
import Foundation
import TensorBoardLog

/// Side by side with `../shared/bench/tb_load_baseline.py`: reads every event file of a
/// logdir and decodes every scalar and histogram into memory (`RunData.loadAll`).
struct LogReadBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "read",
        abstract: "Seconds to read a logdir in full, every histogram.")

    @Argument(help: "The logdir to read.")
    var logdir: String

    @Option(help: "Runs read at the same time (default: one per core).")
    var parallelism: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Timed repetitions; the best is reported.")
    var repetitions: Int = 3

    @Option(help: "Read only this scalar tag (a filtered read: every other record is skipped, still CRC-checked).")
    var scalarTag: String?

    @Flag(help: "Also time CRC-32C alone over the files' bytes, SSE4.2 and portable.")
    var crc = false

    func run() throws {
        let runs = try RunLocation.discover(in: logdir)
        let bytes = runs.flatMap(\.files).reduce(0) { total, file in
            total + ((try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0)
        }
        var best = Double.infinity
        var histogramCount = 0
        var warningCount = 0
        for _ in 0..<max(1, repetitions) {
            let start = DispatchTime.now().uptimeNanoseconds
            let filter = scalarTag.map { ReadFilter.scalars(.named($0)) } ?? .everything
            let data = try RunData.loadAll(in: logdir, filter: filter, parallelism: parallelism)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            histogramCount = data.reduce(0) { $0 + $1.histograms.values.reduce(0) { $0 + $1.count } }
            warningCount = data.reduce(0) { $0 + $1.warnings.count }
            best = min(best, seconds)
        }
        let label = "gradscope (\(parallelism) thread\(parallelism == 1 ? "" : "s"))".padding(toLength: 24, withPad: " ", startingAt: 0)
        print(String(format: "%@ %8.3f s %8.1f MB/s %10.0f histograms/s (%d histograms, %.1f MB, %d warnings, best of %d)",
                     label, best, Double(bytes) / best / 1e6, Double(histogramCount) / best, histogramCount,
                     Double(bytes) / 1e6, warningCount, max(1, repetitions)))
        if crc { try timeCRC(files: runs.flatMap(\.files), bytes: bytes) }
    }

    /// Seconds of CRC-32C over every file, with each implementation (best of the repetitions).
    private func timeCRC(files: [String], bytes: Int) throws {
        let contents = try files.map { try Data(contentsOf: URL(fileURLWithPath: $0)) }
        let implementations: [(String, (UInt32, UnsafeRawBufferPointer) -> UInt32)] = [
            ("CRC-32C SSE4.2", { CRC32C.hardwareUpdate($0, with: $1) ?? 0 }),
            ("CRC-32C portable", CRC32C.portableUpdate),
        ]
        for (name, update) in implementations where name != "CRC-32C SSE4.2" || CRC32C.usesHardware {
            var best = Double.infinity
            var checksum: UInt32 = 0
            for _ in 0..<max(1, repetitions) {
                let start = DispatchTime.now().uptimeNanoseconds
                for data in contents { checksum ^= data.withUnsafeBytes { update(0, $0) } }
                best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            }
            print(String(format: "%@ %8.3f s %8.1f MB/s (checksum %08x)", name.padding(toLength: 24, withPad: " ", startingAt: 0),
                         best, Double(bytes) / best / 1e6, checksum))
        }
    }
}
