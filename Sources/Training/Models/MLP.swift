/// A multilayer perceptron classifier: h₀ = x; hᵢ = f(Wᵢ hᵢ₋₁ + bᵢ); logits = W_L h_{L−1} + b_L,
/// with nn.Linear's default initialisation and names `layers.<i>.weight` / `layers.<i>.bias`.
public final class MLP<Scalar: TrainingScalar>: TrainableModel {
    public let widths: [Int]
    public let activation: Activation
    public let batchSize: Int
    public let parameters: ParameterStore<Scalar>
    let input: Buffer<Scalar>
    let pre: [Buffer<Scalar>], post: [Buffer<Scalar>]
    /// gradPost[l]: d(input of layer l) for l ≥ 1; gradPre[l]: d(pre-activation of layer l).
    let gradPost: [Buffer<Scalar>], gradPre: [Buffer<Scalar>]
    let dlogits: Buffer<Scalar>
    let targets: UnsafeMutablePointer<Int32>, mask: UnsafeMutablePointer<Bool>

    /// `widths` = [input, hidden…, classes] (at least two entries, all positive).
    public init(widths: [Int], activation: Activation = .relu, batchSize: Int, seed: UInt64) {
        precondition(widths.count >= 2 && widths.allSatisfy { $0 > 0 })
        self.widths = widths
        self.activation = activation
        self.batchSize = batchSize
        var specs: [(name: String, shape: [Int])] = []
        for l in 0..<(widths.count - 1) {
            specs += [("layers.\(l).weight", [widths[l + 1], widths[l]]), ("layers.\(l).bias", [widths[l + 1]])]
        }
        parameters = ParameterStore(specs)
        var rng = Xoshiro256(seed: seed)
        for l in 0..<(widths.count - 1) {
            let bound = 1 / Double(widths[l]).squareRoot()
            Initialize.uniform(parameters.value(2 * l), count: parameters.tensors[2 * l].count, bound: bound, rng: &rng)
            Initialize.uniform(parameters.value(2 * l + 1), count: widths[l + 1], bound: bound, rng: &rng)
        }
        input = Buffer(count: batchSize * widths[0])
        pre = widths.dropFirst().map { Buffer(count: batchSize * $0) }
        post = widths.dropFirst().map { Buffer(count: batchSize * $0) }
        gradPost = widths.map { Buffer(count: batchSize * $0) }
        gradPre = widths.dropFirst().map { Buffer(count: batchSize * $0) }
        dlogits = Buffer(count: batchSize * widths.last!)
        targets = .allocate(capacity: batchSize); targets.initialize(repeating: 0, count: batchSize)
        mask = .allocate(capacity: batchSize); mask.initialize(repeating: false, count: batchSize)
    }

    deinit { targets.deallocate(); mask.deallocate() }

    var layerCount: Int { widths.count - 1 }

    @_specialize(where Scalar == Float)
    public func loss(_ batch: Batch) -> Double {
        precondition(batch.size == batchSize && batch.featureWidth == widths[0], "batch shape")
        for i in 0..<input.count { input[i] = Scalar(batch.features[i]) }
        for i in 0..<batchSize { targets[i] = batch.targets[i]; mask[i] = batch.lossMask[i] }
        for l in 0..<layerCount {
            let x = l == 0 ? input : post[l - 1]
            Linear.forward(out: pre[l].base, inp: x.base, weight: parameters.value(2 * l),
                           bias: parameters.value(2 * l + 1), rows: batchSize, inC: widths[l], outC: widths[l + 1])
            if l < layerCount - 1 {
                activation.forward(out: post[l].base, inp: pre[l].base, count: pre[l].count)
            }
        }
        return CrossEntropy.forwardBackward(dlogits: dlogits.base, logits: pre[layerCount - 1].base,
                                            targets: targets, mask: mask, rows: batchSize, classes: widths.last!)
    }

    @_specialize(where Scalar == Float)
    public func lossAndGradient(_ batch: Batch) -> Double {
        let loss = self.loss(batch)
        parameters.zeroGradients()
        var dout = dlogits  // d(pre-activation of layer l)
        for l in stride(from: layerCount - 1, through: 0, by: -1) {
            let x = l == 0 ? input : post[l - 1]
            if l > 0 { gradPost[l].zero() }
            Linear.backward(dinp: l == 0 ? nil : gradPost[l].base, dweight: parameters.gradient(2 * l),
                            dbias: parameters.gradient(2 * l + 1), dout: dout.base, inp: x.base,
                            weight: parameters.value(2 * l), rows: batchSize, inC: widths[l], outC: widths[l + 1])
            if l > 0 {
                gradPre[l - 1].zero()
                activation.backward(dinp: gradPre[l - 1].base, dout: gradPost[l].base, inp: pre[l - 1].base,
                                    out: post[l - 1].base, count: gradPre[l - 1].count)
                dout = gradPre[l - 1]
            }
        }
        return loss
    }
}
