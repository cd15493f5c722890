import Plotting
import Training

/// The figures of loaded runs, one function per figure kind: `plot`, `report` and `demo`
/// draw through these, so a figure looks the same wherever it appears.
extension LoadedRuns {
    /// `tag` against the step: one line per run, or one panel per run when `sideBySide`.
    func scalarPlot(tag: String, smoothing: Double = 0, logX: Bool = false, logY: Bool = false,
                    sideBySide: Bool = false, title: String? = nil) throws -> ScalarPlot {
        let series = try runs.compactMap { run -> ScalarSeries? in
            guard let points = run.data.scalars[tag] else { return nil }
            return try mapPlotError {
                try ScalarSeries(label: run.name, steps: points.map { Double($0.step) }, values: points.map(\.value))
            }
        }
        let panels = sideBySide ? series.map { ScalarPanel(title: $0.label, series: [$0]) } : [ScalarPanel(series: series)]
        return ScalarPlot(panels: panels, yLabel: tag, smoothing: smoothing, logX: logX, logY: logY, title: title)
    }

    /// The stacked |g| histograms of `tag`, one panel per run that has it.
    func stackedHistogramPlot(tag: String, steps: StepSelection = .paper, logBase: LogBase = .e,
                              normalization: StackedHistogramPlot.Normalization = .perStep,
                              title: String? = nil) throws -> StackedHistogramPlot {
        StackedHistogramPlot(panels: try histogramPanels(tag: tag), steps: steps, logBase: logBase,
                             normalization: normalization, title: title ?? tag)
    }

    /// Step × log|g| heatmaps of `tag`, one panel per run; `steps` keeps only those steps.
    func heatmapPlot(tag: String, logBase: LogBase = .e, logSteps: Bool = false, colormap: Colormap = .viridis,
                     steps: StepSelection? = nil, title: String? = nil) throws -> HeatmapPlot {
        var panels = try histogramPanels(tag: tag)
        if let steps {
            let restricted: StepSelection
            if case .range(let r, _) = steps { restricted = .range(r, maxCount: Int.max) } else { restricted = steps }
            panels = panels.map { p in
                let keep = Set(restricted.select(from: p.slices.map(\.step)))
                return HistogramPanel(title: p.title, slices: p.slices.filter { keep.contains($0.step) })
            }
            guard panels.contains(where: { !$0.slices.isEmpty }) else { throw PlotCommandError("no histogram at the selected steps") }
        }
        return HeatmapPlot(panels: panels, logBase: logBase, logSteps: logSteps, colormap: colormap, title: title ?? tag)
    }

    /// The logged ρt (`rhoTag`) and rt (`rTag`) of every run that logs ρt; rt is shown only
    /// where ρt is above `threshold`.
    func rectificationSeries(rhoTag: String = "radam/rho_t", rTag: String = "radam/r_t",
                             threshold: Double) throws -> [RectificationSeries] {
        try runs.compactMap { run in
            guard let rho = run.data.scalars[rhoTag] else { return nil }
            let r = Dictionary(run.data.scalars[rTag, default: []].map { ($0.step, $0.value) }, uniquingKeysWith: { $1 })
            return try mapPlotError {
                try RectificationSeries(label: run.name, steps: rho.map { Double($0.step) }, rho: rho.map(\.value),
                                        r: rho.map { p in p.value > threshold ? (r[p.step] ?? .nan) : .nan })
            }
        }
    }

    /// Stacked |g| histograms of one run, one panel per tag (the small multiples of the
    /// tensors a finding names).
    func tensorSmallMultiples(run name: String, tags: [String], steps: StepSelection = .paper,
                              title: String? = nil) throws -> StackedHistogramPlot? {
        guard let run = runs.first(where: { $0.name == name }) else { return nil }
        let single = LoadedRuns(runs: [run])
        let panels = try tags.compactMap { tag -> HistogramPanel? in
            guard run.data.histograms[tag] != nil else { return nil }
            let panel = try single.histogramPanels(tag: tag)[0]
            return HistogramPanel(title: tag, slices: panel.slices)
        }
        guard !panels.isEmpty else { return nil }
        return StackedHistogramPlot(panels: panels, steps: steps, logBase: .e, normalization: .perStep, title: title)
    }
}

/// RAdam's ρt and rt from β2 alone, one series per β2, at log-spaced steps up to `maxStep`
/// (every step up to 1000: smooth on a log axis, small in SVG); rt where ρt > `threshold`.
func theoreticalRectificationSeries(beta2 values: [Double], maxStep: Int, threshold: Double) throws -> [RectificationSeries] {
    var steps: [Int] = Array(1...max(1, min(maxStep, 1000)))
    var t = 1000.0
    while Int(t) < maxStep { t *= 1.01; steps.append(min(Int(t), maxStep)) }
    steps = Array(Set(steps)).sorted()
    return try values.map { b in
        let rho = steps.map { Rectification.rho(step: $0, beta2: b) }
        let rInf = Rectification.rhoInfinity(beta2: b)
        let r = rho.map { $0 > threshold ? (Rectification.rectification(rhoT: $0, rhoInfinity: rInf) ?? .nan) : .nan }
        return try mapPlotError {
            try RectificationSeries(label: "β₂ = \(b)", steps: steps.map(Double.init), rho: rho, r: r)
        }
    }
}
