import Foundation
import Histograms
import TensorBoardLog

/// Builds runs in memory for the detector tests: every value chosen by hand.
struct SyntheticRun {
    var run = RunData(name: "synthetic")

    /// Adds our exponential histogram of `values` for `tag` at `step`.
    mutating func histogram(_ tag: String, step: Int64, _ values: [Double]) {
        var h = ExponentialHistogram(scale: 3)
        h.record(contentsOf: values)
        run.histograms[tag, default: []].append(HistogramPoint(step: step, wallTime: 0, histogram: .exponential(h)))
    }

    /// Adds a foreign `HistogramProto`-style histogram.
    mutating func foreign(_ tag: String, step: Int64, limits: [Double], counts: [Double],
                          min: Double, max: Double, num: Double, sumOfSquares: Double) {
        let h = ForeignHistogram(bucketLimits: limits, bucketCounts: counts,
                                  statistics: .init(min: min, max: max, num: num, sum: .nan, sumOfSquares: sumOfSquares))
        run.histograms[tag, default: []].append(HistogramPoint(step: step, wallTime: 0, histogram: .bucketed(h)))
    }

    mutating func scalar(_ tag: String, step: Int64, _ value: Double) {
        run.scalars[tag, default: []].append(ScalarPoint(step: step, wallTime: 0, value: value))
    }

    /// `count` copies of `value`.
    static func repeated(_ value: Double, _ count: Int) -> [Double] { Array(repeating: value, count: count) }

    /// `count` values spread log-uniformly over 10^lo … 10^hi (bucket midpoints).
    static func logUniform(from lo: Double, to hi: Double, count: Int) -> [Double] {
        (0..<count).map { pow(10, lo + (hi - lo) * (Double($0) + 0.5) / Double(count)) }
    }

    func findings(_ kind: Finding.Kind, options: DiagnosisOptions = DiagnosisOptions()) -> [Finding] {
        Diagnoser.diagnose(run, options: options).findings.filter { $0.kind == kind }
    }
}

import Diagnosis

extension Finding {
    /// The value of the evidence named `name`.
    func evidence(_ name: String) -> Evidence.Value? { evidence.first { $0.name == name }?.value }

    func number(_ name: String) -> Double? {
        if case .number(let x)? = evidence(name) { return x }
        return nil
    }

    func steps(_ name: String) -> [Int64]? {
        if case .steps(let s)? = evidence(name) { return s }
        return nil
    }
}
