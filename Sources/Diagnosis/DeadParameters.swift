/// Dead parameters: tensors whose gradient is exactly zero at every step, or from some
/// step s on (for at least `minimumSteps` steps to the end, after a non-zero gradient).
struct DeadParameterDetector {
    var minimumSteps = 5

    func findings(in series: DiagnosisSeries) -> [Finding] {
        series.tensorTags.compactMap { finding(tag: $0, statistics: series.statistics($0)) }
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
