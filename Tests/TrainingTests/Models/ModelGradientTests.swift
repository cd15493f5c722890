import Foundation
import Testing
@testable import Training

/// Whole-model backward (Double) against central finite differences of the masked loss,
/// over every parameter of a small model.
@Suite("Model gradients")
struct ModelGradientTests {
    @Test(arguments: TransformerConfig.Placement.allCases)
    func transformer(_ placement: TransformerConfig.Placement) throws {
        let task = CopyTask(half: 3, vocabulary: 7)
        let config = TransformerConfig(placement: placement, layers: 2, dModel: 8, heads: 2,
                                       vocabulary: 7, maxLength: task.length + 1)
        let model = Transformer<Double>(config: config, batchSize: 2, length: task.length, seed: 11)
        var batch = task.makeBatch(size: 2)
        var rng = Xoshiro256(seed: 3)
        task.fill(&batch, using: &rng)
        try checkAllParameters(model, batch)
    }

    @Test(arguments: [Activation.tanh, .gelu, .relu])
    func mlp(_ activation: Activation) throws {
        let task = TwoSpirals()
        let model = MLP<Double>(widths: [2, 5, 4, 2], activation: activation, batchSize: 6, seed: 5)
        var batch = task.makeBatch(size: 6)
        var rng = Xoshiro256(seed: 9)
        task.fill(&batch, using: &rng)
        try checkAllParameters(model, batch)
    }

    func checkAllParameters<M: TrainableModel>(_ model: M, _ batch: Batch) throws where M.Scalar == Double {
        _ = model.lossAndGradient(batch)
        let analytic = Array(model.parameters.gradients.buffer)
        #expect(analytic.contains { $0 != 0 })
        let numeric = FiniteDifference.gradient(of: { model.loss(batch) }, at: model.parameters.values.buffer)
        analytic.withUnsafeBufferPointer { a in
            for t in model.parameters.tensors {
                let slice = numeric.filter { $0.key >= t.offset && $0.key < t.offset + t.count }
                FiniteDifference.expectClose(a, slice, t.name)
            }
        }
    }
}
