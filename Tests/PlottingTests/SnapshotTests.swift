import Foundation
import Testing
@testable import Plotting

/// Display lists of every plot kind on fixed data. A change in any drawn primitive (position,
/// colour, text) changes the list; rerecord deliberately after checking the figures by eye.
@Suite struct SnapshotTests {
    static func figure(_ content: any FigureContent) -> Figure {
        Figure(content: content, width: 4, height: 2.5)
    }

    @Test func stackedHistogram() {
        let slices = [
            FixedData.tinySlice(step: 1, counts: [1, 4, 9, 4, 1], zeros: 3),
            FixedData.tinySlice(step: 10, counts: [2, 8, 6, 1, 0]),
            FixedData.tinySlice(step: 100, counts: [9, 5, 1, 0, 0], zeros: 40),
        ]
        var withNaN = slices
        withNaN[2].nanCount = 2
        let plot = StackedHistogramPlot(panels: [HistogramPanel(slices: withNaN)], steps: .list([1, 10, 100]),
                                        range: exp(-10)...exp(0), title: "stacked")
        Snapshot.check(Self.figure(plot).displayList(), matches: Snapshots.stackedHistogram, name: "stackedHistogram")
    }

    @Test func heatmap() {
        let slices = (0..<6).map { k in FixedData.tinySlice(step: k * 10, counts: [Double(6 - k), 3, Double(k), 1, 0]) }
        let plot = HeatmapPlot(panels: [HistogramPanel(slices: slices)], range: exp(-10)...exp(0), title: "heatmap")
        Snapshot.check(Self.figure(plot).displayList(), matches: Snapshots.heatmap, name: "heatmap")
    }

    @Test func rectification() {
        let plot = RectificationPlot(series: FixedData.rectificationSeries(beta2: [0.9, 0.99], maxStep: 300), title: "rect")
        Snapshot.check(Self.figure(plot).displayList(), matches: Snapshots.rectification, name: "rectification")
    }

    @Test func scalars() throws {
        let a = try ScalarSeries(label: "adam", steps: (0..<8).map(Double.init), values: [4, 3.1, 2.5, 2.6, 1.9, 1.7, 1.8, 1.2])
        let b = try ScalarSeries(label: "radam", steps: (0..<8).map(Double.init), values: [4, 3.4, 2.8, 2.3, 2.0, 1.6, 1.4, 1.3])
        let plot = ScalarPlot(panels: [ScalarPanel(series: [a, b])], yLabel: "loss", smoothing: 0.6, title: "loss")
        Snapshot.check(Self.figure(plot).displayList(), matches: Snapshots.scalars, name: "scalars")
    }

    @Test func comparison() {
        let adam = [FixedData.tinySlice(step: 1, counts: [1, 2, 8, 2, 1]), FixedData.tinySlice(step: 5, counts: [6, 3, 1, 0, 0])]
        let warm = [FixedData.tinySlice(step: 1, counts: [1, 2, 8, 2, 1]), FixedData.tinySlice(step: 5, counts: [1, 3, 7, 2, 0])]
        let plot = StackedHistogramPlot(panels: [HistogramPanel(title: "adam", slices: adam), HistogramPanel(title: "adam-warmup", slices: warm)],
                                        steps: .list([1, 5]), range: exp(-10)...exp(0))
        Snapshot.check(Self.figure(plot).displayList(), matches: Snapshots.comparison, name: "comparison")
    }

    @Test func snapshotCheckCanFail() {
        // The comparison itself must be able to fail: a one-character change is detected.
        withKnownIssue {
            Snapshot.check("text \"a\"", matches: "text \"b\"", name: "selfTest", record: false)
        }
    }
}
