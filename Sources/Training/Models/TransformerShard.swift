/// The working memory of one data-parallel shard of a ``Transformer``: a contiguous slice
/// of the batch (`sequences` sequences starting at `firstSequence`), its saved forward
/// activations, backward scratch, and the gradient buffer its backward accumulates into.
/// Shard 0 accumulates straight into the model's ``ParameterStore/gradients``; every other
/// shard owns a buffer of the same layout that the model adds in afterwards.
///
/// Shards share the parameter values (read only during forward and backward) and nothing
/// else, so they run on different threads without locks.
final class TransformerShard<Scalar: TrainingScalar> {
    /// Saved forward activations of one block.
    final class BlockActivations {
        let ln1Out, ln1Mean, ln1Rstd, qkv, attY, att, attProj, res1: Buffer<Scalar>
        let ln2Out, ln2Mean, ln2Rstd, ffH, ffA, ffOut, res2: Buffer<Scalar>
        init(n: Int, c: Int, f: Int, attention: Int) {
            ln1Out = Buffer(count: n * c); ln1Mean = Buffer(count: n); ln1Rstd = Buffer(count: n)
            qkv = Buffer(count: n * 3 * c); attY = Buffer(count: n * c); att = Buffer(count: attention)
            attProj = Buffer(count: n * c); res1 = Buffer(count: n * c)
            ln2Out = Buffer(count: n * c); ln2Mean = Buffer(count: n); ln2Rstd = Buffer(count: n)
            ffH = Buffer(count: n * f); ffA = Buffer(count: n * f); ffOut = Buffer(count: n * c)
            res2 = Buffer(count: n * c)
        }
    }

    let firstSequence: Int
    let sequences: Int
    let length: Int
    let embedded: Buffer<Scalar>
    let blocks: [BlockActivations]
    let lnfOut, lnfMean, lnfRstd, logits, dlogits: Buffer<Scalar>
    /// Backward scratch, reused by every block.
    let gX, gRes1, gRes2, gLn, gAttY, gQKV, gFFA, gFFH, gAtt: Buffer<Scalar>
    let tokens: UnsafeMutablePointer<Int32>, targets: UnsafeMutablePointer<Int32>
    let mask: UnsafeMutablePointer<Bool>
    /// The gradient buffer of this shard (flat, in the store's layout).
    let gradients: UnsafeMutablePointer<Scalar>
    private let ownedGradients: Buffer<Scalar>?
    private let offsets: [Int]

    /// `sharedGradients`: accumulate into this buffer (shard 0: the store's) instead of a new one.
    init(config: TransformerConfig, firstSequence: Int, sequences: Int, length: Int,
         store: ParameterStore<Scalar>, sharedGradients: Buffer<Scalar>?) {
        self.firstSequence = firstSequence
        self.sequences = sequences
        self.length = length
        let n = sequences * length, c = config.dModel, f = config.ffMultiplier * c
        let attention = sequences * config.heads * length * length
        embedded = Buffer(count: n * c)
        blocks = (0..<config.layers).map { _ in BlockActivations(n: n, c: c, f: f, attention: attention) }
        lnfOut = Buffer(count: n * c); lnfMean = Buffer(count: n); lnfRstd = Buffer(count: n)
        logits = Buffer(count: n * config.vocabulary); dlogits = Buffer(count: n * config.vocabulary)
        gX = Buffer(count: n * c); gRes1 = Buffer(count: n * c); gRes2 = Buffer(count: n * c)
        gLn = Buffer(count: n * c); gAttY = Buffer(count: n * c); gQKV = Buffer(count: n * 3 * c)
        gFFA = Buffer(count: n * f); gFFH = Buffer(count: n * f); gAtt = Buffer(count: length * length)
        tokens = .allocate(capacity: n); targets = .allocate(capacity: n); mask = .allocate(capacity: n)
        tokens.initialize(repeating: 0, count: n); targets.initialize(repeating: 0, count: n)
        mask.initialize(repeating: false, count: n)
        ownedGradients = sharedGradients == nil ? Buffer(count: store.count) : nil
        gradients = (sharedGradients ?? ownedGradients!).base
        offsets = store.tensors.map(\.offset)
    }

    deinit {
        tokens.deallocate(); targets.deallocate(); mask.deallocate()
    }

    /// Rows (token positions) of this shard: sequences · length.
    var rows: Int { sequences * length }

    /// This shard's gradient of parameter tensor `i`.
    @inline(__always)
    func gradient(_ i: Int) -> UnsafeMutablePointer<Scalar> { gradients + offsets[i] }

    /// Copies this shard's sequences of `batch` into its token, target and mask rows.
    func load(_ batch: Batch) {
        let r0 = firstSequence * length
        for i in 0..<rows {
            tokens[i] = batch.tokens[r0 + i]; targets[i] = batch.targets[r0 + i]; mask[i] = batch.lossMask[r0 + i]
        }
    }
}
