import Foundation

/// Adaptive-step variance: the spread of Adam's per-element step size lr/(√v̂+ε) over the
/// first steps, compared with later (Liu et al., 2020, §3: with few samples, v̂ and so the
/// adaptive learning rate have a large variance).
///
/// Read from a step-size histogram (a tag containing `adaptive_step` or `step_size`;
/// ours: `optimizer/adaptive_step`), else an update histogram (a tag whose first
/// component is `update`; ours: `update/abs_all`). The spread at step t is
/// `s_t = log₁₀(q99_t / q01_t)`, in decades. With E the first `earlySteps` steps and L
/// the last half of the run, the finding holds when `median(s_E) − median(s_L) ≥
/// decades`. Steps where the run's RAdam falls back (ρt at or below its threshold) take
/// no adaptive step and are left out.
///
/// Severity: a warning when nothing damps those steps, info when the learning rate warms
/// up (the run's configuration, or an `lr` scalar that starts below half its median).
struct AdaptiveStepVarianceDetector {
    var earlySteps = 10
    var decades = 1.0

    func findings(in series: DiagnosisSeries) -> [Finding] {
        guard let tag = stepSizeTag(series) else { return [] }
        let skipped = fallbackSteps(series)
        let spreads: [(step: Int64, spread: Double)] = series.histograms(tag).compactMap { point in
            guard !skipped.contains(point.step),
                  let m = GradientStatistics(point).magnitudes,
                  let lo = m.quantile(0.01), let hi = m.quantile(0.99), lo > 0, hi > 0 else { return nil }
            return (point.step, log10(hi / lo))
        }
        guard spreads.count >= 2 * earlySteps else { return [] }
        let early = spreads.prefix(earlySteps), late = spreads.suffix(spreads.count / 2)
        let earlySpread = RunningMedian.median(early.map(\.spread))
        let lateSpread = RunningMedian.median(late.map(\.spread))
        guard earlySpread - lateSpread >= decades else { return [] }
        let damped = series.warmsUp
        let first = early.first!.step, last = early.last!.step
        return [Finding(
            kind: .adaptiveStepVariance, severity: damped ? .info : .warning, tag: tag, firstStep: first, lastStep: last,
            evidence: [
                Evidence("early_spread_decades", .number(earlySpread),
                         "median of log₁₀(q99/q01) of \(tag) over steps \(first)–\(last)"),
                Evidence("late_spread_decades", .number(lateSpread),
                         "median of log₁₀(q99/q01) over steps \(late.first!.step)–\(late.last!.step)"),
                Evidence("early_steps", .steps(early.map(\.step)), "the early steps compared"),
            ],
            summary: String(format: "adaptive step spread %.1f decades over steps %lld–%lld vs %.1f later",
                            earlySpread, first, last, lateSpread) + (damped ? " (warmup damps it)" : ""),
            remedy: damped ? "none needed: the warmup keeps these steps small"
                : "warm the learning rate up over about 2/(1−β2) steps, or use RAdam, which rectifies these steps")]
    }

    private func stepSizeTag(_ series: DiagnosisSeries) -> String? {
        let tags = series.run.histogramTags
        return tags.first { let t = $0.lowercased(); return t.contains("adaptive_step") || t.contains("step_size") }
            ?? tags.first { $0.lowercased().split(separator: "/").first == "update" }
    }

    /// Steps at which a logged ρt is at or below the run's RAdam threshold.
    private func fallbackSteps(_ series: DiagnosisSeries) -> Set<Int64> {
        guard let tag = series.run.scalarTags.first(where: { DiagnosisSeries.lastComponent($0).lowercased() == "rho_t" })
        else { return [] }
        let threshold = series.configuration.radamThreshold ?? 5
        return Set(series.run.scalars[tag]!.filter { $0.value <= threshold }.map(\.step))
    }
}
