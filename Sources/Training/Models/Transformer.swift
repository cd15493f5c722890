import Dispatch

/// The decoder-only transformer of the reference script (post-LN) or its pre-LN variant:
///
///     h = E[x] · √d + P[t]
///     post-LN block:  h = LN1(h + MHA(h));  h = LN2(h + W2 relu(W1 h + b1) + b2)
///     pre-LN block:   h = h + MHA(LN1(h));  h = h + W2 relu(W1 LN2(h) + b1) + b2
///     logits = W_out h + b_out        (pre-LN: W_out LN_f(h) + b_out)
///
/// **Data parallel.** With `threads = S > 1` the batch is split into S contiguous shards
/// (``TransformerShard``) that each run forward and backward on their own thread, with
/// single-threaded BLAS, into their own gradient buffer. The loss of every shard is
/// normalised by the masked count of the *whole* batch, so the full gradient is the plain sum
///
///     g = ((g₀ + g₁) + g₂) + … + g_{S−1}
///
/// added in that fixed order (split over the threads by parameter range). Results are
/// deterministic for a given S and equal across S up to Float32 rounding (each shard's GEMMs
/// sum over fewer rows).
///
/// Activations are preallocated for one batch shape; a step allocates nothing.
public final class Transformer<Scalar: TrainingScalar>: TrainableModel {
    public let config: TransformerConfig
    public let batchSize: Int
    public let length: Int
    public let parameters: ParameterStore<Scalar>
    let index: TransformerParameterIndex
    private(set) var shards: [TransformerShard<Scalar>] = []

    /// Threads (= batch shards) for forward and backward, at most the batch size. Setting it
    /// reallocates the activations.
    public var threads = 1 {
        didSet {
            threads = max(1, min(threads, batchSize, 64))
            if threads != oldValue { makeShards() }
        }
    }

    /// Builds and initialises the model for batches of `batchSize` sequences of `length` tokens
    /// (`length ≤ config.maxLength`, `dModel` divisible by `heads`; the config validates these).
    public init(config: TransformerConfig, batchSize: Int, length: Int, seed: UInt64, threads: Int = 1) {
        precondition(length <= config.maxLength && config.dModel % config.heads == 0)
        self.config = config
        self.batchSize = batchSize
        self.length = length
        parameters = ParameterStore(TransformerParameterIndex.specs(config))
        index = TransformerParameterIndex(config)
        var rng = Xoshiro256(seed: seed)
        index.initialize(parameters, config: config, rng: &rng)
        self.threads = max(1, min(threads, batchSize, 64))
        makeShards()
    }

    /// Shard k holds sequences ⌊kB/S⌋ ..< ⌊(k+1)B/S⌋.
    private func makeShards() {
        let s = threads
        shards = (0..<s).map { k in
            let b0 = k * batchSize / s, b1 = (k + 1) * batchSize / s
            return TransformerShard(config: config, firstSequence: b0, sequences: b1 - b0, length: length,
                                    store: parameters, sharedGradients: k == 0 ? parameters.gradients : nil)
        }
    }

    /// Logits of the last forward pass, [B·T, vocabulary].
    public var lastLogits: UnsafeBufferPointer<Scalar> {
        precondition(shards.count == 1, "lastLogits needs threads = 1")
        return UnsafeBufferPointer(shards[0].logits.buffer)
    }

    @_specialize(where Scalar == Float)
    public func loss(_ batch: Batch) -> Double {
        precondition(batch.size == batchSize && batch.length == length, "batch shape")
        let total = Self.maskedCount(batch)
        return sumOverShards { shard in
            shard.load(batch)
            return forwardAndLoss(shard, normalizer: total)
        }
    }

    /// Zeroes the gradients and runs forward and backward on every shard, then sums the
    /// shards' gradients into ``ParameterStore/gradients``.
    @_specialize(where Scalar == Float)
    public func lossAndGradient(_ batch: Batch) -> Double {
        precondition(batch.size == batchSize && batch.length == length, "batch shape")
        let total = Self.maskedCount(batch), count = parameters.count
        let loss = sumOverShards { shard in
            shard.load(batch)
            let loss = forwardAndLoss(shard, normalizer: total)
            shard.gradients.update(repeating: 0, count: count)
            backward(shard)
            return loss
        }
        reduceGradients()
        return loss
    }

    static func maskedCount(_ batch: Batch) -> Int { batch.lossMask.reduce(0) { $0 + ($1 ? 1 : 0) } }

    /// Runs `body` on every shard, one thread each, and returns the sum of the results in shard order.
    private func sumOverShards(_ body: (TransformerShard<Scalar>) -> Double) -> Double {
        if shards.count == 1 { return body(shards[0]) }
        var results = [Double](repeating: 0, count: shards.count)
        results.withUnsafeMutableBufferPointer { out in
            let out = UncheckedSendable(value: out)
            withoutActuallyEscaping(body) { body in
                let task = UncheckedSendable(value: body), shards = UncheckedSendable(value: self.shards)
                DispatchQueue.concurrentPerform(iterations: shards.value.count) { k in
                    out.value[k] = task.value(shards.value[k])
                }
            }
        }
        return results.reduce(0, +)
    }

    /// g₀ += g₁; g₀ += g₂; … element by element in that order, split by parameter range
    /// over the threads.
    private func reduceGradients() {
        guard shards.count > 1 else { return }
        let parts = UncheckedSendable(value: shards.map(\.gradients)), n = parameters.count, s = shards.count
        DispatchQueue.concurrentPerform(iterations: s) { k in
            let lo = k * n / s, hi = (k + 1) * n / s
            let g0 = parts.value[0]
            for j in 1..<s {
                let gj = parts.value[j]
                for i in lo..<hi { g0[i] += gj[i] }
            }
        }
    }
}

/// Hands a value to worker threads that use it on disjoint data.
struct UncheckedSendable<T>: @unchecked Sendable {
    let value: T
}
