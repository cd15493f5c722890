import TensorBoardLog

/// Runs every detector over a run.
public enum Diagnoser {
    /// The findings of every detector on `run`, most severe first.
    public static func diagnose(_ run: RunData, options: DiagnosisOptions) -> RunDiagnosis {
        let series = DiagnosisSeries(run, options: options)
        var findings: [Finding] = []
        findings += WarmupPathologyDetector().findings(in: series)
        findings.sort { $0.severity > $1.severity }
        return RunDiagnosis(run: run.name, lossTag: series.lossTag, gradTags: series.gradTags, findings: findings)
    }
}
