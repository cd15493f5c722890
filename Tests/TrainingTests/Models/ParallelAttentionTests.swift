import Testing
@testable import Training

@Suite("Parallel attention")
struct ParallelAttentionTests {
    @Test(arguments: [2, 3])
    func workersGiveIdenticalResults(_ workers: Int) throws {
        let task = CopyTask()
        let config = TransformerConfig(layers: 2, dModel: 16, heads: 2)
        let serial = Transformer<Float>(config: config, batchSize: 5, length: task.length, seed: 1)
        let parallel = Transformer<Float>(config: config, batchSize: 5, length: task.length, seed: 1)
        parallel.attentionWorkers = workers
        var batch = task.makeBatch(size: 5)
        var rng = Xoshiro256(seed: 2)
        for _ in 0..<3 {
            task.fill(&batch, using: &rng)
            #expect(serial.lossAndGradient(batch) == parallel.lossAndGradient(batch))
            #expect(serial.parameters.gradients.array == parallel.parameters.gradients.array)
        }
    }

    @Test func parallelBackwardPassesGradientCheck() throws {
        let task = CopyTask(half: 3, vocabulary: 7)
        let config = TransformerConfig(layers: 1, dModel: 8, heads: 2, vocabulary: 7, maxLength: task.length + 1)
        let model = Transformer<Double>(config: config, batchSize: 3, length: task.length, seed: 4)
        model.attentionWorkers = 2
        var batch = task.makeBatch(size: 3)
        var rng = Xoshiro256(seed: 5)
        task.fill(&batch, using: &rng)
        try ModelGradientTests().checkAllParameters(model, batch)
    }
}
