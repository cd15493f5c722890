import Foundation

/// The warmup pathology of the RAdam paper (Liu et al., 2020, Fig. 2): without warmup,
/// Adam's first updates are taken with a second-moment estimate from very few samples, the
/// adaptive step is too large, and the gradient distribution collapses toward zero within
/// a few steps while the loss stays where it started.
///
/// It is diagnosed from two series:
/// - the collapse: over the first `window` steps, the median |g| falls by
///   `D = log₁₀(m₁ / min_{t ≤ window} m_t)` decades, and `D ≥ collapseDecades`;
/// - the stall: the mean loss over the last tenth of the run is at least
///   `stallFraction` of the mean over its first `startSteps` steps.
///
/// Both together are the pathology; a collapse alone is reported as such (the run may
/// still recover); neither is healthy.
public struct WarmupPathologyDetector: Sendable {
    public var window: Int64 = 20
    public var collapseDecades = 3.0
    public var stallFraction = 0.9
    public var startSteps = 5

    public init() {}

    /// What the detector concludes about one run.
    public enum Verdict: String, Sendable, Equatable, Codable {
        /// Gradient collapse and a loss that does not move: the warmup pathology.
        case pathology
        /// Gradient collapse, but the loss comes down.
        case collapseOnly = "collapse-only"
        /// The loss stalls without a gradient collapse.
        case stallOnly = "stall-only"
        case healthy
        /// Too few steps to tell.
        case undetermined
    }

    public struct Finding: Sendable, Equatable {
        public var verdict: Verdict
        /// Decades by which the median |g| fell within the window (nil without histograms).
        public var collapseDecades: Double?
        /// The step where the median |g| was lowest within the window.
        public var collapseStep: Int64?
        /// Mean loss at the start and over the last tenth (nil without a loss series).
        public var startLoss: Double?
        public var endLoss: Double?

        /// One line for people.
        public var summary: String {
            var parts: [String] = [verdict.rawValue]
            if let d = collapseDecades, let s = collapseStep {
                parts.append(String(format: "median |g| fell %.1f decades by step %lld", d, s))
            }
            if let a = startLoss, let b = endLoss {
                parts.append(String(format: "loss %.3f → %.3f", a, b))
            }
            return parts.joined(separator: "; ")
        }
    }

    /// - Parameters:
    ///   - medians: (step, median |g|) in step order.
    ///   - loss: (step, loss) in step order.
    public func diagnose(medians: [(step: Int64, median: Double)], loss: [(step: Int64, value: Double)]) -> Finding {
        var finding = Finding(verdict: .undetermined)
        var collapsed: Bool?
        if let first = medians.first, first.median > 0 {
            let early = medians.filter { $0.step < first.step + window }
            if let lowest = early.min(by: { $0.median < $1.median }) {
                let decades = lowest.median > 0 ? log10(first.median / lowest.median) : .infinity
                finding.collapseDecades = decades
                finding.collapseStep = lowest.step
                collapsed = decades >= collapseDecades
            }
        }
        var stalled: Bool?
        let finite = loss.filter { $0.value.isFinite }
        if finite.count >= 2 * startSteps {
            let start = finite.prefix(startSteps).map(\.value).reduce(0, +) / Double(startSteps)
            let tail = finite.suffix(Swift.max(1, finite.count / 10)).map(\.value)
            let end = tail.reduce(0, +) / Double(tail.count)
            finding.startLoss = start
            finding.endLoss = end
            stalled = end >= stallFraction * start
        }
        switch (collapsed, stalled) {
        case (true, true): finding.verdict = .pathology
        case (true, false): finding.verdict = .collapseOnly
        case (false, true), (nil, true): finding.verdict = .stallOnly
        case (false, false), (nil, false), (false, nil): finding.verdict = .healthy
        default: finding.verdict = .undetermined
        }
        return finding
    }
}

extension WarmupPathologyDetector {
    /// The warmup-pathology finding of a run, read from its all-parameter gradient
    /// histograms and its loss: critical for the pathology, info for a collapse the loss
    /// recovers from, nothing otherwise.
    func findings(in series: DiagnosisSeries) -> [Diagnosis.Finding] {
        guard let tag = series.allGradientsTag else { return [] }
        let points = series.histograms(tag)
        let medians = points.compactMap { point in
            MagnitudeSummary(point.histogram).median.map { (step: point.step, median: $0) }
        }
        let loss = series.loss.map { (step: $0.step, value: $0.value) }
        let result = diagnose(medians: medians, loss: loss)
        let severity: Diagnosis.Finding.Severity
        switch result.verdict {
        case .pathology: severity = .critical
        case .collapseOnly: severity = .info
        default: return []
        }
        var evidence: [Evidence] = []
        if let decades = result.collapseDecades {
            evidence.append(Evidence("collapse_decades", .number(decades),
                                     "decades by which the median |g| fell within the first \(window) steps"))
        }
        if let first = medians.first, let step = result.collapseStep {
            evidence.append(Evidence("collapse_steps", .steps([first.step, step]),
                                     "steps of the first and of the lowest median |g|"))
        }
        if let start = result.startLoss, let end = result.endLoss {
            evidence.append(Evidence("start_loss", .number(start), "mean loss over the first \(startSteps) steps"))
            evidence.append(Evidence("end_loss", .number(end), "mean loss over the last tenth of the run"))
        }
        return [Diagnosis.Finding(kind: .warmupPathology, severity: severity, tag: tag,
                        firstStep: medians.first?.step, lastStep: result.collapseStep,
                        evidence: evidence, summary: result.summary,
                        remedy: "warm the learning rate up linearly over about 2/(1−β2) steps (2000 for β2 = 0.999), "
                            + "or use RAdam, or lower the learning rate")]
    }
}
