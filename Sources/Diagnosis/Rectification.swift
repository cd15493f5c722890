import TensorBoardLog
import Training

/// Rectification: the steps at which the variance of Adam's adaptive learning rate is not
/// tractable, ρt ≤ threshold (Liu et al., 2020, §3–4).
///
/// ρt comes from the run's logged series (a scalar tag whose last component is `rho_t`),
/// or, without one, from the β2 that the run's configuration records:
/// `ρt = ρ∞ − 2tβ2ᵗ/(1 − β2ᵗ)`, `ρ∞ = 2/(1 − β2) − 1`. The threshold is the run's RAdam
/// threshold where recorded, else 5 (PyTorch's RAdam) for a logged ρt and 4 (where the
/// variance becomes finite) for one computed from β2.
///
/// Severity: info. These steps are a risk, not a failure: RAdam's fallback or a warmup
/// covers them, and where neither does (Adam without warmup, by the configuration) the
/// finding says so and `warmup-pathology` tells whether it hurt.
struct RectificationDetector {
    func findings(in series: DiagnosisSeries) -> [Finding] {
        let config = series.configuration
        guard let rho = rhoSeries(series, config: config) else { return [] }
        let threshold = config.radamThreshold ?? (rho.logged ? 5 : 4)
        let inclusive = config.radamComparison == ">="
        let below = rho.values.filter { inclusive ? $0.rho < threshold : $0.rho <= threshold }
        guard let first = below.first, let last = below.last else { return [] }
        let unprotected = config.isAdaptiveWithoutWarmup
        var evidence = [
            Evidence("steps", .steps(below.map(\.step)), "steps with ρt \(inclusive ? "<" : "≤") \(threshold)"),
            Evidence("threshold", .number(threshold), config.radamThreshold == nil
                     ? "threshold on ρt (the run records none)" : "the run's RAdam threshold on ρt"),
            Evidence("rho_first", .number(first.rho), "ρt at step \(first.step)"),
        ]
        if let beta2 = config.beta2 {
            evidence.append(Evidence("beta2", .number(beta2), "β2 recorded in the run's configuration"))
        }
        evidence.append(Evidence("source", .text(rho.logged ? rho.tag : "computed from β2"), "where ρt comes from"))
        let warmup = config.beta2.map { "about \(Int((2 / (1 - $0)).rounded())) steps (2/(1−β2))" } ?? "about 2/(1−β2) steps"
        return [Finding(
            kind: .rectification, severity: .info, tag: rho.logged ? rho.tag : nil,
            firstStep: first.step, lastStep: last.step, evidence: evidence,
            summary: "ρt below the threshold \(threshold) at \(below.count) step\(below.count == 1 ? "" : "s") "
                + "(\(first.step)–\(last.step))" + (unprotected ? ", without warmup" : ""),
            remedy: unprotected
                ? "the adaptive learning rate has unbounded variance at these steps; if the run stalls early, "
                    + "warm up over \(warmup), or use RAdam"
                : "none needed: RAdam's fallback or the warmup covers these steps")]
    }

    private func rhoSeries(_ series: DiagnosisSeries, config: RunConfiguration)
        -> (tag: String, logged: Bool, values: [(step: Int64, rho: Double)])? {
        if let tag = series.run.scalarTags.first(where: { DiagnosisSeries.lastComponent($0).lowercased() == "rho_t" }) {
            let values = series.run.scalars[tag]!.filter(\.value.isFinite).map { (step: $0.step, rho: $0.value) }
            return (tag, true, values)
        }
        guard let beta2 = config.beta2, beta2 > 0, beta2 < 1, config.isAdaptive != false else { return nil }
        let steps = series.steps
        guard !steps.isEmpty else { return nil }
        let values = steps.filter { $0 >= 1 }.map { (step: $0, rho: Rectification.rho(step: Int($0), beta2: beta2)) }
        return ("", false, values)
    }
}
