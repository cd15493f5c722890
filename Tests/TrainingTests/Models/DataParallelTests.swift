import Foundation
import Numerics
import Testing
@testable import Training

/// The data-parallel transformer (`threads` = batch shards) against the one-shard run.
///
/// Tolerance: the shards' loss and gradients add up to the whole batch's, so the only
/// difference is Float32 rounding order (each shard's GEMMs sum over fewer rows, then the
/// shards are added). We require, per parameter tensor, ‖g_S − g_1‖∞ ≤ 1e-5 · ‖g_1‖∞ + 1e-9,
/// and the losses to agree to 1e-6 relative; in Double the sharded backward must pass the
/// same finite-difference check as the serial one.
@Suite("Data-parallel transformer")
struct DataParallelTests {
    static let gradientTolerance: Float = 1e-5

    @Test(arguments: [(TransformerConfig.Placement.postLN, 2), (.postLN, 3), (.preLN, 2), (.preLN, 5)])
    func shardsMatchOneThread(_ placement: TransformerConfig.Placement, threads: Int) throws {
        let task = CopyTask()
        let config = TransformerConfig(placement: placement, layers: 2, dModel: 16, heads: 2)
        let serial = Transformer<Float>(config: config, batchSize: 5, length: task.length, seed: 1)
        let parallel = Transformer<Float>(config: config, batchSize: 5, length: task.length, seed: 1, threads: threads)
        #expect(parallel.shards.count == threads)
        var batch = task.makeBatch(size: 5)
        var rng = Xoshiro256(seed: 2)
        for _ in 0..<3 {
            task.fill(&batch, using: &rng)
            let a = serial.lossAndGradient(batch), b = parallel.lossAndGradient(batch)
            #expect(b.isApproximatelyEqual(to: a, relativeTolerance: 1e-6))
            for t in serial.parameters.tensors {
                let g1 = serial.parameters.gradients.array[t.offset..<(t.offset + t.count)]
                let gs = parallel.parameters.gradients.array[t.offset..<(t.offset + t.count)]
                let scale = g1.map(abs).max() ?? 0
                let diff = zip(g1, gs).map { abs($0 - $1) }.max() ?? 0
                #expect(diff <= Self.gradientTolerance * scale + 1e-9, "\(t.name): \(diff) vs max \(scale)")
            }
        }
    }

    @Test func sameThreadsSameBits() throws {
        let task = CopyTask()
        let config = TransformerConfig(layers: 2, dModel: 16, heads: 2)
        let a = Transformer<Float>(config: config, batchSize: 6, length: task.length, seed: 3, threads: 2)
        let b = Transformer<Float>(config: config, batchSize: 6, length: task.length, seed: 3, threads: 2)
        var batch = task.makeBatch(size: 6)
        var rng = Xoshiro256(seed: 4)
        task.fill(&batch, using: &rng)
        #expect(a.lossAndGradient(batch) == b.lossAndGradient(batch))
        #expect(a.parameters.gradients.array == b.parameters.gradients.array)
    }

    @Test(arguments: TransformerConfig.Placement.allCases)
    func shardedBackwardPassesGradientCheck(_ placement: TransformerConfig.Placement) throws {
        let task = CopyTask(half: 3, vocabulary: 7)
        let config = TransformerConfig(placement: placement, layers: 1, dModel: 8, heads: 2, vocabulary: 7,
                                       maxLength: task.length + 1)
        let model = Transformer<Double>(config: config, batchSize: 3, length: task.length, seed: 4, threads: 2)
        var batch = task.makeBatch(size: 3)
        var rng = Xoshiro256(seed: 5)
        task.fill(&batch, using: &rng)
        try ModelGradientTests().checkAllParameters(model, batch)
    }

    /// A short training run at 2 threads follows the 1-thread run: the losses of the first 20
    /// Adam steps agree to 1e-3 relative (rounding differences grow with the steps, slowly
    /// while the run is healthy).
    @Test func twoThreadTrainingFollowsOneThread() throws {
        var c = TrainingConfig()
        c.layers = 2; c.dModel = 32; c.heads = 4; c.batchSize = 8; c.steps = 20; c.warmupSteps = 10
        try c.set("optimizer", .string("adam-warmup"))
        c.threads = 1
        let one = InMemoryLogSink(histogramTags: [])
        _ = try train(c, sink: one)
        c.threads = 2
        let two = InMemoryLogSink(histogramTags: [])
        _ = try train(c, sink: two)
        let a = one.values("loss"), b = two.values("loss")
        #expect(a.count == 20 && b.count == 20)
        for (x, y) in zip(a, b) { #expect(y.isApproximatelyEqual(to: x, relativeTolerance: 1e-3), "\(x) vs \(y)") }
    }
}
