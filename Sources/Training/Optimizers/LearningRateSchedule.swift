/// Learning rate as a function of the 1-based step t. Schedules compose: `.warmup`
/// multiplies by a ramp, `.then` switches schedule after a number of steps.
///
/// - `constant`:                  lr(t) = base
/// - `linearWarmup(w)`:           lr(t) = base · min(1, t / w)
/// - `inverseSquareRoot(w)`:      lr(t) = base · min(t / w, √(w / t))   (w ≥ 1; "Noam" shape:
///                                linear ramp to base at t = w, then ∝ 1/√t)
/// - `linearDecay(from:to:)`:     lr(t) = base · (1 − (t − a)/(b − a)) for a ≤ t ≤ b, clamped to
///                                base before a and 0 after b
/// - `warmup(w, then: s)`:        lr(t) = min(1, t / w) · s(t)
/// - `product` of two schedules:  lr(t) = a(t) · b(t) / base
public indirect enum LearningRateSchedule: Sendable, Equatable {
    case constant(Double)
    case linearWarmup(base: Double, steps: Int)
    case inverseSquareRoot(base: Double, warmupSteps: Int)
    case linearDecay(base: Double, start: Int, end: Int)
    case warmup(steps: Int, then: LearningRateSchedule)

    /// The learning rate at 1-based step t.
    public func learningRate(at t: Int) -> Double {
        switch self {
        case .constant(let base):
            return base
        case .linearWarmup(let base, let steps):
            return base * ramp(t, steps)
        case .inverseSquareRoot(let base, let w):
            let w = Double(max(w, 1)), t = Double(max(t, 1))
            return base * min(t / w, (w / t).squareRoot())
        case .linearDecay(let base, let start, let end):
            if t <= start { return base }
            if t >= end { return 0 }
            return base * (1 - Double(t - start) / Double(end - start))
        case .warmup(let steps, let inner):
            return ramp(t, steps) * inner.learningRate(at: t)
        }
    }

    private func ramp(_ t: Int, _ steps: Int) -> Double {
        steps <= 0 ? 1 : min(1, Double(t) / Double(steps))
    }
}
