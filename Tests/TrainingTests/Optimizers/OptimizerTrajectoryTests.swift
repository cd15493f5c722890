import Numerics
import Testing
@testable import Training

/// Every case of `optimizer_trajectories.json`, run in Float32, compared element by element
/// with the float64 reference after every step.
///
/// Tolerance: |θ − θref| ≤ 1e-5 · max(|θref|, s), with s = max|θ₀| (the parameter scale).
/// The absolute floor s·1e-5 matters only for elements that pass near zero, where a pure
/// relative test would demand better than Float32 resolution of the accumulated sum.
@Suite("Optimizer trajectories")
struct OptimizerTrajectoryTests {
    static let caseNames = (TrajectoryFixture.shared?.cases.map(\.name)) ?? []

    @Test func fixtureHasAllCases() throws {
        let fixture = try TrajectoryFixture.load()
        #expect(fixture.cases.count == 10)
        #expect(Set(fixture.cases.map(\.name)) == Set(Self.caseNames))
    }

    @Test(arguments: caseNames)
    func matchesReference(_ name: String) throws {
        let fixture = try TrajectoryFixture.load()
        let c = try #require(fixture.cases.first { $0.name == name })
        var (optimizer, schedule) = try Self.make(c)
        var theta = fixture.theta0.map(Float.init)
        let scale = fixture.theta0.map(abs).max() ?? 1
        #expect(c.theta.count == fixture.grads.count)
        var worst = 0.0
        for (t, g) in fixture.grads.enumerated() {
            optimizer.step(parameters: &theta, gradients: g.map(Float.init),
                           learningRate: schedule.learningRate(at: t + 1))
            for (x, ref) in zip(theta, c.theta[t]) {
                let err = abs(Double(x) - ref) / max(abs(ref), scale)
                worst = max(worst, err)
                #expect(Double(x).isApproximatelyEqual(to: ref, absoluteTolerance: 1e-5 * scale,
                                                       relativeTolerance: 1e-5),
                        "\(name) step \(t + 1): \(x) vs \(ref)")
            }
        }
        #expect(worst < 1e-5)
    }

    /// Maps a fixture case to an optimizer and schedule from the case's config only.
    static func make(_ c: TrajectoryFixture.Case) throws -> (any Optimizer, LearningRateSchedule) {
        let n = 8
        let lr = try c.number("lr")
        if c.name.hasPrefix("sgd") {
            return (SGD(count: n, momentum: try c.number("momentum")), .constant(lr))
        }
        let b1 = try c.number("beta1"), b2 = try c.number("beta2"), eps = try c.number("eps")
        if let threshold = c.text("threshold") {
            // "rho_t > 5", "rho_t >= 5", "rho_t > 4"
            let parts = threshold.split(separator: " ")
            let comparison = try #require(RAdam.Comparison(rawValue: String(parts[1])))
            let value = try #require(Double(String(parts[2])))
            let below: RAdam.BelowThreshold = (c.text("below_threshold") ?? "").hasPrefix("no update") ? .skip : .sgdMomentum
            return (RAdam(count: n, beta1: b1, beta2: b2, epsilon: eps, threshold: value,
                          comparison: comparison, belowThreshold: below), .constant(lr))
        }
        if case .number(let k)? = c.config["freeze_steps"] {
            return (Adam(count: n, beta1: b1, beta2: b2, epsilon: eps, freezeSteps: Int(k)), .constant(lr))
        }
        let wd: Double = if case .number(let w)? = c.config["weight_decay"] { w } else { 0 }
        let schedule: LearningRateSchedule = if case .number(let w)? = c.config["warmup_steps"] {
            .linearWarmup(base: lr, steps: Int(w))
        } else { .constant(lr) }
        return (Adam(count: n, beta1: b1, beta2: b2, epsilon: eps, weightDecay: wd), schedule)
    }
}
