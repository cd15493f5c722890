import ArgumentParser
import Foundation
import TensorBoardLog

/// `gradscope export`: every value of a logdir as JSON lines or CSV, streamed to stdout.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export a logdir's scalars and histograms as JSONL, or its scalars as CSV.",
        discussion: "The formats are described in the README. Output goes to standard output.")

    @Argument(help: "A logdir, a run directory or a single event file.")
    var logdir: String

    @Option(help: "jsonl (scalars and histograms) or csv (scalars).")
    var format: LogExport.Format = .jsonl

    @Option(name: .customLong("run"), help: "Only this run (its path relative to the logdir).")
    var runName: String?

    @Option(help: "Only this tag.")
    var tag: String?

    func run() throws {
        let sink = LineSink(handle: FileHandle.standardOutput)
        let warnings = try LogExport.export(logdir: logdir, format: format, run: runName, tag: tag) {
            try sink.write($0)
        }
        try sink.flush()
        report(warnings)
    }
}

extension LogExport.Format: ExpressibleByArgument {}
