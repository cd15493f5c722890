/// Backward of ``Transformer``, llm.c style: one function per block placement, each reading
/// as the reverse of its forward. Every function accumulates parameter gradients into the
/// shard's gradient buffer; `s.gX` carries d(output of the current block) downwards. A scratch
/// gradient's first writer overwrites it (`accumulateInput: false`), so none is zeroed first.
extension Transformer {
    /// Backward from `s.dlogits` (written by the loss) through the read-out, every block and
    /// the embedding.
    @_specialize(where Scalar == Float)
    func backward(_ s: TransformerShard<Scalar>) {
        let p = parameters, ix = index, c = config.dModel, n = s.rows
        switch config.placement {
        case .postLN:
            Linear.backward(dinp: s.gX.base, dweight: s.gradient(ix.outW), dbias: s.gradient(ix.outB),
                            dout: s.dlogits.base, inp: finalHidden(s).base, weight: p.value(ix.outW),
                            rows: n, inC: c, outC: config.vocabulary, accumulateInput: false)
        case .preLN:
            Linear.backward(dinp: s.gLn.base, dweight: s.gradient(ix.outW), dbias: s.gradient(ix.outB),
                            dout: s.dlogits.base, inp: s.lnfOut.base, weight: p.value(ix.outW),
                            rows: n, inC: c, outC: config.vocabulary, accumulateInput: false)
            LayerNorm.backward(dinp: s.gX.base, dweight: s.gradient(ix.lnfW), dbias: s.gradient(ix.lnfB),
                               dout: s.gLn.base, inp: blockOutput(config.layers - 1, s).base, weight: p.value(ix.lnfW),
                               mean: s.lnfMean.base, rstd: s.lnfRstd.base, rows: n, channels: c, accumulateInput: false)
        }
        for l in stride(from: config.layers - 1, through: 0, by: -1) {
            switch config.placement {
            case .postLN: postLNBlockBackward(l, s)
            case .preLN: preLNBlockBackward(l, s)
            }
        }
        Embedding.backward(dtable: s.gradient(ix.embedding), dpositions: s.gradient(ix.positions), dout: s.gX.base,
                           tokens: s.tokens, scale: Scalar(Double(c).squareRoot()),
                           batch: s.sequences, length: length, channels: c)
    }

    /// Reverse of `res1 = x + MHA(x); h = LN1(res1); res2 = h + FF(h); out = LN2(res2)`:
    ///
    ///     dres2 = LN2ᵀ(dout);   dh = dres2 + FFᵀ(dres2);   dres1 = LN1ᵀ(dh);   dx = dres1 + MHAᵀ(dres1)
    @_specialize(where Scalar == Float)
    func postLNBlockBackward(_ l: Int, _ s: TransformerShard<Scalar>) {
        let p = parameters, b = index.blocks[l], a = s.blocks[l], x = blockOutput(l - 1, s).base
        let c = config.dModel, n = s.rows, nc = n * c
        LayerNorm.backward(dinp: s.gRes2.base, dweight: s.gradient(b.ln2W), dbias: s.gradient(b.ln2B),
                           dout: s.gX.base, inp: a.res2.base, weight: p.value(b.ln2W),
                           mean: a.ln2Mean.base, rstd: a.ln2Rstd.base, rows: n, channels: c, accumulateInput: false)
        s.gLn.base.update(from: s.gRes2.base, count: nc)
        feedForwardBackward(a, b, s, dout: s.gRes2.base, inp: a.ln1Out.base, dinp: s.gLn.base)
        LayerNorm.backward(dinp: s.gRes1.base, dweight: s.gradient(b.ln1W), dbias: s.gradient(b.ln1B),
                           dout: s.gLn.base, inp: a.res1.base, weight: p.value(b.ln1W),
                           mean: a.ln1Mean.base, rstd: a.ln1Rstd.base, rows: n, channels: c, accumulateInput: false)
        s.gX.base.update(from: s.gRes1.base, count: nc)
        attentionBackward(a, b, s, dout: s.gRes1.base, inp: x, dinp: s.gX.base)
    }

    /// Reverse of `res1 = x + MHA(LN1(x)); out = res1 + FF(LN2(res1))`:
    ///
    ///     dres1 = dout + LN2ᵀ(FFᵀ(dout));   dx = dres1 + LN1ᵀ(MHAᵀ(dres1))
    @_specialize(where Scalar == Float)
    func preLNBlockBackward(_ l: Int, _ s: TransformerShard<Scalar>) {
        let p = parameters, b = index.blocks[l], a = s.blocks[l], x = blockOutput(l - 1, s).base
        let c = config.dModel, n = s.rows, nc = n * c
        s.gLn.zero()
        feedForwardBackward(a, b, s, dout: s.gX.base, inp: a.ln2Out.base, dinp: s.gLn.base)
        s.gRes1.base.update(from: s.gX.base, count: nc)
        LayerNorm.backward(dinp: s.gRes1.base, dweight: s.gradient(b.ln2W), dbias: s.gradient(b.ln2B),
                           dout: s.gLn.base, inp: a.res1.base, weight: p.value(b.ln2W),
                           mean: a.ln2Mean.base, rstd: a.ln2Rstd.base, rows: n, channels: c)
        s.gX.base.update(from: s.gRes1.base, count: nc)
        s.gLn.zero()
        attentionBackward(a, b, s, dout: s.gRes1.base, inp: a.ln1Out.base, dinp: s.gLn.base)
        LayerNorm.backward(dinp: s.gX.base, dweight: s.gradient(b.ln1W), dbias: s.gradient(b.ln1B),
                           dout: s.gLn.base, inp: x, weight: p.value(b.ln1W),
                           mean: a.ln1Mean.base, rstd: a.ln1Rstd.base, rows: n, channels: c)
    }

    /// Reverse of ``feedForwardForward``: accumulates d(inp) into `dinp`.
    @_specialize(where Scalar == Float)
    func feedForwardBackward(_ a: TransformerShard<Scalar>.BlockActivations, _ b: TransformerParameterIndex.Block,
                             _ s: TransformerShard<Scalar>, dout: UnsafePointer<Scalar>,
                             inp: UnsafePointer<Scalar>, dinp: UnsafeMutablePointer<Scalar>) {
        let p = parameters, c = config.dModel, f = config.ffMultiplier * c, n = s.rows
        Linear.backward(dinp: s.gFFA.base, dweight: s.gradient(b.ff2W), dbias: s.gradient(b.ff2B),
                        dout: dout, inp: a.ffA.base, weight: p.value(b.ff2W), rows: n, inC: f, outC: c,
                        accumulateInput: false)
        Activation.relu.backward(dinp: s.gFFH.base, dout: s.gFFA.base, inp: a.ffH.base, out: a.ffA.base, count: n * f,
                                 accumulate: false)
        Linear.backward(dinp: dinp, dweight: s.gradient(b.ff1W), dbias: s.gradient(b.ff1B),
                        dout: s.gFFH.base, inp: inp, weight: p.value(b.ff1W), rows: n, inC: c, outC: f)
    }

    /// Reverse of ``attentionForward``: accumulates d(inp) into `dinp`.
    @_specialize(where Scalar == Float)
    func attentionBackward(_ a: TransformerShard<Scalar>.BlockActivations, _ b: TransformerParameterIndex.Block,
                           _ s: TransformerShard<Scalar>, dout: UnsafePointer<Scalar>,
                           inp: UnsafePointer<Scalar>, dinp: UnsafeMutablePointer<Scalar>) {
        let p = parameters, c = config.dModel, n = s.rows
        Linear.backward(dinp: s.gAttY.base, dweight: s.gradient(b.outProjW), dbias: s.gradient(b.outProjB),
                        dout: dout, inp: a.attY.base, weight: p.value(b.outProjW), rows: n, inC: c, outC: c,
                        accumulateInput: false)
        CausalSelfAttention.backward(dqkv: s.gQKV.base, scratch: s.gAtt.base, dout: s.gAttY.base,
                                     qkv: a.qkv.base, att: a.att.base,
                                     batch: s.sequences, length: length, channels: c, heads: config.heads,
                                     accumulate: false)
        Linear.backward(dinp: dinp, dweight: s.gradient(b.inProjW), dbias: s.gradient(b.inProjB),
                        dout: s.gQKV.base, inp: inp, weight: p.value(b.inProjW), rows: n, inC: c, outC: 3 * c)
    }
}
