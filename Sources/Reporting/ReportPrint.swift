import Plotting

extension ReportPage {
    /// The report laid out for print: the runs table and the diagnosis as text pages, then
    /// one page per figure with its caption. Texts are formatted as on the HTML page.
    public func printedDocument() -> ReportDocument {
        let runs = self.runs.map(ReportView.run)
        let table = ReportTable(
            header: ["Run", "Steps", "Final loss", "Optimizer", "Settings"],
            rows: runs.map { run in
                [run.name, run.steps, run.finalLoss, run.optimizer,
                 run.hasSettings ? run.settings.map { "\($0.name) = \($0.value)" }.joined(separator: ", ") : "not recorded"]
            })
        let findings = diagnoses.map(ReportView.diagnosis).flatMap(Self.paragraphs)
        return ReportDocument(title: title, runTable: table, findings: findings,
                              figures: figures.map { CaptionedFigure(caption: "\($0.title). \($0.caption)", figure: $0.figure) })
    }

    /// A run's diagnosis: which tags it read, then each finding with its evidence and remedy.
    static func paragraphs(_ diagnosis: ReportView.Diagnosis) -> [ReportParagraph] {
        let head = ReportParagraph(
            heading: diagnosis.run,
            body: ["Loss tag \(diagnosis.lossTag); gradient tags \(diagnosis.gradTags)."] + (diagnosis.healthy ? ["No findings."] : []))
        return [head] + diagnosis.findings.map { f in
            ReportParagraph(
                heading: "\(diagnosis.run): \(f.severity) · \(f.kind) · \(f.tag) \(f.steps)",
                body: [f.summary]
                    + (f.evidence.isEmpty ? [] : ["Evidence: " + f.evidence.map { "\($0.description): \($0.value)" }.joined(separator: "; ")])
                    + ["Remedy: " + f.remedy])
        }
    }
}
