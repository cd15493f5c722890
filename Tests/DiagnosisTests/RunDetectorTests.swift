import Diagnosis
import Foundation
import TensorBoardLog
import Testing

/// NaN/Inf, rectification, adaptive-step variance and the warmup pathology on hand-built runs.
@Suite("Run detectors")
struct RunDetectorTests {
    @Test func nanInOurCounters() throws {
        var r = SyntheticRun()
        for step in Int64(1)...10 {
            r.scalar("loss", step: step, 2)
            r.histogram("grad/w", step: step, [1e-3, 2e-3] + (step >= 7 ? [.nan, .infinity] : []))
        }
        let finding = try #require(r.findings(.nanInf).first)
        #expect(finding.firstStep == 7)
        #expect(finding.tag == "grad/w")
        #expect(finding.number("count") == 2)
        #expect(finding.severity == .critical)
    }

    /// A foreign histogram whose `num` exceeds its buckets' sum by 3 holds 3 non-finite values.
    @Test func nanInAForeignHistogram() throws {
        var r = SyntheticRun()
        for step in Int64(1)...8 {
            r.scalar("train/loss", step: step, 2)
            let extra: Double = step >= 5 ? 3 : 0
            r.foreign("model.w.grad", step: step, limits: [1e-3, 2e-3], counts: [5, 5],
                      min: extra > 0 ? .nan : 1e-3, max: extra > 0 ? .nan : 2e-3, num: 10 + extra,
                      sumOfSquares: extra > 0 ? .nan : 2.5e-5)
        }
        let finding = try #require(r.findings(.nanInf).first)
        #expect(finding.firstStep == 5)
        #expect(finding.number("count") == 3)
        #expect(finding.evidence("tags") == .text("model.w.grad"))
    }

    @Test func nanLossBeforeTheGradients() throws {
        var r = SyntheticRun()
        for step in Int64(1)...6 {
            r.scalar("loss", step: step, step >= 4 ? .nan : 2)
            r.histogram("grad/w", step: step, [1e-3] + (step >= 6 ? [.nan] : []))
        }
        let finding = try #require(r.findings(.nanInf).first)
        #expect(finding.firstStep == 4 && finding.lastStep == 6)
        #expect(finding.tag == "loss")
        #expect(finding.summary == "NaN or ±Inf first at step 4 in the loss")
    }

    @Test func finiteRunHasNoNanFinding() {
        var r = SyntheticRun()
        for step in Int64(1)...6 {
            r.scalar("loss", step: step, 2)
            r.histogram("grad/w", step: step, [1e-3, 0])
            r.foreign("x.grad", step: step, limits: [1], counts: [2], min: 0, max: 1, num: 2, sumOfSquares: 1)
        }
        #expect(r.findings(.nanInf).isEmpty)
    }

    /// Logged ρt = 1, 2.2, 3.1, 4.5, 5, 5.6, 7 at steps 1–7.
    static func loggedRho(_ configuration: [String: RunConfiguration.Value] = [:]) -> SyntheticRun {
        var r = SyntheticRun()
        for (i, rho) in [1, 2.2, 3.1, 4.5, 5, 5.6, 7].enumerated() { r.scalar("radam/rho_t", step: Int64(i + 1), rho) }
        r.run.configuration = RunConfiguration(configuration)
        return r
    }

    @Test func rectificationFromALoggedRho() throws {
        let pytorch = try #require(Self.loggedRho().findings(.rectification).first)
        #expect(pytorch.steps("steps") == [1, 2, 3, 4, 5]) // ρt ≤ 5
        #expect(pytorch.severity == .info)
        let paper = try #require(Self.loggedRho(["optimizer": .string("radam"), "radam_threshold": .number(4)])
            .findings(.rectification).first)
        #expect(paper.steps("steps") == [1, 2, 3]) // ρt ≤ 4
        let official = try #require(Self.loggedRho(["radam_threshold": .number(5), "radam_comparison": .string(">=")])
            .findings(.rectification).first)
        #expect(official.steps("steps") == [1, 2, 3, 4]) // ρt < 5
    }

    /// ρt from β2 = 0.999: 1, 1.9995, 2.9987, 3.9975, 4.9960, … (by hand: ρt = 1999 − 2t·0.999ᵗ/(1 − 0.999ᵗ)).
    static func adamRun(_ configuration: [String: RunConfiguration.Value]) -> SyntheticRun {
        var r = SyntheticRun()
        for step in Int64(1)...20 { r.scalar("loss", step: step, 3) }
        r.run.configuration = RunConfiguration(configuration)
        return r
    }

    @Test func rectificationFromBeta2() throws {
        let finding = try #require(Self.adamRun(["optimizer": .string("adam"), "beta2": .number(0.999), "warmup": .number(0)])
            .findings(.rectification).first)
        #expect(finding.steps("steps") == [1, 2, 3, 4])
        #expect(finding.severity == .info)
        #expect(finding.summary.hasSuffix("without warmup"))
        #expect(finding.remedy.contains("2000 steps"))
        #expect(abs(try #require(finding.number("rho_first")) - 1) < 1e-9)
        let warm = try #require(Self.adamRun(["optimizer": .string("adam-warmup"), "beta2": .number(0.999), "warmup": .number(400)])
            .findings(.rectification).first)
        #expect(!warm.summary.contains("without warmup"))
        #expect(Self.adamRun(["optimizer": .string("sgd"), "beta2": .number(0.999)]).findings(.rectification).isEmpty)
        #expect(Self.adamRun([:]).findings(.rectification).isEmpty)
    }

    /// optimizer/adaptive_step spread log-uniformly over 6 decades for steps 1–10, then 2 decades.
    static func adaptiveSteps(earlyDecades: Double, warmup: Bool = false) -> SyntheticRun {
        var r = SyntheticRun()
        for step in Int64(1)...40 {
            let decades = step <= 10 ? earlyDecades : 2
            r.histogram("optimizer/adaptive_step", step: step, SyntheticRun.logUniform(from: -2, to: -2 + decades, count: 1000))
            r.scalar("lr", step: step, warmup ? 1e-3 * Double(min(step, 20)) / 20 : 1e-3)
        }
        return r
    }

    @Test func adaptiveStepSpreadEarlyVersusLater() throws {
        let finding = try #require(Self.adaptiveSteps(earlyDecades: 6).findings(.adaptiveStepVariance).first)
        #expect(finding.severity == .warning)
        #expect(finding.steps("early_steps") == Array(1...10))
        // q01 and q99 of a log-uniform spread over D decades are 0.98·D apart (± one scale-3 bucket, 0.038 decades).
        #expect(abs(try #require(finding.number("early_spread_decades")) - 0.98 * 6) < 0.04)
        #expect(abs(try #require(finding.number("late_spread_decades")) - 0.98 * 2) < 0.04)
        let damped = try #require(Self.adaptiveSteps(earlyDecades: 6, warmup: true).findings(.adaptiveStepVariance).first)
        #expect(damped.severity == .info)
        #expect(Self.adaptiveSteps(earlyDecades: 2.5).findings(.adaptiveStepVariance).isEmpty)
    }

    /// update/abs_all: |Δθ| = 1e-2 (Adam's first step, lr·sign g) for steps 1–10, then 1e-4; with warmup 1e-5 first.
    @Test func largeFirstUpdates() throws {
        func run(early: Double) -> SyntheticRun {
            var r = SyntheticRun()
            for step in Int64(1)...40 {
                r.histogram("update/abs_all", step: step, SyntheticRun.repeated(step <= 10 ? early : 1e-4, 50))
            }
            return r
        }
        let finding = try #require(run(early: 1e-2).findings(.adaptiveStepVariance).first)
        #expect(finding.severity == .warning)
        #expect(finding.steps("early_steps") == Array(1...10))
        // Medians lie within one scale-3 bucket (factor 2^(1/8)) of the recorded values.
        let ratio = try #require(finding.number("ratio"))
        #expect(ratio > 100 / pow(2, 0.125) && ratio < 100 * pow(2, 0.125))
        #expect(run(early: 1e-5).findings(.adaptiveStepVariance).isEmpty)
        #expect(run(early: 5e-4).findings(.adaptiveStepVariance).isEmpty) // 5× < 10×
    }

    /// The warmup pathology through the Diagnoser: median |g| 1e-3 falling 4 decades by step 10, loss flat.
    @Test func warmupPathologyFinding() throws {
        var r = SyntheticRun()
        for step in Int64(1)...100 {
            let median = 1e-3 * pow(10, -4 * Double(min(step - 1, 9)) / 9)
            r.histogram("grad/abs_all", step: step, SyntheticRun.repeated(median, 5))
            r.scalar("loss", step: step, 3.4)
        }
        let finding = try #require(r.findings(.warmupPathology).first)
        #expect(finding.severity == .critical)
        #expect(finding.steps("collapse_steps") == [1, 10])
        #expect(abs(try #require(finding.number("collapse_decades")) - 4) < 0.05)
    }
}
