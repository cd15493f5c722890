import ArgumentParser
import Foundation
import Histograms
import Plotting
import TensorBoardLog

/// What the plots ask of loaded runs.
extension LoadedRuns {
    /// The label of a run in a figure: its name, the logdir's name for a logdir that is itself a run.
    static func label(_ name: String, logdirs: [String]) -> String {
        guard name == ".", let logdir = logdirs.first else { return name }
        return URL(fileURLWithPath: logdir).standardizedFileURL.lastPathComponent
    }

    /// Runs already loaded and named.
    init(runs: [(name: String, data: RunData)], logdirs: [String] = []) {
        self.runs = runs
        self.logdirs = logdirs
    }

    /// Loads the runs for a plot: `logs`' logdirs and runs, read through `filter`; runs are
    /// named by their labels.
    init(plotting logs: PlotLogOptions, filter: ReadFilter) throws {
        do {
            try self.init(logdirs: logs.logdirs, select: logs.runs, filter: filter)
        } catch let error as LogLoadingError {
            throw PlotCommandError(error.description)
        }
        runs = runs.map { (Self.label($0.name, logdirs: logs.logdirs), $0.data) }
    }

    /// The histogram tags to read for `wanted` (every histogram without it).
    static func histogramFilter(_ wanted: String?) -> ReadFilter {
        .histograms(wanted.map { .named($0) } ?? .all)
    }

    /// The histogram tag to plot: `wanted`, else grad/abs_all, else the first tag any run has.
    func histogramTag(_ wanted: String?) throws -> String {
        var tags = Array(Set(runs.flatMap { $0.data.histogramTags })).sorted()
        if let wanted, !tags.contains(wanted) {
            // The read was filtered to `wanted`: list the tags that do exist (error path only).
            let every = try? LoadedRuns(logdirs: logdirs, select: runs.map(\.name), filter: .histograms())
            tags = Array(Set((every?.runs ?? []).flatMap { $0.data.histogramTags })).sorted()
        }
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
        do { return HistogramSlice(step: step, magnitudes: try point.histogram.magnitudes()) } catch {
            throw PlotCommandError("histogram at step \(step): \(error)")
        }
    }
}
