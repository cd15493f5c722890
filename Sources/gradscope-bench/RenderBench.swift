import ArgumentParser
import Foundation
import Plotting

/// `gradscope-bench render`: the figures of `bench/matplotlib/bench_render.py`, drawn by
/// gradscope's Cairo renderer.
///
/// Workload (identical in both): bins with edges 2^(i/8), i = −232 … 24 (256 bins, the
/// scale-3 exponential boundaries, ≈ e⁻²⁰ … e²); step s of S has
/// `counts[i] = ⌊1000·exp(−½((i − μ)/25)²)⌋ + (7i + 13s) mod 5` with μ = −80 − 100·(s − 1)/(S − 1)
/// (bin index from the first bin), and ⌊50·s/S⌋ zeros. Figures are 6.4 × 4 in at 150 dpi.
/// - heatmap: S = 10 000 steps, log colour norm, colorbar; PNG and SVG.
/// - stacked: S = 100 slices, every slice drawn; PNG.
/// Prints the median wall time of `repeat` runs (after one warm-up) of render + encode + write.
struct RenderBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "render",
        abstract: "Seconds to render the heatmap (10 000 steps) and the stacked histogram (100 slices).")

    @Option(help: "Steps of the heatmap.") var heatmapSteps: Int = 10_000
    @Option(help: "Slices of the stacked histogram.") var slices: Int = 100
    @Option(help: "Timed runs; the median is reported.") var `repeat`: Int = 5
    @Option(help: "Directory for the output files.") var out: String = "/tmp"

    func validate() throws {
        guard heatmapSteps >= 2, slices >= 2 else { throw ValidationError("--heatmap-steps and --slices must be at least 2") }
        guard `repeat` > 0 else { throw ValidationError("--repeat must be positive") }
    }

    /// The shared synthetic workload (see the type's documentation).
    static func workload(steps: Int) -> [HistogramSlice] {
        let edges = (-232...24).map { pow(2, Double($0) / 8) }
        return (1...steps).map { s in
            let mu = -80 - 100 * Double(s - 1) / Double(steps - 1)
            let counts = (0..<256).map { i -> Double in
                let z = (Double(i) - (256 + mu)) / 25
                return floor(1000 * exp(-0.5 * z * z)) + Double((7 * i + 13 * s) % 5)
            }
            return try! HistogramSlice(step: s, edges: edges, counts: counts, zeroCount: floor(50 * Double(s) / Double(steps)),
                                       exponentialScale: 3)
        }
    }

    func run() throws {
        let heat = Self.workload(steps: heatmapSteps)
        let stack = Self.workload(steps: slices)
        let heatmap = Figure(content: HeatmapPlot(panels: [HistogramPanel(slices: heat)], title: "heatmap, \(heatmapSteps) steps"))
        let stacked = Figure(content: StackedHistogramPlot(panels: [HistogramPanel(slices: stack)], steps: .list(Array(1...slices)),
                                                           overlap: 3, title: "stacked, \(slices) slices"))
        try bench("heatmap \(heatmapSteps) steps PNG", heatmap, "gradscope-heatmap.png")
        try bench("heatmap \(heatmapSteps) steps SVG", heatmap, "gradscope-heatmap.svg")
        try bench("stacked \(slices) slices PNG", stacked, "gradscope-stacked.png")
    }

    private func bench(_ name: String, _ figure: Figure, _ file: String) throws {
        let path = (out as NSString).appendingPathComponent(file)
        try figure.write(to: path)
        var times: [Double] = []
        for _ in 0..<`repeat` {
            let t0 = DispatchTime.now().uptimeNanoseconds
            try figure.write(to: path)
            times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        let median = times.sorted()[times.count / 2]
        let padded = name.padding(toLength: max(name.count, 40), withPad: " ", startingAt: 0)
        print(padded + String(format: " %8.4f s  (%d bytes)  ", median, size) + path)
    }
}
