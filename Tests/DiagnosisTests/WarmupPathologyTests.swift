import Diagnosis
import Foundation
import Testing

@Suite("Warmup pathology detector")
struct WarmupPathologyTests {
    /// Median |g| 1e-3 at step 1, falling by `decades` over the first ten steps, then flat.
    static func medians(falling decades: Double, steps: Int = 100) -> [(step: Int64, median: Double)] {
        (1...steps).map { t in (Int64(t), 1e-3 * pow(10, -decades * Double(min(t - 1, 9)) / 9)) }
    }

    /// Loss from 3.4 to `end`, linearly.
    static func loss(to end: Double, steps: Int = 100) -> [(step: Int64, value: Double)] {
        (1...steps).map { t in (Int64(t), 3.4 + (end - 3.4) * Double(t - 1) / Double(steps - 1)) }
    }

    @Test func collapseWithAFlatLossIsThePathology() throws {
        let finding = WarmupPathologyDetector().diagnose(medians: Self.medians(falling: 4), loss: Self.loss(to: 3.4))
        #expect(finding.verdict == .pathology)
        let decades = try #require(finding.collapseDecades)
        #expect(abs(decades - 4) < 1e-9)
        #expect(finding.collapseStep == 10)
        #expect(finding.summary.hasPrefix("pathology; median |g| fell 4.0 decades by step 10"))
    }

    @Test(arguments: [
        (0.5, 0.2, WarmupPathologyDetector.Verdict.healthy),
        (4.0, 0.2, .collapseOnly),
        (0.5, 3.4, .stallOnly),
        (2.9, 3.4, .stallOnly),
        (3.1, 3.4, .pathology),
    ])
    func verdicts(decades: Double, endLoss: Double, expected: WarmupPathologyDetector.Verdict) {
        let finding = WarmupPathologyDetector().diagnose(medians: Self.medians(falling: decades), loss: Self.loss(to: endLoss))
        #expect(finding.verdict == expected)
    }

    /// A collapse after the window (step 50) is not the early collapse of the pathology.
    @Test func lateCollapseIsOutsideTheWindow() {
        let medians: [(step: Int64, median: Double)] = (1...100).map { t in (Int64(t), t < 50 ? 1e-3 : 1e-9) }
        let finding = WarmupPathologyDetector().diagnose(medians: medians, loss: Self.loss(to: 0.5))
        #expect(finding.verdict == .healthy)
        #expect(finding.collapseDecades == 0)
    }

    @Test func tooLittleDataIsUndetermined() {
        let finding = WarmupPathologyDetector().diagnose(medians: [], loss: Self.loss(to: 3.4, steps: 3))
        #expect(finding.verdict == .undetermined)
    }
}
