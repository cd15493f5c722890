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
            let data = try RunData.loadAll(in: logdir, parallelism: parallelism)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            histogramCount = data.reduce(0) { $0 + $1.histograms.values.reduce(0) { $0 + $1.count } }
            warningCount = data.reduce(0) { $0 + $1.warnings.count }
            best = min(best, seconds)
        }
        let label = "gradscope (\(parallelism) thread\(parallelism == 1 ? "" : "s"))".padding(toLength: 24, withPad: " ", startingAt: 0)
        print(String(format: "%@ %8.3f s %8.1f MB/s %10.0f histograms/s (%d histograms, %.1f MB, %d warnings, best of %d)",
                     label, best, Double(bytes) / best / 1e6, Double(histogramCount) / best, histogramCount,
                     Double(bytes) / 1e6, warningCount, max(1, repetitions)))
    }
}
