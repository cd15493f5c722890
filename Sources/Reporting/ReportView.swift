import Diagnosis
import Foundation
import TensorBoardLog

/// The report as the template reads it: strings only, formatted here, escaped by the
/// template (`{{…}}`); only the figures' SVG markup is inserted raw (`{{{…}}}`).
struct ReportView {
    struct Setting { var name: String; var value: String }
    struct Run {
        var name: String
        var steps: String
        var finalLoss: String
        var optimizer: String
        var settings: [Setting]
        var hasSettings: Bool
    }
    struct EvidenceItem { var description: String; var value: String }
    struct FindingItem {
        var kind: String
        var severity: String
        var tag: String
        var steps: String
        var summary: String
        var evidence: [EvidenceItem]
        var remedy: String
    }
    struct Diagnosis {
        var run: String
        var lossTag: String
        var gradTags: String
        var findings: [FindingItem]
        var healthy: Bool
    }
    struct Figure { var id: String; var title: String; var caption: String; var svg: String }

    var title: String
    var runs: [Run]
    var diagnoses: [Diagnosis]
    var figures: [Figure]

    init(_ page: ReportPage) throws {
        title = page.title
        runs = page.runs.map(Self.run)
        diagnoses = page.diagnoses.map(Self.diagnosis)
        figures = try page.figures.enumerated().map { index, item in
            let id = "figure-\(index + 1)"
            return Figure(id: id, title: item.title, caption: item.caption,
                          svg: try InlineSVG.markup(of: item.figure, idPrefix: id + "-"))
        }
    }

    static func run(_ run: ReportPage.Run) -> Run {
        let config = run.configuration
        let settings = config.names.filter { $0.lowercased() != "optimizer" }
            .map { Setting(name: $0, value: config.values[$0]!.description) }
        return Run(name: run.name, steps: run.steps.map(String.init) ?? "—",
                   finalLoss: run.finalLoss.map { String(format: "%.4g", $0) } ?? "—",
                   optimizer: config.optimizer ?? "not recorded", settings: settings, hasSettings: !settings.isEmpty)
    }

    static func diagnosis(_ diagnosis: RunDiagnosis) -> Diagnosis {
        let findings = diagnosis.findings.map { f in
            FindingItem(kind: f.kind.rawValue, severity: f.severity.rawValue, tag: f.tag ?? "(run)",
                        steps: f.stepRangeText, summary: f.summary,
                        evidence: f.evidence.map { EvidenceItem(description: $0.description, value: $0.value.text) },
                        remedy: f.remedy)
        }
        return Diagnosis(run: diagnosis.run, lossTag: diagnosis.lossTag ?? "none",
                         gradTags: diagnosis.gradTags.isEmpty ? "none" : diagnosis.gradTags.joined(separator: ", "),
                         findings: findings, healthy: findings.isEmpty)
    }
}
