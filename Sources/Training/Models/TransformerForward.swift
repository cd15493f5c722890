extension Transformer {
    /// The output of block l in `s` (its input is the output of l − 1, or the embedding).
    func blockOutput(_ l: Int, _ s: TransformerShard<Scalar>) -> Buffer<Scalar> {
        l < 0 ? s.embedded : (config.placement == .postLN ? s.blocks[l].ln2Out : s.blocks[l].res2)
    }

    /// The final hidden state fed to the read-out.
    func finalHidden(_ s: TransformerShard<Scalar>) -> Buffer<Scalar> {
        config.placement == .postLN ? blockOutput(config.layers - 1, s) : s.lnfOut
    }

    /// Forward over the shard's rows, then the loss and `dlogits`, both divided by
    /// `normalizer` (the masked count of the whole batch). Returns the shard's share of the loss.
    @_specialize(where Scalar == Float)
    func forwardAndLoss(_ s: TransformerShard<Scalar>, normalizer: Int) -> Double {
        let p = parameters, ix = index, c = config.dModel, n = s.rows
        Embedding.forward(out: s.embedded.base, tokens: s.tokens, table: p.value(ix.embedding),
                          positions: p.value(ix.positions), scale: Scalar(Double(c).squareRoot()),
                          batch: s.sequences, length: length, channels: c)
        for l in 0..<config.layers {
            switch config.placement {
            case .postLN: postLNBlockForward(l, s)
            case .preLN: preLNBlockForward(l, s)
            }
        }
        if config.placement == .preLN {
            LayerNorm.forward(out: s.lnfOut.base, mean: s.lnfMean.base, rstd: s.lnfRstd.base,
                              inp: blockOutput(config.layers - 1, s).base,
                              weight: p.value(ix.lnfW), bias: p.value(ix.lnfB), rows: n, channels: c)
        }
        Linear.forward(out: s.logits.base, inp: finalHidden(s).base, weight: p.value(ix.outW), bias: p.value(ix.outB),
                       rows: n, inC: c, outC: config.vocabulary)
        return CrossEntropy.forwardBackward(dlogits: s.dlogits.base, logits: s.logits.base, targets: s.targets,
                                            mask: s.mask, rows: n, classes: config.vocabulary, normalizer: normalizer)
    }

    /// res1 = x + MHA(x);  h = LN1(res1);  res2 = h + FF(h);  out = LN2(res2).
    @_specialize(where Scalar == Float)
    func postLNBlockForward(_ l: Int, _ s: TransformerShard<Scalar>) {
        let p = parameters, b = index.blocks[l], a = s.blocks[l], x = blockOutput(l - 1, s).base
        let c = config.dModel, n = s.rows
        attentionForward(a, inp: x, b, s)
        for i in 0..<(n * c) { a.res1[i] = x[i] + a.attProj[i] }
        LayerNorm.forward(out: a.ln1Out.base, mean: a.ln1Mean.base, rstd: a.ln1Rstd.base, inp: a.res1.base,
                          weight: p.value(b.ln1W), bias: p.value(b.ln1B), rows: n, channels: c)
        feedForwardForward(a, inp: a.ln1Out.base, b, s)
        for i in 0..<(n * c) { a.res2[i] = a.ln1Out[i] + a.ffOut[i] }
        LayerNorm.forward(out: a.ln2Out.base, mean: a.ln2Mean.base, rstd: a.ln2Rstd.base, inp: a.res2.base,
                          weight: p.value(b.ln2W), bias: p.value(b.ln2B), rows: n, channels: c)
    }

    /// res1 = x + MHA(LN1(x));  out = res2 = res1 + FF(LN2(res1)).
    @_specialize(where Scalar == Float)
    func preLNBlockForward(_ l: Int, _ s: TransformerShard<Scalar>) {
        let p = parameters, b = index.blocks[l], a = s.blocks[l], x = blockOutput(l - 1, s).base
        let c = config.dModel, n = s.rows
        LayerNorm.forward(out: a.ln1Out.base, mean: a.ln1Mean.base, rstd: a.ln1Rstd.base, inp: x,
                          weight: p.value(b.ln1W), bias: p.value(b.ln1B), rows: n, channels: c)
        attentionForward(a, inp: a.ln1Out.base, b, s)
        for i in 0..<(n * c) { a.res1[i] = x[i] + a.attProj[i] }
        LayerNorm.forward(out: a.ln2Out.base, mean: a.ln2Mean.base, rstd: a.ln2Rstd.base, inp: a.res1.base,
                          weight: p.value(b.ln2W), bias: p.value(b.ln2B), rows: n, channels: c)
        feedForwardForward(a, inp: a.ln2Out.base, b, s)
        for i in 0..<(n * c) { a.res2[i] = a.res1[i] + a.ffOut[i] }
    }

    /// attProj = W_o · attention(W_in · inp + b_in) + b_o  (qkv, att and attY are saved).
    @_specialize(where Scalar == Float)
    func attentionForward(_ a: TransformerShard<Scalar>.BlockActivations, inp: UnsafePointer<Scalar>,
                          _ b: TransformerParameterIndex.Block, _ s: TransformerShard<Scalar>) {
        let p = parameters, c = config.dModel, n = s.rows
        Linear.forward(out: a.qkv.base, inp: inp, weight: p.value(b.inProjW), bias: p.value(b.inProjB),
                       rows: n, inC: c, outC: 3 * c)
        CausalSelfAttention.forward(out: a.attY.base, att: a.att.base, qkv: a.qkv.base,
                                    batch: s.sequences, length: length, channels: c, heads: config.heads)
        Linear.forward(out: a.attProj.base, inp: a.attY.base, weight: p.value(b.outProjW),
                       bias: p.value(b.outProjB), rows: n, inC: c, outC: c)
    }

    /// ffOut = W2 relu(W1 · inp + b1) + b2  (ffH and ffA are saved).
    @_specialize(where Scalar == Float)
    func feedForwardForward(_ a: TransformerShard<Scalar>.BlockActivations, inp: UnsafePointer<Scalar>,
                            _ b: TransformerParameterIndex.Block, _ s: TransformerShard<Scalar>) {
        let p = parameters, c = config.dModel, f = config.ffMultiplier * c, n = s.rows
        Linear.forward(out: a.ffH.base, inp: inp, weight: p.value(b.ff1W), bias: p.value(b.ff1B),
                       rows: n, inC: c, outC: f)
        Activation.relu.forward(out: a.ffA.base, inp: a.ffH.base, count: n * f)
        Linear.forward(out: a.ffOut.base, inp: a.ffA.base, weight: p.value(b.ff2W), bias: p.value(b.ff2B),
                       rows: n, inC: f, outC: c)
    }
}
