import ArgumentParser
import Diagnosis
import Foundation
import TensorBoardLog

/// `gradscope diagnose`: what is wrong in a run, with evidence and a remedy.
struct Diagnose: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Find the warmup pathology and other gradient problems in TensorBoard logs.",
        discussion: """
            Gradients are the histogram tags containing "grad" (any case); the loss is the \
            scalar tag whose last path component contains "loss", "loss" itself preferred. \
            --grad-tags and --loss-tag override both; the output names the tags used.

            Findings: \(Finding.Kind.allCases.map(\.rawValue).joined(separator: ", ")). \
            Severities: critical, warning, info (info is a note, not a problem).

            Exit status: 0 when no finding named by --fail-on has severity warning or \
            critical (always without --fail-on); 1 when one has; 2 when a logdir cannot be \
            read; 64 for bad arguments.
            """)

    @Argument(help: "Logdirs, run directories or event files.")
    var logdirs: [String]

    @Option(name: .customLong("run"), help: "Only the run with this name (relative to its logdir).")
    var runName: String?

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    @Option(name: .customLong("fail-on"), help: ArgumentHelp(
        "Exit 1 when a warning or critical finding of these kinds exists: comma-separated kinds, or any.",
        valueName: "kinds"))
    var failOn: String?

    @Option(name: .customLong("grad-tags"), help: ArgumentHelp(
        "Regular expression for the gradient histogram tags (searched anywhere in the tag).", valueName: "regex"))
    var gradTags: String?

    @Option(name: .customLong("loss-tag"), help: ArgumentHelp("The loss's scalar tag.", valueName: "tag"))
    var lossTag: String?

    func validate() throws {
        guard !logdirs.isEmpty else { throw ValidationError("give at least one logdir") }
        if let gradTags {
            do { _ = try Regex(gradTags) } catch { throw ValidationError("--grad-tags: not a regular expression: \(gradTags)") }
        }
        _ = try failingKinds()
    }

    /// The kinds named by `--fail-on` (nil without it).
    func failingKinds() throws -> Set<Finding.Kind>? {
        guard let failOn else { return nil }
        var kinds = Set<Finding.Kind>()
        for name in failOn.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) {
            if name == "any" { return Set(Finding.Kind.allCases) }
            guard let kind = Finding.Kind(rawValue: name) else {
                throw ValidationError("--fail-on: unknown finding \(name) (kinds: "
                    + Finding.Kind.allCases.map(\.rawValue).joined(separator: ", ") + ", or any)")
            }
            kinds.insert(kind)
        }
        guard !kinds.isEmpty else { throw ValidationError("--fail-on: name at least one finding kind, or any") }
        return kinds
    }

    func run() throws {
        let options = DiagnosisOptions(gradTagPattern: gradTags, lossTag: lossTag)
        let runs = try loadSelectedRuns(options)
        let diagnoses = runs.map { Diagnoser.diagnose($0, options: options) }
        if json {
            print(try DiagnosisJSON.text(diagnoses))
        } else {
            print(diagnoses.map(DiagnosisTable.text).joined(separator: "\n\n"))
        }
        if let kinds = try failingKinds(),
           diagnoses.contains(where: { $0.findings.contains { kinds.contains($0.kind) && $0.severity >= .warning } }) {
            throw ExitCode(1)
        }
    }

    /// The runs of every logdir (names prefixed by their logdir's name when there are several),
    /// restricted to `--run` (the first run of that name), read through the diagnosis's filter. Unreadable logdirs exit with status 2.
    private func loadSelectedRuns(_ options: DiagnosisOptions) throws -> [RunData] {
        do {
            return try LoadedRuns(logdirs: logdirs, select: runName.map { [$0] } ?? [], filter: options.readFilter).data
        } catch let error as LogLoadingError {
            if case .noRun = error { throw ValidationError(error.description) }
            warn("error: \(error)")
            throw ExitCode(2)
        }
    }
}
