import Foundation

/// A scalar tag of one run: (step, value) pairs.
public struct ScalarSeries: Sendable, Hashable {
    public var label: String
    public var steps: [Double]
    public var values: [Double]

    public init(label: String, steps: [Double], values: [Double]) throws {
        guard steps.count == values.count else {
            throw PlotError.invalidArgument("series '\(label)': \(steps.count) steps for \(values.count) values")
        }
        self.label = label; self.steps = steps; self.values = values
    }

    /// TensorBoard's scalar-dashboard smoothing: a debiased exponential moving average.
    ///
    /// With weight w ∈ [0, 1): last ← w·last + (1 − w)·v over the finite values (last starts at 0),
    /// n counting them, and the smoothed value is last / (1 − wⁿ), which removes the bias
    /// toward the initial 0. Non-finite values pass through unsmoothed and do not update the
    /// average; a constant series is returned unchanged (as TensorBoard does).
    public static func smoothed(_ values: [Double], weight: Double) -> [Double] {
        let w = weight.isFinite ? min(max(weight, 0), 1) : 0
        guard w > 0, !values.isEmpty else { return values }
        if let first = values.first, values.allSatisfy({ $0 == first }) { return values }
        var last = 0.0, n = 0.0
        return values.map { v in
            guard v.isFinite else { return v }
            last = last * w + (1 - w) * v
            n += 1
            let debias = w == 1 ? 1 : 1 - pow(w, n)
            return last / debias
        }
    }
}
