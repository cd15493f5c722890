/// Builds the model and task of a config.
public enum ModelFactory {
    public static func task(_ config: TrainingConfig) -> any TrainingTask {
        switch config.task {
        case .copy: CopyTask()
        case .spirals: TwoSpirals()
        }
    }

    public static func model(_ config: TrainingConfig, task: any TrainingTask, seed: UInt64) -> any TrainableModel<Float> {
        switch config.model {
        case .postln, .preln:
            let t = TransformerConfig(placement: config.model == .postln ? .postLN : .preLN, layers: config.layers,
                                      dModel: config.dModel, heads: config.heads, vocabulary: task.classes,
                                      maxLength: task.length + 1)
            return Transformer<Float>(config: t, batchSize: config.batchSize, length: task.length, seed: seed,
                                      threads: config.threads)
        case .mlp:
            return MLP<Float>(widths: [task.featureWidth] + config.hidden + [task.classes],
                              activation: config.activation, batchSize: config.batchSize, seed: seed)
        }
    }

    /// OpenBLAS threads for a config: the transformer is data parallel over its own threads and
    /// calls BLAS single-threaded; the MLP leaves the threading to BLAS.
    public static func blasThreads(_ config: TrainingConfig) -> Int {
        config.model == .mlp ? config.threads : 1
    }
}
