import Foundation

/// Parameter layout and PyTorch default initialisation of ``Transformer``, with
/// the names `model.named_parameters()` gives for the reference script's module.
struct TransformerParameterIndex {
    struct Block {
        var inProjW = 0, inProjB = 0, outProjW = 0, outProjB = 0
        var ln1W = 0, ln1B = 0, ff1W = 0, ff1B = 0, ff2W = 0, ff2B = 0, ln2W = 0, ln2B = 0
    }

    var embedding = 0, positions = 0, outW = 0, outB = 0, lnfW = -1, lnfB = -1
    var blocks: [Block] = []

    static func specs(_ c: TransformerConfig) -> [(name: String, shape: [Int])] {
        let d = c.dModel, f = c.ffMultiplier * d
        var s: [(name: String, shape: [Int])] = [("emb.weight", [c.vocabulary, d]), ("pos", [c.maxLength, d])]
        for l in 0..<c.layers {
            let p = "blocks.\(l)."
            s += [(p + "att.in_proj_weight", [3 * d, d]), (p + "att.in_proj_bias", [3 * d]),
                  (p + "att.out_proj.weight", [d, d]), (p + "att.out_proj.bias", [d]),
                  (p + "ln1.weight", [d]), (p + "ln1.bias", [d]),
                  (p + "ff.0.weight", [f, d]), (p + "ff.0.bias", [f]),
                  (p + "ff.2.weight", [d, f]), (p + "ff.2.bias", [d]),
                  (p + "ln2.weight", [d]), (p + "ln2.bias", [d])]
        }
        if c.placement == .preLN { s += [("ln_f.weight", [d]), ("ln_f.bias", [d])] }
        s += [("out.weight", [c.vocabulary, d]), ("out.bias", [c.vocabulary])]
        return s
    }

    init(_ c: TransformerConfig) {
        var i = 0
        func next() -> Int { defer { i += 1 }; return i }
        embedding = next(); positions = next()
        for _ in 0..<c.layers {
            var b = Block()
            b.inProjW = next(); b.inProjB = next(); b.outProjW = next(); b.outProjB = next()
            b.ln1W = next(); b.ln1B = next(); b.ff1W = next(); b.ff1B = next()
            b.ff2W = next(); b.ff2B = next(); b.ln2W = next(); b.ln2B = next()
            blocks.append(b)
        }
        if c.placement == .preLN { lnfW = next(); lnfB = next() }
        outW = next(); outB = next()
    }

    /// nn.Embedding N(0, 1); positions N(0, 0.02²); MultiheadAttention: xavier-uniform
    /// in_proj_weight, zero in_proj_bias and out_proj.bias, out_proj.weight as nn.Linear;
    /// nn.Linear weight and bias U(±1/√fan_in); LayerNorm weight 1, bias 0.
    func initialize<T: TrainingScalar>(_ p: ParameterStore<T>, config c: TransformerConfig,
                                       rng: inout Xoshiro256) {
        let d = c.dModel, f = c.ffMultiplier * d
        func count(_ i: Int) -> Int { p.tensors[i].count }
        func linear(_ w: Int, _ b: Int?, fanIn: Int) {
            let bound = 1 / Double(fanIn).squareRoot()
            Initialize.uniform(p.value(w), count: count(w), bound: bound, rng: &rng)
            if let b { Initialize.uniform(p.value(b), count: count(b), bound: bound, rng: &rng) }
        }
        Initialize.normal(p.value(embedding), count: count(embedding), std: 1, rng: &rng)
        Initialize.normal(p.value(positions), count: count(positions), std: 0.02, rng: &rng)
        for b in blocks {
            Initialize.uniform(p.value(b.inProjW), count: count(b.inProjW),
                               bound: (6.0 / Double(d + 3 * d)).squareRoot(), rng: &rng)
            linear(b.outProjW, nil, fanIn: d)
            Initialize.fill(p.value(b.ln1W), count: d, value: 1)
            linear(b.ff1W, b.ff1B, fanIn: d)
            linear(b.ff2W, b.ff2B, fanIn: f)
            Initialize.fill(p.value(b.ln2W), count: d, value: 1)
        }
        if lnfW >= 0 { Initialize.fill(p.value(lnfW), count: d, value: 1) }
        linear(outW, outB, fanIn: d)
    }
}
