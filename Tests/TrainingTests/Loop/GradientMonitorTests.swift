import Foundation
import Histograms
import Numerics
import Testing
@testable import Training

@Suite("Gradient monitor")
struct GradientMonitorTests {
    /// The logging path the trainer uses (``LogPipeline``): scalars from the training
    /// thread's pass, histograms per tensor and their merge, against direct computation.
    @Test func statisticsMatchDirectComputation() throws {
        let store = ParameterStore<Float>([("a", [3, 7]), ("b", [5]), ("c", [40])])
        var rng = Xoshiro256(seed: 4)
        let g = store.gradients.buffer
        for i in 0..<store.count { g[i] = Float(rng.normal() * pow(10, rng.uniform(-10, 1))) }
        g[2] = 0; g[30] = -1e-9
        let sink = InMemoryLogSink()
        let pipeline = LogPipeline(sink: sink, tensors: store.tensors, parameterCount: store.count, scale: 3, keepMedianSteps: [1])
        let r = pipeline.absoluteGradients(store.gradients.base, count: store.count, step: 1)
        pipeline.submit(step: 1, scalars: [], histograms: true)
        try pipeline.finish()
        let values = Array(g).map { Double($0) }
        let norm = values.reduce(0) { $0 + $1 * $1 }.squareRoot()
        #expect(r.sumSquares.squareRoot().isApproximatelyEqual(to: norm, relativeTolerance: 1e-5))
        #expect(r.below == values.filter { abs($0) < 1e-8 }.count)
        #expect(["a", "b", "c"].map { sink.histograms["grad/" + $0]?.first?.histogram.count } == [21, 5, 40])
        let all = try #require(sink.histograms["grad/abs_all"]?.first?.histogram)
        #expect(all.count == 66 && all.zeroCount == 1)
        #expect(all.negative.total == 0)
        // The median of |g| lies in the bucket the histogram reports (one bucket = factor 2^(1/8)).
        let sorted = values.map(abs).sorted()
        let exact = sorted[(sorted.count - 1) / 2]
        let m = try #require(pipeline.medianLog10(at: 1))
        #expect(sink.values("grad/median_log10") == [m])
        #expect(abs(m - log10(exact)) <= log10(pow(2, 1.0 / 8)) + 1e-12)
    }

    @Test func chunkedAbsoluteValuesAgree() {
        let n = 200_003
        let g = UnsafeMutablePointer<Float>.allocate(capacity: n), out = UnsafeMutablePointer<Float>.allocate(capacity: n)
        defer { g.deallocate(); out.deallocate() }
        var rng = Xoshiro256(seed: 9)
        for i in 0..<n { g[i] = Float(rng.normal()) * (i % 10 == 0 ? 1e-9 : 1) }
        let r = GradientMonitor.absoluteValuesChunked(g, into: out, count: n)
        var ss = 0.0, below = 0
        for i in 0..<n { ss += Double(g[i]) * Double(g[i]); below += abs(g[i]) < 1e-8 ? 1 : 0; #expect(out[i] == abs(g[i])) }
        #expect(r.sumSquares.isApproximatelyEqual(to: ss, relativeTolerance: 1e-5))
        #expect(r.below == below)
    }
}
