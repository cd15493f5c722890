import ArgumentParser
import Diagnosis
import Foundation
import Plotting
import Reporting
import TensorBoardLog

/// `gradscope report`: the runs, their diagnosis and the figures in one file to share.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a report of TensorBoard logs: runs table, diagnosis and figures.",
        discussion: """
            -o report.html writes one self-contained page: the figures are inline SVG, with no \
            script, external URL or web font; it prints and reads on a phone. The format \
            follows the extension of -o.
            """)

    @Argument(help: "Logdirs, run directories or event files.")
    var logdirs: [String]

    @Option(name: .customLong("run"), help: "Only this run (repeatable); all runs when omitted.")
    var runs: [String] = []

    @Option(name: .shortAndLong, help: "Output file: .html (or .htm).")
    var output: String

    @Option(help: "The report's title.")
    var title: String = "gradscope report"

    func validate() throws {
        guard !logdirs.isEmpty else { throw ValidationError("give at least one logdir") }
        _ = try format()
    }

    /// The output format, from the extension of `-o`.
    func format() throws -> ReportFormat {
        guard let format = ReportFormat(path: output) else {
            throw ValidationError("-o \(output): the report is written as .html or .pdf")
        }
        return format
    }

    func run() throws {
        let loaded = try LoadedRuns(logdirs: logdirs, select: runs)
        let page = try ReportContents(loaded: loaded, title: title).page()
        switch try format() {
        case .html:
            let html = try page.html()
            do { try html.write(toFile: output, atomically: true, encoding: .utf8) } catch {
                throw PlotCommandError("cannot write \(output): \(error.localizedDescription)")
            }
        case .pdf:
            throw PlotCommandError("-o \(output): PDF reports are not available in this build; write .html")
        }
        StandardError.write("wrote \(output)")
    }
}
