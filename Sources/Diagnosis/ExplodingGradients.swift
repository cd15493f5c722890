import Foundation

/// Exploding gradients: spikes of the gradient norm ‖g‖ (or of max |g| where the norm is
/// not recorded) against its running median.
///
/// At step t, with `m_t` the median of the (up to) `window` previous values, the factor
/// is `x_t / m_t`; a step spikes when the factor is at least `factor` (and at least
/// `minimumHistory` previous values exist). Read from the all-parameter gradient tag, or
/// from every gradient tag when there is none.
struct ExplodingGradientDetector {
    var window = 20
    var minimumHistory = 5
    var factor = 10.0

    func findings(in series: DiagnosisSeries) -> [Finding] {
        let tags = series.allGradientsTag.map { [$0] } ?? series.gradTags
        return tags.compactMap { finding(tag: $0, statistics: series.statistics($0)) }
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
