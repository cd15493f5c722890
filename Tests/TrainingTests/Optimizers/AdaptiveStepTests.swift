import Numerics
import Testing
import Training

@Suite("Adaptive step sizes")
struct AdaptiveStepTests {
    /// After one Adam step v = (1 − β₂) g², v̂ = g², so lr/(√v̂ + ε) = lr/(|g| + ε).
    @Test func adamFirstStep() {
        var adam = Adam(count: 3)
        var theta: [Float] = [1, 2, 3]
        let g: [Float] = [0.5, -2, 1e-3]
        let report = adam.step(parameters: &theta, gradients: g, learningRate: 0.1)
        var out = [Float](repeating: 0, count: 3)
        let ok = out.withUnsafeMutableBufferPointer { adam.adaptiveStepSizes(learningRate: 0.1, into: $0) }
        #expect(ok)
        for i in 0..<3 {
            let expected = 0.1 / (Double(abs(g[i])) + 1e-8)
            #expect(Double(out[i]).isApproximatelyEqual(to: expected, relativeTolerance: 1e-5))
        }
        let mean = (0..<3).map { 0.1 / (Double(abs(g[$0])) + 1e-8) }.reduce(0, +) / 3
        #expect(report.meanAdaptiveStep.map { $0.isApproximatelyEqual(to: mean, relativeTolerance: 1e-5) } == true)
        // First Adam step moves every coordinate by ≈ lr · sign(g).
        #expect(Double(theta[0]).isApproximatelyEqual(to: 0.9, relativeTolerance: 1e-5))
        #expect(Double(theta[1]).isApproximatelyEqual(to: 2.1, relativeTolerance: 1e-5))
    }

    @Test func sgdHasNone() {
        let sgd = SGD(count: 2)
        var out = [Float](repeating: 0, count: 2)
        #expect(!out.withUnsafeMutableBufferPointer { sgd.adaptiveStepSizes(learningRate: 0.1, into: $0) })
    }

    @Test func radamReportsRhoAndRectification() {
        var radam = RAdam(count: 1, beta2: 0.9)
        var theta: [Float] = [0]
        var reports: [OptimizerStepReport] = []
        for _ in 0..<8 { reports.append(radam.step(parameters: &theta, gradients: [1], learningRate: 0.01)) }
        for (i, r) in reports.enumerated() {
            #expect(r.rhoT == Rectification.rho(step: i + 1, beta2: 0.9))
            #expect((r.rectification != nil) == (r.rhoT! > 5))
        }
    }
}
