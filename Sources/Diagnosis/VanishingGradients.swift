/// Vanishing gradients, per tensor: the fraction of |g| below `tiny` grows to at least
/// `fraction` and stays there.
///
/// With `f_t` the fraction of a tensor's finite |g| below `tiny` at step t (zeros
/// included), the finding starts at the first step s with `f_t ≥ fraction` for every
/// t ≥ s, provided `f` was below `fraction` at the first step and at least `minimumSteps`
/// steps lie in s…end. Tensors whose gradient is exactly zero from s on are left to
/// `DeadParameterDetector`.
struct VanishingGradientDetector {
    var tiny = 1e-8
    var fraction = 0.5
    var minimumSteps = 5

    func findings(in series: DiagnosisSeries) -> [Finding] {
        series.tensorTags.compactMap { finding(tag: $0, statistics: series.statistics($0)) }
    }

    func finding(tag: String, statistics: [GradientStatistics]) -> Finding? {
        let fractions = statistics.map { $0.fraction(below: tiny) }
        guard let first = fractions.first ?? nil, first < fraction else { return nil }
        var start = fractions.count
        while start > 0, let f = fractions[start - 1], f >= fraction { start -= 1 }
        guard start < fractions.count, fractions.count - start >= minimumSteps else { return nil }
        if statistics[start...].allSatisfy({ $0.allZero == true }) { return nil }
        let firstStep = statistics[start].step, lastStep = statistics[statistics.count - 1].step
        let final = fractions.last!! // every fraction from `start` on is non-nil
        return Finding(
            kind: .vanishing, severity: .warning, tag: tag, firstStep: firstStep, lastStep: lastStep,
            evidence: [
                Evidence("fraction_first", .number(first), "fraction of |g| < \(tiny) at step \(statistics[0].step)"),
                Evidence("fraction_at_onset", .number(fractions[start]!), "fraction of |g| < \(tiny) at step \(firstStep)"),
                Evidence("fraction_last", .number(final), "fraction of |g| < \(tiny) at step \(lastStep)"),
                Evidence("steps", .steps([firstStep, lastStep]), "steps over which the fraction stays ≥ \(fraction)"),
            ],
            summary: "\(Int((final * 100).rounded()))% of |g| below \(tiny) from step \(firstStep) to \(lastStep)",
            remedy: "check the layer of \(tag): its initialisation, saturated activations or a missing residual path; "
                + "if many tensors vanish in the first steps of Adam, warm the learning rate up or use RAdam")
    }
}
