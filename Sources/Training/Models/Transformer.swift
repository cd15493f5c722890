import Dispatch

/// The decoder-only transformer of the reference script (post-LN) or its pre-LN variant:
///
///     h = E[x] · √d + P[t]
///     post-LN block:  h = LN1(h + MHA(h));  h = LN2(h + W2 relu(W1 h + b1) + b2)
///     pre-LN block:   h = h + MHA(LN1(h));  h = h + W2 relu(W1 LN2(h) + b1) + b2
///     logits = W_out h + b_out        (pre-LN: W_out LN_f(h) + b_out)
///
/// Activations are preallocated for one batch shape; a step allocates nothing.
public final class Transformer<Scalar: TrainingScalar>: TrainableModel {
    public let config: TransformerConfig
    public let batchSize: Int
    public let length: Int
    public let parameters: ParameterStore<Scalar>
    /// Threads for the attention core (per-head GEMMs and softmax), split over the batch.
    /// Results do not depend on it: each sequence is computed by exactly one thread.
    public var attentionWorkers = 1 {
        didSet { attentionWorkers = max(1, min(attentionWorkers, batchSize, 16)) }
    }
    let index: TransformerParameterIndex

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

    let embedded: Buffer<Scalar>
    let blocks: [BlockActivations]
    let lnfOut, lnfMean, lnfRstd, logits, dlogits: Buffer<Scalar>
    // Backward scratch, reused by every block.
    let gX, gRes1, gRes2, gLn, gAttY, gQKV, gFFA, gFFH, gAtt: Buffer<Scalar>
    let tokens: UnsafeMutablePointer<Int32>, targets: UnsafeMutablePointer<Int32>
    let mask: UnsafeMutablePointer<Bool>

    /// Builds and initialises the model for batches of `batchSize` sequences of `length` tokens
    /// (`length ≤ config.maxLength`, `dModel` divisible by `heads`; the config validates these).
    public init(config: TransformerConfig, batchSize: Int, length: Int, seed: UInt64) {
        precondition(length <= config.maxLength && config.dModel % config.heads == 0)
        self.config = config
        self.batchSize = batchSize
        self.length = length
        parameters = ParameterStore(TransformerParameterIndex.specs(config))
        index = TransformerParameterIndex(config)
        var rng = Xoshiro256(seed: seed)
        index.initialize(parameters, config: config, rng: &rng)

        let n = batchSize * length, c = config.dModel, f = config.ffMultiplier * c
        let attention = batchSize * config.heads * length * length
        embedded = Buffer(count: n * c)
        blocks = (0..<config.layers).map { _ in BlockActivations(n: n, c: c, f: f, attention: attention) }
        lnfOut = Buffer(count: n * c); lnfMean = Buffer(count: n); lnfRstd = Buffer(count: n)
        logits = Buffer(count: n * config.vocabulary); dlogits = Buffer(count: n * config.vocabulary)
        gX = Buffer(count: n * c); gRes1 = Buffer(count: n * c); gRes2 = Buffer(count: n * c)
        gLn = Buffer(count: n * c); gAttY = Buffer(count: n * c); gQKV = Buffer(count: n * 3 * c)
        gFFA = Buffer(count: n * f); gFFH = Buffer(count: n * f); gAtt = Buffer(count: 16 * length * length)
        tokens = .allocate(capacity: n); targets = .allocate(capacity: n); mask = .allocate(capacity: n)
        tokens.initialize(repeating: 0, count: n); targets.initialize(repeating: 0, count: n)
        mask.initialize(repeating: false, count: n)
    }

    deinit {
        tokens.deallocate(); targets.deallocate(); mask.deallocate()
    }

    var rows: Int { batchSize * length }

    /// The output of block l (its input is the output of l − 1, or the embedding).
    func blockOutput(_ l: Int) -> Buffer<Scalar> {
        l < 0 ? embedded : (config.placement == .postLN ? blocks[l].ln2Out : blocks[l].res2)
    }

    /// The final hidden state fed to the read-out.
    var finalHidden: Buffer<Scalar> { config.placement == .postLN ? blockOutput(config.layers - 1) : lnfOut }

    @_specialize(where Scalar == Float)
    func load(_ batch: Batch) {
        precondition(batch.size == batchSize && batch.length == length, "batch shape")
        for i in 0..<rows {
            tokens[i] = batch.tokens[i]; targets[i] = batch.targets[i]; mask[i] = batch.lossMask[i]
        }
    }

    @_specialize(where Scalar == Float)
    public func loss(_ batch: Batch) -> Double {
        load(batch)
        forward()
        return CrossEntropy.forwardBackward(dlogits: dlogits.base, logits: logits.base, targets: targets,
                                            mask: mask, rows: rows, classes: config.vocabulary)
    }

    @_specialize(where Scalar == Float)
    public func lossAndGradient(_ batch: Batch) -> Double {
        let loss = self.loss(batch)
        parameters.zeroGradients()
        backward()
        return loss
    }

    /// Logits of the last forward pass, [B·T, vocabulary].
    public var lastLogits: UnsafeBufferPointer<Scalar> { UnsafeBufferPointer(logits.buffer) }

    @_specialize(where Scalar == Float)
    func forward() {
        let p = parameters, ix = index, c = config.dModel, f = config.ffMultiplier * c, n = rows
        Embedding.forward(out: embedded.base, tokens: tokens, table: p.value(ix.embedding),
                          positions: p.value(ix.positions), scale: Scalar(Double(c).squareRoot()),
                          batch: batchSize, length: length, channels: c)
        for (l, a) in blocks.enumerated() {
            let b = ix.blocks[l], x = blockOutput(l - 1).base
            let pre = config.placement == .preLN
            if pre {
                LayerNorm.forward(out: a.ln1Out.base, mean: a.ln1Mean.base, rstd: a.ln1Rstd.base, inp: x,
                                  weight: p.value(b.ln1W), bias: p.value(b.ln1B), rows: n, channels: c)
            }
            Linear.forward(out: a.qkv.base, inp: pre ? a.ln1Out.base : x, weight: p.value(b.inProjW),
                           bias: p.value(b.inProjB), rows: n, inC: c, outC: 3 * c)
            forEachBatchSlice { b0, nb, _ in
                CausalSelfAttention.forward(out: a.attY.base + b0 * length * c,
                                            att: a.att.base + b0 * config.heads * length * length,
                                            qkv: a.qkv.base + b0 * length * 3 * c,
                                            batch: nb, length: length, channels: c, heads: config.heads)
            }
            Linear.forward(out: a.attProj.base, inp: a.attY.base, weight: p.value(b.outProjW),
                           bias: p.value(b.outProjB), rows: n, inC: c, outC: c)
            for i in 0..<(n * c) { a.res1[i] = x[i] + a.attProj[i] }
            let ffIn: Buffer<Scalar>
            if pre {
                LayerNorm.forward(out: a.ln2Out.base, mean: a.ln2Mean.base, rstd: a.ln2Rstd.base, inp: a.res1.base,
                                  weight: p.value(b.ln2W), bias: p.value(b.ln2B), rows: n, channels: c)
                ffIn = a.ln2Out
            } else {
                LayerNorm.forward(out: a.ln1Out.base, mean: a.ln1Mean.base, rstd: a.ln1Rstd.base, inp: a.res1.base,
                                  weight: p.value(b.ln1W), bias: p.value(b.ln1B), rows: n, channels: c)
                ffIn = a.ln1Out
            }
            Linear.forward(out: a.ffH.base, inp: ffIn.base, weight: p.value(b.ff1W), bias: p.value(b.ff1B),
                           rows: n, inC: c, outC: f)
            Activation.relu.forward(out: a.ffA.base, inp: a.ffH.base, count: n * f)
            Linear.forward(out: a.ffOut.base, inp: a.ffA.base, weight: p.value(b.ff2W), bias: p.value(b.ff2B),
                           rows: n, inC: f, outC: c)
            let skip = pre ? a.res1 : ffIn
            for i in 0..<(n * c) { a.res2[i] = skip[i] + a.ffOut[i] }
            if !pre {
                LayerNorm.forward(out: a.ln2Out.base, mean: a.ln2Mean.base, rstd: a.ln2Rstd.base, inp: a.res2.base,
                                  weight: p.value(b.ln2W), bias: p.value(b.ln2B), rows: n, channels: c)
            }
        }
        if config.placement == .preLN {
            LayerNorm.forward(out: lnfOut.base, mean: lnfMean.base, rstd: lnfRstd.base,
                              inp: blockOutput(config.layers - 1).base,
                              weight: p.value(ix.lnfW), bias: p.value(ix.lnfB), rows: n, channels: c)
        }
        Linear.forward(out: logits.base, inp: finalHidden.base, weight: p.value(ix.outW), bias: p.value(ix.outB),
                       rows: n, inC: c, outC: config.vocabulary)
    }

    /// Runs `body(firstSequence, sequenceCount, worker)` over disjoint slices of the batch,
    /// on `attentionWorkers` threads.
    @inline(__always)
    func forEachBatchSlice(_ body: (Int, Int, Int) -> Void) {
        let workers = attentionWorkers
        if workers <= 1 { body(0, batchSize, 0); return }
        let per = (batchSize + workers - 1) / workers, n = batchSize
        withoutActuallyEscaping(body) { body in
            // Each slice touches disjoint rows of the activation buffers.
            let task = UncheckedSendable(value: body)
            DispatchQueue.concurrentPerform(iterations: workers) { k in
                let b0 = k * per, b1 = min(n, b0 + per)
                if b0 < b1 { task.value(b0, b1 - b0, k) }
            }
        }
    }

    /// Backward from `dlogits` (written by the loss); accumulates into the parameter gradients.
    @_specialize(where Scalar == Float)
    func backward() {
        let p = parameters, ix = index, c = config.dModel, f = config.ffMultiplier * c, n = rows, nc = n * c
        let pre = config.placement == .preLN
        // gX holds d(output of the current block).
        if pre {
            gLn.zero()
            Linear.backward(dinp: gLn.base, dweight: p.gradient(ix.outW), dbias: p.gradient(ix.outB),
                            dout: dlogits.base, inp: lnfOut.base, weight: p.value(ix.outW),
                            rows: n, inC: c, outC: config.vocabulary)
            gX.zero()
            LayerNorm.backward(dinp: gX.base, dweight: p.gradient(ix.lnfW), dbias: p.gradient(ix.lnfB),
                               dout: gLn.base, inp: blockOutput(config.layers - 1).base, weight: p.value(ix.lnfW),
                               mean: lnfMean.base, rstd: lnfRstd.base, rows: n, channels: c)
        } else {
            gX.zero()
            Linear.backward(dinp: gX.base, dweight: p.gradient(ix.outW), dbias: p.gradient(ix.outB),
                            dout: dlogits.base, inp: finalHidden.base, weight: p.value(ix.outW),
                            rows: n, inC: c, outC: config.vocabulary)
        }
        for l in stride(from: config.layers - 1, through: 0, by: -1) {
            let a = blocks[l], b = ix.blocks[l], x = blockOutput(l - 1).base
            // gRes2 = d(res2); gLn = d(ffIn) accumulates the residual and the FF branch.
            if pre {
                gRes2.base.update(from: gX.base, count: nc)
            } else {
                gRes2.zero()
                LayerNorm.backward(dinp: gRes2.base, dweight: p.gradient(b.ln2W), dbias: p.gradient(b.ln2B),
                                   dout: gX.base, inp: a.res2.base, weight: p.value(b.ln2W),
                                   mean: a.ln2Mean.base, rstd: a.ln2Rstd.base, rows: n, channels: c)
            }
            let ffIn = pre ? a.ln2Out : a.ln1Out
            if pre { gLn.zero() } else { gLn.base.update(from: gRes2.base, count: nc) }
            gFFA.zero()
            Linear.backward(dinp: gFFA.base, dweight: p.gradient(b.ff2W), dbias: p.gradient(b.ff2B),
                            dout: gRes2.base, inp: a.ffA.base, weight: p.value(b.ff2W), rows: n, inC: f, outC: c)
            gFFH.zero()
            Activation.relu.backward(dinp: gFFH.base, dout: gFFA.base, inp: a.ffH.base, out: a.ffA.base, count: n * f)
            Linear.backward(dinp: gLn.base, dweight: p.gradient(b.ff1W), dbias: p.gradient(b.ff1B),
                            dout: gFFH.base, inp: ffIn.base, weight: p.value(b.ff1W), rows: n, inC: c, outC: f)
            // gRes1 = d(res1).
            if pre {
                gRes1.base.update(from: gRes2.base, count: nc)
                LayerNorm.backward(dinp: gRes1.base, dweight: p.gradient(b.ln2W), dbias: p.gradient(b.ln2B),
                                   dout: gLn.base, inp: a.res1.base, weight: p.value(b.ln2W),
                                   mean: a.ln2Mean.base, rstd: a.ln2Rstd.base, rows: n, channels: c)
            } else {
                gRes1.zero()
                LayerNorm.backward(dinp: gRes1.base, dweight: p.gradient(b.ln1W), dbias: p.gradient(b.ln1B),
                                   dout: gLn.base, inp: a.res1.base, weight: p.value(b.ln1W),
                                   mean: a.ln1Mean.base, rstd: a.ln1Rstd.base, rows: n, channels: c)
            }
            gAttY.zero()
            Linear.backward(dinp: gAttY.base, dweight: p.gradient(b.outProjW), dbias: p.gradient(b.outProjB),
                            dout: gRes1.base, inp: a.attY.base, weight: p.value(b.outProjW), rows: n, inC: c, outC: c)
            gQKV.zero()
            forEachBatchSlice { b0, nb, worker in
                CausalSelfAttention.backward(dqkv: gQKV.base + b0 * length * 3 * c,
                                             scratch: gAtt.base + worker * length * length,
                                             dout: gAttY.base + b0 * length * c,
                                             qkv: a.qkv.base + b0 * length * 3 * c,
                                             att: a.att.base + b0 * config.heads * length * length,
                                             batch: nb, length: length, channels: c, heads: config.heads)
            }
            // gX ← d(block input) = residual + attention branch.
            gX.base.update(from: gRes1.base, count: nc)
            if pre {
                gLn.zero()
                Linear.backward(dinp: gLn.base, dweight: p.gradient(b.inProjW), dbias: p.gradient(b.inProjB),
                                dout: gQKV.base, inp: a.ln1Out.base, weight: p.value(b.inProjW),
                                rows: n, inC: c, outC: 3 * c)
                LayerNorm.backward(dinp: gX.base, dweight: p.gradient(b.ln1W), dbias: p.gradient(b.ln1B),
                                   dout: gLn.base, inp: x, weight: p.value(b.ln1W),
                                   mean: a.ln1Mean.base, rstd: a.ln1Rstd.base, rows: n, channels: c)
            } else {
                Linear.backward(dinp: gX.base, dweight: p.gradient(b.inProjW), dbias: p.gradient(b.inProjB),
                                dout: gQKV.base, inp: x, weight: p.value(b.inProjW), rows: n, inC: c, outC: 3 * c)
            }
        }
        Embedding.backward(dtable: p.gradient(ix.embedding), dpositions: p.gradient(ix.positions), dout: gX.base,
                           tokens: tokens, scale: Scalar(Double(c).squareRoot()),
                           batch: batchSize, length: length, channels: c)
    }
}

/// Hands a value to worker threads that use it on disjoint data.
struct UncheckedSendable<T>: @unchecked Sendable {
    let value: T
}
