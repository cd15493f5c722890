import Foundation
import Histograms
@testable import Plotting

/// Deterministic data for figure tests (no randomness, no files).
enum FixedData {
    /// A log-normal-ish |g| distribution centred at e^center with `n` values, recorded at scale 3.
    static func exponential(center: Double, width: Double = 1.5, n: Int = 4000, zeros: Int = 0, nans: Int = 0) -> ExponentialHistogram {
        var h = ExponentialHistogram(scale: 3)
        var values: [Double] = []
        values.reserveCapacity(n + zeros + nans)
        for k in 0..<n {
            // Deterministic quantiles of a normal in log space (probit via erfinv-free approximation).
            let u = (Double(k) + 0.5) / Double(n)
            let z = sqrt(2) * inverseErf(2 * u - 1)
            values.append((k % 2 == 0 ? 1 : -1) * exp(center + width * z))
        }
        values += [Double](repeating: 0, count: zeros) + [Double](repeating: .nan, count: nans)
        h.record(contentsOf: values)
        return h
    }

    /// Winitzki's approximation of erf⁻¹ (enough for shaped test data).
    static func inverseErf(_ x: Double) -> Double {
        let a = 0.147, l = log(1 - x * x)
        let t = 2 / (Double.pi * a) + l / 2
        return (x < 0 ? -1 : 1) * sqrt(sqrt(t * t - l / a) - t)
    }

    /// Slices that drift toward smaller magnitudes, like Adam without warmup.
    static func driftingSlices(steps: [Int], zerosAt: Int? = nil) -> [HistogramSlice] {
        steps.map { s in
            HistogramSlice(step: s, histogram: exponential(center: -6 - 6 * log(Double(s) + 1) / log(101),
                                                           zeros: s == zerosAt ? 300 : 0, nans: s == zerosAt ? 2 : 0))
        }
    }

    /// A tiny hand-made slice: few bins, for readable snapshots.
    static func tinySlice(step: Int, counts: [Double], zeros: Double = 0) -> HistogramSlice {
        let edges = (0...counts.count).map { exp(Double($0) * 2 - 10) }
        return try! HistogramSlice(step: step, edges: edges, counts: counts, zeroCount: zeros)
    }

    static func rectificationSeries(beta2: [Double], maxStep: Int) -> [RectificationSeries] {
        beta2.map { b in
            let steps = (1...maxStep).map(Double.init)
            let rhoInf = 2 / (1 - b) - 1
            let rho = steps.map { t in rhoInf - 2 * t * pow(b, t) / (1 - pow(b, t)) }
            let r = rho.map { p in p > 4 ? sqrt((p - 4) * (p - 2) * rhoInf / ((rhoInf - 4) * (rhoInf - 2) * p)) : .nan }
            return try! RectificationSeries(label: "β₂ = \(b)", steps: steps, rho: rho, r: r)
        }
    }
}
