/// Dead parameters: tensors whose gradient is exactly zero at every step, or from some
/// step s on (for at least `minimumSteps` steps to the end, after a non-zero gradient): a
/// warning. Tensors where at least `partialFraction` of the elements get an exactly zero
/// gradient from some step s on (after fewer at the first step), such as the rows of
/// dead ReLU units, are a note (info).
struct DeadParameterDetector {
    var minimumSteps = 5
    var partialFraction = 0.5

    func findings(in series: DiagnosisSeries) -> [Finding] {
        series.tensorTags.compactMap { tag in
            let statistics = series.statistics(tag)
            return finding(tag: tag, statistics: statistics) ?? partialFinding(tag: tag, statistics: statistics)
        }
    }

    func partialFinding(tag: String, statistics: [GradientStatistics]) -> Finding? {
        let zeros = statistics.map(\.zeroFraction)
        guard let first = zeros.first ?? nil, first < partialFraction else { return nil }
        var start = zeros.count
        while start > 0, let z = zeros[start - 1], z >= partialFraction { start -= 1 }
        guard zeros.count - start >= minimumSteps else { return nil }
        let firstStep = statistics[start].step, lastStep = statistics[statistics.count - 1].step
        let final = zeros.last!!
        return Finding(
            kind: .deadParameters, severity: .info, tag: tag, firstStep: firstStep, lastStep: lastStep,
            evidence: [
                Evidence("zero_fraction_first", .number(first), "fraction of exactly zero gradients at step \(statistics[0].step)"),
                Evidence("zero_fraction_last", .number(final), "fraction of exactly zero gradients at step \(lastStep)"),
                Evidence("steps", .steps([firstStep, lastStep]), "steps over which the fraction stays ≥ \(partialFraction)"),
            ],
            summary: "\(Int((final * 100).rounded()))% of the gradient exactly zero from step \(firstStep) on",
            remedy: "part of \(tag) no longer learns (dead ReLU units or unused rows): if that is not intended, "
                + "lower the learning rate, use a leaky activation, or re-initialise the layer")
    }

    func finding(tag: String, statistics: [GradientStatistics]) -> Finding? {
        var start = statistics.count
        while start > 0, statistics[start - 1].allZero == true { start -= 1 }
        let deadSteps = statistics.count - start
        guard deadSteps > 0, start == 0 || deadSteps >= minimumSteps else { return nil }
        let firstStep = statistics[start].step, lastStep = statistics[statistics.count - 1].step
        let always = start == 0
        return Finding(
            kind: .deadParameters, severity: .warning, tag: tag, firstStep: firstStep, lastStep: lastStep,
            evidence: [
                Evidence("zero_steps", .steps([firstStep, lastStep]), "steps at which every gradient element is exactly 0"),
                Evidence("zero_step_count", .number(Double(deadSteps)), "logged steps with an all-zero gradient"),
            ],
            summary: always ? "gradient exactly zero at every step" : "gradient exactly zero from step \(firstStep) on",
            remedy: always
                ? "check that \(tag) takes part in the loss (an unused layer, a detached tensor, frozen weights)"
                : "check the layer of \(tag) for dead ReLUs or saturation after step \(firstStep); lower the learning rate")
    }
}
