import Diagnosis
import Foundation
import Testing

/// Vanishing, exploding and dead gradients on hand-built runs.
@Suite("Gradient detectors")
struct GradientDetectorTests {
    /// grad/w: |g| = 1e-3 for steps 1–7, then 80 of 100 values at 1e-10 from step 8 to 20.
    static func vanishing(recoversAt recovery: Int64? = nil) -> SyntheticRun {
        var r = SyntheticRun()
        for step in Int64(1)...20 {
            r.histogram("grad/abs_all", step: step, SyntheticRun.repeated(1e-3, 100))
            let small = step >= 8 && step < (recovery ?? 100)
            r.histogram("grad/w", step: step, small
                        ? SyntheticRun.repeated(1e-10, 80) + SyntheticRun.repeated(1e-3, 20)
                        : SyntheticRun.repeated(1e-3, 100))
        }
        return r
    }

    @Test func vanishingFromStepEight() throws {
        let found = Self.vanishing().findings(.vanishing)
        let finding = try #require(found.first)
        #expect(found.count == 1)
        #expect(finding.tag == "grad/w")
        #expect(finding.firstStep == 8 && finding.lastStep == 20)
        #expect(finding.steps("steps") == [8, 20])
        #expect(abs(try #require(finding.number("fraction_at_onset")) - 0.8) < 1e-12)
        #expect(finding.number("fraction_first") == 0)
        #expect(finding.severity == .warning)
    }

    @Test func vanishingThatRecoversIsNoFinding() {
        #expect(Self.vanishing(recoversAt: 12).findings(.vanishing).isEmpty)
    }

    @Test func vanishingOverTooFewStepsIsNoFinding() {
        var r = SyntheticRun()
        for step in Int64(1)...20 {
            r.histogram("grad/w", step: step, step >= 17 ? SyntheticRun.repeated(1e-10, 10) : SyntheticRun.repeated(1e-3, 10))
        }
        #expect(r.findings(.vanishing).isEmpty) // 4 steps (17–20) < 5
    }

    /// grad/abs_all: 100 values of 1e-3 (‖g‖ = 1e-2) at every step but `spike`, where they are 1 (‖g‖ = 10).
    @Test func explodingSpikeAgainstTheRunningMedian() throws {
        var r = SyntheticRun()
        for step in Int64(1)...30 {
            r.histogram("grad/abs_all", step: step, SyntheticRun.repeated(step == 25 ? 1 : 1e-3, 100))
        }
        let finding = try #require(r.findings(.exploding).first)
        #expect(finding.steps("spike_steps") == [25])
        #expect(finding.firstStep == 25 && finding.lastStep == 25)
        // The factor is ‖g‖₂₅ / ‖g‖ before it = √(100·1²) / √(100·(1e-3)²) = 10 / 0.01.
        #expect(abs(try #require(finding.number("max_factor")) / 1000 - 1) < 1e-9)
        #expect(abs(try #require(finding.number("running_median")) / 0.01 - 1) < 1e-9)
        #expect(finding.remedy.contains("clip the gradient norm at about 0.02"))
        #expect(finding.severity == .warning) // 1000× ≥ 100×
    }

    /// A 20× spike (‖g‖ 0.01 → 0.2 at step 25) after which the loss keeps falling is a note;
    /// one after which the loss ends higher is a warning.
    @Test(arguments: [(0.5, Finding.Severity.info), (2.0, .warning)])
    func transientSpikeSeverity(endLoss: Double, expected: Finding.Severity) throws {
        var r = SyntheticRun()
        for step in Int64(1)...40 {
            r.histogram("grad/abs_all", step: step, SyntheticRun.repeated(step == 25 ? 2e-2 : 1e-3, 100))
            r.scalar("loss", step: step, step <= 30 ? 1 : endLoss)
        }
        let finding = try #require(r.findings(.exploding).first)
        #expect(finding.steps("spike_steps") == [25])
        #expect(abs(try #require(finding.number("max_factor")) - 20) < 1e-9)
        #expect(finding.severity == expected)
    }

    /// ‖g‖ grows 1.2× per step: the running median follows, max factor 1.2^10.5 ≈ 6.8 < 10.
    @Test func steadyGrowthIsNoSpike() {
        var r = SyntheticRun()
        for step in Int64(1)...40 {
            r.histogram("grad/abs_all", step: step, SyntheticRun.repeated(1e-3 * pow(1.2, Double(step)), 10))
        }
        #expect(r.findings(.exploding).isEmpty)
    }

    @Test func deadAtEveryStepAndFromAStepOn() throws {
        var r = SyntheticRun()
        for step in Int64(1)...20 {
            r.histogram("grad/abs_all", step: step, SyntheticRun.repeated(1e-3, 10))
            r.histogram("grad/always", step: step, SyntheticRun.repeated(0, 10))
            r.histogram("grad/later", step: step, SyntheticRun.repeated(step >= 11 ? 0 : 1e-3, 10))
            r.histogram("grad/briefly", step: step, SyntheticRun.repeated(step == 5 || step >= 18 ? 0 : 1e-3, 10))
        }
        let found = r.findings(.deadParameters)
        #expect(found.map(\.tag) == ["grad/always", "grad/later"])
        #expect(found[0].steps("zero_steps") == [1, 20])
        #expect(found[0].summary == "gradient exactly zero at every step")
        #expect(found[1].steps("zero_steps") == [11, 20])
        #expect(found[1].number("zero_step_count") == 10)
        // Neither dead tensor is also reported as vanishing.
        #expect(r.findings(.vanishing).isEmpty)
    }

    /// PyTorch writes an all-zero |g| as one bucket (0, 1e-12] with min = max = 0.
    @Test func deadInAForeignHistogram() throws {
        var r = SyntheticRun()
        for step in Int64(1)...6 {
            r.foreign("layer.bias.grad", step: step, limits: [1e-12], counts: [8], min: 0, max: 0, num: 8, sumOfSquares: 0)
            r.foreign("layer.weight.grad", step: step, limits: [1e-3, 1.1e-3], counts: [4, 4],
                      min: 9e-4, max: 1.1e-3, num: 8, sumOfSquares: 8e-6)
        }
        let found = r.findings(.deadParameters)
        #expect(found.map(\.tag) == ["layer.bias.grad"])
        #expect(found.first?.steps("zero_steps") == [1, 6])
    }
}
