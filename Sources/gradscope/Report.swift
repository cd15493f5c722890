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
            script, external URL or web font; it prints and reads on a phone. -o report.pdf \
            writes a multi-page PDF drawn with Cairo: the runs table and the diagnosis, then \
            one figure per page with its caption, on A4 or Letter paper (--paper). The format \
            follows the extension of -o.
            """)

    @Argument(help: "Logdirs, run directories or event files.")
    var logdirs: [String]

    @Option(name: .customLong("run"), help: "Only this run (repeatable); all runs when omitted.")
    var runs: [String] = []

    @Option(name: .shortAndLong, help: "Output file: .html (or .htm) or .pdf.")
    var output: String

    @Option(help: "Paper size of a PDF report: a4 or letter (default a4).")
    var paper: PaperSize?

    @Option(help: "The report's title.")
    var title: String = "gradscope report"

    func validate() throws {
        guard !logdirs.isEmpty else { throw ValidationError("give at least one logdir") }
        if try format() == .html, paper != nil {
            throw ValidationError("--paper applies to a PDF report (-o report.pdf)")
        }
    }

    /// The output format, from the extension of `-o`.
    func format() throws -> ReportFormat {
        guard let format = ReportFormat(path: output) else {
            throw ValidationError("-o \(output): the report is written as .html or .pdf")
        }
        return format
    }

    func run() throws {
        var loaded = try LoadedRuns(logdirs: logdirs, select: runs)
        loaded.runs = loaded.runs.map { (LoadedRuns.label($0.name, logdirs: logdirs), $0.data) }
        switch try format() {
        case .html:
            try Self.writeHTML(of: loaded, title: title, to: output)
        case .pdf:
            let page = try ReportContents(loaded: loaded, title: title).page()
            try mapPlotError { try page.printedDocument().writePDF(to: output, paper: paper ?? .a4) }
        }
        StandardError.write("wrote \(output)")
    }

    /// Writes the self-contained HTML report of `loaded` to `path` (`report` and `demo`).
    static func writeHTML(of loaded: LoadedRuns, title: String, to path: String) throws {
        let html = try ReportContents(loaded: loaded, title: title).page().html()
        do { try html.write(toFile: path, atomically: true, encoding: .utf8) } catch {
            throw PlotCommandError("cannot write \(path): \(error.localizedDescription)")
        }
    }
}

extension PaperSize: ExpressibleByArgument {}
