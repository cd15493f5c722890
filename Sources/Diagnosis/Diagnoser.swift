import TensorBoardLog

/// Runs every detector over a run.
public enum Diagnoser {
    /// The findings of every detector on `run`, most severe first.
    public static func diagnose(_ run: RunData, options: DiagnosisOptions) -> RunDiagnosis {
        let series = DiagnosisSeries(run, options: options)
        var findings: [Finding] = []
        findings += WarmupPathologyDetector().findings(in: series)
        findings += NonFiniteDetector().findings(in: series)
        findings += ExplodingGradientDetector().findings(in: series)
        findings += VanishingGradientDetector().findings(in: series)
        findings += DeadParameterDetector().findings(in: series)
        findings += RectificationDetector().findings(in: series)
        findings += AdaptiveStepVarianceDetector().findings(in: series)
        // Most severe first; within a severity, in the order of `Finding.Kind.allCases`, then by tag.
        let order = Dictionary(uniqueKeysWithValues: Finding.Kind.allCases.enumerated().map { ($1, $0) })
        findings.sort { a, b in
            (b.severity, order[a.kind]!, a.tag ?? "") < (a.severity, order[b.kind]!, b.tag ?? "")
        }
        return RunDiagnosis(run: run.name, lossTag: series.lossTag, gradTags: series.gradTags, findings: findings)
    }
}
