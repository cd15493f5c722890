/// Vanishing gradients, per tensor: the fraction of |g| below `tiny` grows to at least
/// `fraction` and stays there.
///
/// With `f_t` the fraction of a tensor's non-zero finite |g| below `tiny` at step t
/// (exact zeros are dead units, for `DeadParameterDetector`), the finding starts at the first step s with `f_t ≥ fraction` for every
/// t ≥ s, provided `f` was below `fraction` at the first step and at least `minimumSteps`
/// steps lie in s…end. Tensors whose gradient is exactly zero from s on are left to
/// `DeadParameterDetector`. Small gradients of a model that has learned are convergence,
/// not vanishing: with a loss series, nothing is reported when the loss at s is at most
/// `learnedFraction` of the mean loss over the first five steps.
struct VanishingGradientDetector {
    var tiny = 1e-8
    var fraction = 0.5
    var minimumSteps = 5
    var learnedFraction = 0.5

    func findings(in series: DiagnosisSeries) -> [Finding] {
        let loss = series.loss.filter(\.value.isFinite)
        let start = loss.prefix(5).map(\.value).reduce(0, +) / Double(max(1, min(5, loss.count)))
        return series.tensorTags.compactMap { tag in
            guard let finding = finding(tag: tag, statistics: series.statistics(tag)) else { return nil }
            if let onset = finding.firstStep, let atOnset = loss.last(where: { $0.step <= onset })?.value,
               loss.count >= 5, atOnset <= learnedFraction * start { return nil }
            return finding
        }
    }

    func finding(tag: String, statistics: [GradientStatistics]) -> Finding? {
        let fractions = statistics.map { $0.fraction(below: tiny) }
        guard let first = fractions.first ?? nil, first < fraction else { return nil }
        var start = fractions.count // an all-zero step has no fraction and ends the search
        while start > 0, let f = fractions[start - 1], f >= fraction { start -= 1 }
        guard start < fractions.count, fractions.count - start >= minimumSteps else { return nil }
        let firstStep = statistics[start].step, lastStep = statistics[statistics.count - 1].step
        let final = fractions.last!! // every fraction from `start` on is non-nil
        return Finding(
            kind: .vanishing, severity: .warning, tag: tag, firstStep: firstStep, lastStep: lastStep,
            evidence: [
                Evidence("fraction_first", .number(first), "fraction of non-zero |g| < \(tiny) at step \(statistics[0].step)"),
                Evidence("fraction_at_onset", .number(fractions[start]!), "fraction of non-zero |g| < \(tiny) at step \(firstStep)"),
                Evidence("fraction_last", .number(final), "fraction of non-zero |g| < \(tiny) at step \(lastStep)"),
                Evidence("steps", .steps([firstStep, lastStep]), "steps over which the fraction stays ≥ \(fraction)"),
            ],
            summary: "\(Int((final * 100).rounded()))% of non-zero |g| below \(tiny) from step \(firstStep) to \(lastStep)",
            remedy: "check the layer of \(tag): its initialisation, saturated activations or a missing residual path; "
                + "if many tensors vanish in the first steps of Adam, warm the learning rate up or use RAdam")
    }
}
