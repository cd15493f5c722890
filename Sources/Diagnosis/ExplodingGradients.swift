import Foundation
import TensorBoardLog

/// Exploding gradients: spikes of the gradient norm ‖g‖ (or of max |g| where the norm is
/// not recorded) against its running median.
///
/// At step t, with `m_t` the median of the (up to) `window` previous values, the factor
/// is `x_t / m_t`; a step spikes when the factor is at least `factor` (and at least
/// `minimumHistory` previous values exist). Read from the all-parameter gradient tag, or
/// from every gradient tag when there is none.
///
/// Severity: a warning when the largest factor is at least `severeFactor`, or when the run
/// does not recover (the mean loss over the last tenth is above the mean of the
/// `window` steps before the first spike, or the loss turns non-finite); otherwise the
/// spikes were transient and the finding is a note (info).
struct ExplodingGradientDetector {
    var window = 20
    var minimumHistory = 5
    var factor = 10.0
    var severeFactor = 100.0

    func findings(in series: DiagnosisSeries) -> [Finding] {
        let tags = series.allGradientsTag.map { [$0] } ?? series.gradTags
        return tags.compactMap { tag in
            guard var finding = finding(tag: tag, statistics: series.statistics(tag)) else { return nil }
            let worst = finding.evidence.compactMap { e -> Double? in
                if e.name == "max_factor", case .number(let x) = e.value { return x }
                return nil
            }.first ?? .infinity
            if worst < severeFactor, recovers(series.loss, after: finding.firstStep ?? 0) {
                finding.severity = .info
                finding.summary += "; the loss recovered"
            }
            return finding
        }
    }

    /// Whether the loss ends no higher than it was over the `window` steps before `step`.
    func recovers(_ loss: [ScalarPoint], after step: Int64) -> Bool {
        guard !loss.contains(where: { !$0.value.isFinite }) else { return false }
        let before = loss.filter { $0.step < step }.suffix(window).map(\.value)
        let tail = loss.suffix(max(1, loss.count / 10)).map(\.value)
        guard !before.isEmpty, !tail.isEmpty else { return false }
        return tail.reduce(0, +) / Double(tail.count) <= before.reduce(0, +) / Double(before.count)
    }

    func finding(tag: String, statistics: [GradientStatistics]) -> Finding? {
        let useNorm = statistics.contains { $0.norm != nil }
        let quantity = useNorm ? "‖g‖" : "max |g|"
        let values = statistics.map { (useNorm ? $0.norm : $0.maxMagnitude) ?? .nan }
        let medians = RunningMedian.trailing(values, window: window, minimum: minimumHistory)
        var spikes: [(step: Int64, factor: Double, median: Double)] = []
        for (t, median) in medians.enumerated() {
            guard let median, median > 0, values[t].isFinite, values[t] >= factor * median else { continue }
            spikes.append((statistics[t].step, values[t] / median, median))
        }
        guard let worst = spikes.max(by: { $0.factor < $1.factor }) else { return nil }
        let clip = roundedToTwoDigits(2 * worst.median)
        return Finding(
            kind: .exploding, severity: .warning, tag: tag, firstStep: spikes.first!.step, lastStep: spikes.last!.step,
            evidence: [
                Evidence("spike_steps", .steps(spikes.map(\.step)),
                         "steps where \(quantity) is ≥ \(factor)× the median of the \(window) steps before"),
                Evidence("max_factor", .number(worst.factor), "largest \(quantity) / running median, at step \(worst.step)"),
                Evidence("running_median", .number(worst.median), "running median of \(quantity) before step \(worst.step)"),
            ],
            summary: String(format: "%@ spiked %.0f× its running median at step %lld (%d spike%@)",
                            quantity, worst.factor, worst.step, spikes.count, spikes.count == 1 ? "" : "s"),
            remedy: "clip the gradient norm at about \(clip) (twice the running median), or lower the learning rate")
    }

    private func roundedToTwoDigits(_ x: Double) -> String { String(format: "%.2g", x) }
}
