import Foundation

/// Adaptive-step variance: Adam's adaptive step lr/(√v̂+ε) over the first steps,
/// compared with later (Liu et al., 2020, §3: with few samples, v̂ and so the adaptive
/// learning rate have a large variance, and the first updates are too large).
///
/// - From an update histogram (a tag whose first component is `update`; ours:
///   `update/abs_all`, |Δθ| = lr·|m̂|/(√v̂+ε)): with `u_t` the median |Δθ| at step t, E the
///   first `earlySteps` steps and L the last half of the run, the finding holds when
///   `median(u_E) ≥ factor · median(u_L)`. Adam's first update moves every weight by
///   about lr, whatever its gradient; warmup or RAdam's rectification keep it small.
/// - Else from a step-size histogram (a tag containing `adaptive_step` or `step_size`;
///   ours: `optimizer/adaptive_step`): with `s_t = log₁₀(q99_t / q01_t)` in decades, when
///   `median(s_E) − median(s_L) ≥ decades`. The spread does not depend on lr, so where
///   the learning rate warms up (configuration, or an `lr` scalar that starts below half
///   its median) the finding is only a note.
///
/// Steps where the run's RAdam falls back (a logged ρt at or below its threshold) take no
/// adaptive step and are left out.
struct AdaptiveStepVarianceDetector {
    var earlySteps = 10
    var factor = 10.0
    var decades = 1.0

    func findings(in series: DiagnosisSeries) -> [Finding] {
        let skipped = fallbackSteps(series)
        let tags = series.run.histogramTags
        if let tag = tags.first(where: { $0.lowercased().split(separator: "/").first == "update" }) {
            return updateFinding(tag: tag, series: series, skipped: skipped).map { [$0] } ?? []
        }
        if let tag = tags.first(where: { let t = $0.lowercased(); return t.contains("adaptive_step") || t.contains("step_size") }) {
            return spreadFinding(tag: tag, series: series, skipped: skipped).map { [$0] } ?? []
        }
        return []
    }

    /// (step, q) of a tag's histograms, for `quantiles` of |x|, without skipped steps.
    private func quantiles(_ tag: String, _ series: DiagnosisSeries, skipped: Set<Int64>, _ qs: [Double])
        -> [(step: Int64, values: [Double])] {
        series.histograms(tag).compactMap { point in
            guard !skipped.contains(point.step), let m = GradientStatistics(point).magnitudes else { return nil }
            let values = qs.compactMap { m.quantile($0) }
            return values.count == qs.count ? (point.step, values) : nil
        }
    }

    private func updateFinding(tag: String, series: DiagnosisSeries, skipped: Set<Int64>) -> Finding? {
        let medians = quantiles(tag, series, skipped: skipped, [0.5])
        guard medians.count >= 2 * earlySteps else { return nil }
        let early = medians.prefix(earlySteps), late = medians.suffix(medians.count / 2)
        let earlyMedian = RunningMedian.median(early.map { $0.values[0] })
        let lateMedian = RunningMedian.median(late.map { $0.values[0] })
        guard earlyMedian > 0, earlyMedian >= factor * lateMedian else { return nil }
        let first = early.first!.step, last = early.last!.step
        let ratio = lateMedian > 0 ? earlyMedian / lateMedian : .infinity
        return Finding(
            kind: .adaptiveStepVariance, severity: .warning, tag: tag, firstStep: first, lastStep: last,
            evidence: [
                Evidence("early_median_update", .number(earlyMedian), "median over steps \(first)–\(last) of the median |Δθ|"),
                Evidence("late_median_update", .number(lateMedian),
                         "median over steps \(late.first!.step)–\(late.last!.step) of the median |Δθ|"),
                Evidence("ratio", .number(ratio), "early / late"),
                Evidence("early_steps", .steps(early.map(\.step)), "the early steps compared"),
            ],
            summary: String(format: "the first updates are %.0f× the later ones (median |Δθ| %.2g over steps %lld–%lld vs %.2g)",
                            ratio, earlyMedian, first, last, lateMedian),
            remedy: "the adaptive learning rate is too large while v̂ rests on few samples: warm the learning rate "
                + "up over about 2/(1−β2) steps, or use RAdam, which rectifies these steps")
    }

    private func spreadFinding(tag: String, series: DiagnosisSeries, skipped: Set<Int64>) -> Finding? {
        let spreads: [(step: Int64, spread: Double)] = quantiles(tag, series, skipped: skipped, [0.01, 0.99]).compactMap {
            let (lo, hi) = ($0.values[0], $0.values[1])
            return lo > 0 && hi > 0 ? ($0.step, log10(hi / lo)) : nil
        }
        guard spreads.count >= 2 * earlySteps else { return nil }
        let early = spreads.prefix(earlySteps), late = spreads.suffix(spreads.count / 2)
        let earlySpread = RunningMedian.median(early.map(\.spread))
        let lateSpread = RunningMedian.median(late.map(\.spread))
        guard earlySpread - lateSpread >= decades else { return nil }
        let damped = series.warmsUp
        let first = early.first!.step, last = early.last!.step
        return Finding(
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
                : "warm the learning rate up over about 2/(1−β2) steps, or use RAdam, which rectifies these steps")
    }

    /// Steps at which a logged ρt is at or below the run's RAdam threshold.
    private func fallbackSteps(_ series: DiagnosisSeries) -> Set<Int64> {
        guard let tag = series.run.scalarTags.first(where: { DiagnosisSeries.lastComponent($0).lowercased() == "rho_t" })
        else { return [] }
        let threshold = series.configuration.radamThreshold ?? 5
        return Set(series.run.scalars[tag]!.filter { $0.value <= threshold }.map(\.step))
    }
}
