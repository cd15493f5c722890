import ArgumentParser
import Foundation
import Histograms
import Plotting
import TensorBoardLog

/// Runs loaded from the LOGDIR arguments, named "run" (or "logdir/run" with several logdirs).
struct LoadedRuns {
    var runs: [(name: String, data: RunData)]

    /// Runs already loaded and named.
    init(runs: [(name: String, data: RunData)]) { self.runs = runs }

    init(logdirs: [String], select wanted: [String]) throws {
        guard !logdirs.isEmpty else { throw PlotCommandError("give at least one LOGDIR") }
        var all: [(String, RunData)] = []
        for dir in logdirs {
            let loaded: [RunData]
            do { loaded = try RunData.loadAll(in: dir) } catch {
                throw PlotCommandError("cannot read \(dir): \(error)")
            }
            let base = URL(fileURLWithPath: dir).standardizedFileURL.lastPathComponent
            for run in loaded {
                let name: String
                if logdirs.count == 1 { name = run.name == "." ? base : run.name } else {
                    name = run.name == "." ? base : base + "/" + run.name
                }
                all.append((name, run))
            }
        }
        if wanted.isEmpty {
            runs = all
        } else {
            runs = try wanted.map { w in
                guard let hit = all.first(where: { $0.0 == w }) ?? all.first(where: { $0.0.hasSuffix("/" + w) }) else {
                    throw PlotCommandError("no run '\(w)'; runs: \(all.map(\.0).joined(separator: ", "))")
                }
                return hit
            }
        }
        for (name, run) in runs {
            for w in run.warnings.prefix(3) { warn("\(name): \(w)") }
        }
    }

    /// The histogram tag to plot: `wanted`, else grad/abs_all, else the first tag any run has.
    func histogramTag(_ wanted: String?) throws -> String {
        let tags = Array(Set(runs.flatMap { $0.data.histogramTags })).sorted()
        guard !tags.isEmpty else { throw PlotCommandError("no histograms in \(runs.map(\.name).joined(separator: ", "))") }
        if let wanted {
            guard tags.contains(wanted) else {
                throw PlotCommandError("no histogram tag '\(wanted)'; tags: \(tags.joined(separator: ", "))")
            }
            return wanted
        }
        return tags.contains("grad/abs_all") ? "grad/abs_all" : tags[0]
    }

    /// One panel per run that has `tag`.
    func histogramPanels(tag: String) throws -> [HistogramPanel] {
        let panels = try runs.compactMap { run -> HistogramPanel? in
            guard let points = run.data.histograms[tag] else { return nil }
            let slices = try points.map { try slice($0) }
            if slices.contains(where: \.hasLinearBuckets) {
                warn("\(run.name) \(tag): linear buckets cannot resolve small gradient magnitudes")
            }
            return HistogramPanel(title: runs.count > 1 ? run.name : nil, slices: slices)
        }
        guard !panels.isEmpty else { throw PlotCommandError("no run has histogram tag '\(tag)'") }
        return panels
    }

    func scalarTags() -> [String] { Array(Set(runs.flatMap { $0.data.scalarTags })).sorted() }

    private func slice(_ point: HistogramPoint) throws -> HistogramSlice {
        let step = Int(clamping: point.step)
        switch point.histogram {
        case .exponential(let h):
            return HistogramSlice(step: step, histogram: h)
        case .bucketed(let b):
            let buckets = point.histogram.buckets
            return try mapPlotError {
                try HistogramSlice(step: step, signedEdges: buckets.edges, counts: buckets.counts,
                                   linearBuckets: b.source == .tensor && Self.isLinear(buckets.edges))
            }
        }
    }

    /// Whether bucket widths are all equal (TF2's default of 30 linear buckets).
    static func isLinear(_ edges: [Double]) -> Bool {
        guard edges.count >= 4 else { return false }
        let widths = zip(edges, edges.dropFirst()).map { $1 - $0 }
        guard let w = widths.first, w > 0 else { return false }
        return widths.allSatisfy { abs($0 - w) <= 1e-6 * w }
    }
}
