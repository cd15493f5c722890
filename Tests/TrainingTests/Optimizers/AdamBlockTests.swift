import Foundation
import Numerics
import Testing
@testable import Training

/// Adam's eight-lane loop (``AdamUpdate``) against the scalar torch.optim formula in Float, over a
/// count that leaves full 256-parameter blocks, a partial block and a tail of 3.
@Suite("Adam in blocks")
struct AdamBlockTests {
    @Test(arguments: [0.0, 0.01])
    func parametersEqualTheScalarFormulaBitForBit(weightDecay: Double) {
        let n = 2 * 256 + 8 * 5 + 3, lr = 1e-3, b1 = 0.9, b2 = 0.999, eps: Float = 1e-8
        var rng = Xoshiro256(seed: 21)
        var adam = Adam(count: n, weightDecay: weightDecay)
        var theta = (0..<n).map { _ in Float(rng.normal()) }
        var want = theta, m = [Float](repeating: 0, count: n), v = m
        for t in 1...3 {
            let g = (0..<n).map { _ in Float(rng.normal() * pow(10, rng.uniform(-6, 0))) }
            let report = adam.step(parameters: &theta, gradients: g, learningRate: lr)
            let bc1 = 1 - pow(b1, Double(t)), bc2 = 1 - pow(b2, Double(t))
            let stepSize = Float(lr / bc1), inv = Float(1 / bc2.squareRoot()), decay = Float(1 - lr * weightDecay)
            var adaptive = 0.0
            for i in 0..<n {
                if weightDecay != 0 { want[i] *= decay }
                m[i] += Float(1 - b1) * (g[i] - m[i])
                v[i] = Float(b2) * v[i] + Float(1 - b2) * (g[i] * g[i])
                let denom = v[i].squareRoot() * inv + eps
                want[i] -= stepSize * (m[i] / denom)
                adaptive += Double(Float(lr) / denom)
            }
            #expect(theta.map(\.bitPattern) == want.map(\.bitPattern), "step \(t)")
            let mean = adaptive / Double(n)
            #expect(report.meanAdaptiveStep.map { $0.isApproximatelyEqual(to: mean, relativeTolerance: 1e-6) } == true)
        }
    }
}

/// The eight-lane sum against exact sums of small integers (every partial sum is exact in Float).
@Suite("Eight-lane sums")
struct LanesTests {
    @Test(arguments: [0, 1, 7, 8, 9, 16, 63, 1000])
    func sumsEqualTheExactSum(count n: Int) {
        let x = (0..<n).map { Float(($0 * 37) % 101) - 50 }
        let exact = (0..<n).reduce(0) { $0 + (($1 * 37) % 101) - 50 }
        let total = x.withUnsafeBufferPointer { p in
            Lanes.sum(n, lanes: { Lanes.load(p.baseAddress!, $0) }, scalar: { p[$0] })
        }
        #expect(total == Float(exact))
    }
}
