import Diagnosis
import Foundation
import Plotting
import Reporting
import TensorBoardLog

/// What `report` puts on the page, from loaded runs: the runs table, the diagnosis and
/// the figures (through the same figure functions as `plot`), each with its caption.
struct ReportContents {
    var loaded: LoadedRuns
    var title: String

    func page() throws -> ReportPage {
        let diagnoses = loaded.runs.map { run -> RunDiagnosis in
            var data = run.data
            data.name = run.name
            return Diagnoser.diagnose(data, options: DiagnosisOptions())
        }
        let rows = zip(loaded.runs, diagnoses).map { run, diagnosis in
            ReportPage.Run(name: run.name, steps: Self.lastStep(run.data),
                           finalLoss: diagnosis.lossTag.flatMap { run.data.scalars[$0]?.last?.value },
                           configuration: run.data.configuration)
        }
        return ReportPage(title: title, runs: rows, diagnoses: diagnoses, figures: try figures(diagnoses))
    }

    /// The last step that any series of `run` reaches.
    static func lastStep(_ run: RunData) -> Int64? {
        let scalarSteps = run.scalars.values.compactMap { $0.last?.step }
        let histogramSteps = run.histograms.values.compactMap { $0.last?.step }
        return (scalarSteps + histogramSteps).max()
    }

    private func figures(_ diagnoses: [RunDiagnosis]) throws -> [ReportPage.Figure] {
        var figures: [ReportPage.Figure] = []
        if let lossTag = diagnoses.compactMap(\.lossTag).first {
            figures.append(figure("Loss", Captions.loss(lossTag), try loaded.scalarPlot(tag: lossTag, title: lossTag)))
        }
        if loaded.runs.contains(where: { !$0.data.histograms.isEmpty }) {
            let tag = try loaded.histogramTag(nil)
            let wide = widthFor(panels: loaded.runs.filter { $0.data.histograms[tag] != nil }.count)
            figures.append(figure("Stacked |g| histograms", Captions.stacked(tag),
                                  try loaded.stackedHistogramPlot(tag: tag), width: wide))
            figures.append(figure("Heatmaps", Captions.heatmap(tag), try loaded.heatmapPlot(tag: tag), width: wide))
        }
        figures.append(try rectificationFigure())
        figures += try smallMultiples(diagnoses)
        return figures
    }

    /// ρt and rt as the runs logged them, else from the β2 the runs record (0.9, 0.99 and
    /// 0.999 when none does), with the threshold the runs' RAdam used (PyTorch's 5 when unknown).
    private func rectificationFigure() throws -> ReportPage.Figure {
        let configurations = loaded.runs.map(\.data.configuration)
        let threshold = configurations.compactMap(\.radamThreshold).first ?? 5
        let logged = try loaded.rectificationSeries(threshold: threshold)
        if !logged.isEmpty {
            return figure("ρt and rt", Captions.rectificationLogged(threshold),
                          RectificationPlot(series: logged, threshold: threshold, title: "RAdam rectification"))
        }
        let recorded = Array(Set(configurations.compactMap(\.beta2))).sorted()
        let beta2 = recorded.isEmpty ? [0.9, 0.99, 0.999] : recorded
        let maxStep = Int(clamping: max(10, loaded.runs.compactMap { Self.lastStep($0.data) }.max() ?? 10_000))
        let series = try theoreticalRectificationSeries(beta2: beta2, maxStep: maxStep, threshold: threshold)
        return figure("ρt and rt", Captions.rectificationTheoretical(recorded: !recorded.isEmpty, threshold: threshold),
                      RectificationPlot(series: series, threshold: threshold, title: "RAdam rectification"))
    }

    /// For each run, the stacked histograms of the tensors its warning or critical findings
    /// name (at most six), one panel per tensor.
    private func smallMultiples(_ diagnoses: [RunDiagnosis]) throws -> [ReportPage.Figure] {
        try diagnoses.compactMap { diagnosis in
            var tags: [String] = []
            for tag in diagnosis.findings.filter({ $0.severity >= .warning }).compactMap(\.tag) where !tags.contains(tag) {
                tags.append(tag)
            }
            guard let plot = try loaded.tensorSmallMultiples(run: diagnosis.run, tags: Array(tags.prefix(6)),
                                                             title: diagnosis.run) else { return nil }
            return figure("Tensors named by the findings: \(diagnosis.run)", Captions.tensors(diagnosis.run),
                          plot, width: widthFor(panels: plot.panels.count))
        }
    }

    private func widthFor(panels: Int) -> Double { min(12.8, max(6.4, 3.6 * Double(panels))) }

    private func figure(_ title: String, _ caption: String, _ content: any FigureContent,
                        width: Double = 6.4) -> ReportPage.Figure {
        ReportPage.Figure(title: title, caption: caption,
                          figure: Figure(content: content, width: width, height: 4.0, dpi: 150, vectorRasterDPI: 150,
                                         theme: .paper))
    }
}

/// What each figure's caption tells a reader to look at.
enum Captions {
    static func loss(_ tag: String) -> String {
        "The scalar \(tag) against the step, one line per run. Look at the first few hundred steps: a run "
            + "whose loss stalls or jumps early while the others fall is the one the diagnosis flags."
    }

    static func stacked(_ tag: String) -> String {
        "The distribution of log |g| for \(tag) at steps 1, 5, 10, 25, 50, 75 and 100 (the RAdam paper's "
            + "Figure 2), one panel per run. Look for mass sliding towards tiny magnitudes in the first steps "
            + "(the ≤e⁻⁴⁴ column holds each slice's underflow share): Adam without warmup does this, warmup and RAdam do not."
    }

    static func heatmap(_ tag: String) -> String {
        "The fraction of \(tag) values in each log |g| bin at every step, one panel per run. Look for a bright "
            + "band that drops to small magnitudes early and stays there."
    }

    static func rectificationLogged(_ threshold: Double) -> String {
        "ρt and the rectification rt that the runs logged. Below the dashed threshold (ρt ≤ \(format(threshold))) "
            + "RAdam does not use the adaptive step: its variance is intractable there. rt rising from 0 to 1 is the "
            + "built-in warmup."
    }

    static func rectificationTheoretical(recorded: Bool, threshold: Double) -> String {
        (recorded ? "ρt and rt for the β2 that the runs record" : "ρt and rt for β2 = 0.9, 0.99 and 0.999 (no run records β2)")
            + ", computed from β2. Steps below the dashed threshold (ρt ≤ \(format(threshold))) are those where the "
            + "adaptive learning rate's variance is intractable: the ones a warmup of about 2/(1−β2) steps covers."
    }

    static func tensors(_ run: String) -> String {
        "The stacked |g| histograms of each tensor that a finding of \(run) names, one panel per tensor. "
            + "Compare the panels: the tensor whose slices shift, empty or spike is where the finding comes from."
    }

    private static func format(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : String(x) }
}
