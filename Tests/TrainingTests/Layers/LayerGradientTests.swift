import Testing
@testable import Training

/// Each layer's backward against central finite differences of L = Σ w ⊙ forward(x),
/// in Double, over every input and parameter element. Where a backward can overwrite its input
/// gradient instead of accumulating (`accumulate` false), that buffer starts as NaN, so every
/// element must be written.
@Suite("Layer gradients")
struct LayerGradientTests {
    /// `rowsPerCall` nil: the library's blocks (one call for 7 rows); 2: blocks of 2, 2, 2, 1 rows.
    @Test(arguments: [true, false], [nil, 2])
    func linear(accumulate: Bool, rowsPerCall: Int?) {
        var data = TestData(seed: 1)
        let n = 7, inC = 4, outC = 5
        let m = DoubleBuffers()
        let x = m.make(data.values(n * inC)), w = m.make(data.values(outC * inC)), b = m.make(data.values(outC))
        let out = m.zeros(n * outC), upstream = data.values(n * outC)
        func loss() -> Double {
            Linear.forward(out: out.baseAddress!, inp: x.baseAddress!, weight: w.baseAddress!, bias: b.baseAddress!,
                           rows: n, inC: inC, outC: outC)
            return dot(out, upstream)
        }
        _ = loss()
        let dx = m.start(n * inC, accumulate: accumulate), dw = m.zeros(outC * inC), db = m.zeros(outC)
        let dout = m.make(upstream)
        Linear.backward(dinp: dx.baseAddress!, dweight: dw.baseAddress!, dbias: db.baseAddress!,
                        dout: dout.baseAddress!, inp: x.baseAddress!, weight: w.baseAddress!,
                        rows: n, inC: inC, outC: outC, accumulateInput: accumulate, rowsPerCall: rowsPerCall)
        FiniteDifference.expectClose(dx.readOnly, FiniteDifference.gradient(of: loss, at: x), "dx")
        FiniteDifference.expectClose(dw.readOnly, FiniteDifference.gradient(of: loss, at: w), "dW")
        FiniteDifference.expectClose(db.readOnly, FiniteDifference.gradient(of: loss, at: b), "db")
    }

    /// 6 channels run the scalar tail of the eight-lane sums only, 19 both parts.
    @Test(arguments: [6, 19], [true, false])
    func layerNorm(channels c: Int, accumulate: Bool) {
        var data = TestData(seed: 2)
        let n = 3
        let m = DoubleBuffers()
        let x = m.make(data.values(n * c, scale: 2)), w = m.make(data.values(c)), b = m.make(data.values(c))
        let out = m.zeros(n * c), mean = m.zeros(n), rstd = m.zeros(n), upstream = data.values(n * c)
        func loss() -> Double {
            LayerNorm.forward(out: out.baseAddress!, mean: mean.baseAddress!, rstd: rstd.baseAddress!,
                              inp: x.baseAddress!, weight: w.baseAddress!, bias: b.baseAddress!, rows: n, channels: c)
            return dot(out, upstream)
        }
        _ = loss()
        let dx = m.start(n * c, accumulate: accumulate), dw = m.zeros(c), db = m.zeros(c), dout = m.make(upstream)
        LayerNorm.backward(dinp: dx.baseAddress!, dweight: dw.baseAddress!, dbias: db.baseAddress!,
                           dout: dout.baseAddress!, inp: x.baseAddress!, weight: w.baseAddress!,
                           mean: mean.baseAddress!, rstd: rstd.baseAddress!, rows: n, channels: c,
                           accumulateInput: accumulate)
        FiniteDifference.expectClose(dx.readOnly, FiniteDifference.gradient(of: loss, at: x), "dx")
        FiniteDifference.expectClose(dw.readOnly, FiniteDifference.gradient(of: loss, at: w), "dw")
        FiniteDifference.expectClose(db.readOnly, FiniteDifference.gradient(of: loss, at: b), "db")
    }

    @Test(arguments: Activation.allCases, [true, false])
    func activation(_ f: Activation, accumulate: Bool) {
        var data = TestData(seed: 3)
        let n = 40
        let m = DoubleBuffers()
        // Keep ReLU inputs away from the kink at 0.
        let x = m.make(data.values(n, scale: 1.5).map { abs($0) < 1e-3 ? $0 + 0.01 : $0 })
        let out = m.zeros(n), upstream = data.values(n)
        func loss() -> Double {
            f.forward(out: out.baseAddress!, inp: x.baseAddress!, count: n)
            return dot(out, upstream)
        }
        _ = loss()
        let dx = m.start(n, accumulate: accumulate), dout = m.make(upstream)
        f.backward(dinp: dx.baseAddress!, dout: dout.baseAddress!, inp: x.baseAddress!, out: out.baseAddress!, count: n,
                   accumulate: accumulate)
        FiniteDifference.expectClose(dx.readOnly, FiniteDifference.gradient(of: loss, at: x), "\(f) dx")
    }

    @Test func embedding() {
        var data = TestData(seed: 4)
        let batch = 2, length = 3, c = 4, vocab = 5
        let m = DoubleBuffers()
        let table = m.make(data.values(vocab * c)), pos = m.make(data.values(length * c))
        let tokens: [Int32] = [1, 4, 1, 0, 2, 4]
        let out = m.zeros(batch * length * c), upstream = data.values(batch * length * c)
        func loss() -> Double {
            tokens.withUnsafeBufferPointer { t in
                Embedding.forward(out: out.baseAddress!, tokens: t.baseAddress!, table: table.baseAddress!,
                                  positions: pos.baseAddress!, scale: 2, batch: batch, length: length, channels: c)
            }
            return dot(out, upstream)
        }
        _ = loss()
        let dt = m.zeros(vocab * c), dp = m.zeros(length * c), dout = m.make(upstream)
        tokens.withUnsafeBufferPointer { t in
            Embedding.backward(dtable: dt.baseAddress!, dpositions: dp.baseAddress!, dout: dout.baseAddress!,
                               tokens: t.baseAddress!, scale: 2, batch: batch, length: length, channels: c)
        }
        FiniteDifference.expectClose(dt.readOnly, FiniteDifference.gradient(of: loss, at: table), "dE")
        FiniteDifference.expectClose(dp.readOnly, FiniteDifference.gradient(of: loss, at: pos), "dP")
    }

    @Test(arguments: [true, false])
    func causalSelfAttention(accumulate: Bool) {
        var data = TestData(seed: 5)
        let batch = 2, length = 5, c = 6, heads = 2
        let m = DoubleBuffers()
        let qkv = m.make(data.values(batch * length * 3 * c))
        let out = m.zeros(batch * length * c), att = m.zeros(batch * heads * length * length)
        let upstream = data.values(batch * length * c)
        func loss() -> Double {
            CausalSelfAttention.forward(out: out.baseAddress!, att: att.baseAddress!, qkv: qkv.baseAddress!,
                                        batch: batch, length: length, channels: c, heads: heads)
            return dot(out, upstream)
        }
        _ = loss()
        // Causality: attention weights above the diagonal are zero, rows sum to one.
        for r in 0..<(batch * heads * length) {
            let i = r % length
            let row = att[(r * length)..<((r + 1) * length)]
            #expect(row.dropFirst(i + 1).allSatisfy { $0 == 0 })
            #expect(abs(row.reduce(0, +) - 1) < 1e-12)
        }
        let dqkv = m.start(qkv.count, accumulate: accumulate), scratch = m.zeros(length * length), dout = m.make(upstream)
        CausalSelfAttention.backward(dqkv: dqkv.baseAddress!, scratch: scratch.baseAddress!, dout: dout.baseAddress!,
                                     qkv: qkv.baseAddress!, att: att.baseAddress!,
                                     batch: batch, length: length, channels: c, heads: heads, accumulate: accumulate)
        FiniteDifference.expectClose(dqkv.readOnly, FiniteDifference.gradient(of: loss, at: qkv), "dqkv")
    }

    @Test func maskedCrossEntropy() {
        var data = TestData(seed: 6)
        let n = 5, v = 4
        let m = DoubleBuffers()
        let z = m.make(data.values(n * v, scale: 3)), dz = m.zeros(n * v)
        let targets: [Int32] = [0, 3, 2, 1, 3], mask = [false, true, true, false, true]
        func loss() -> Double {
            targets.withUnsafeBufferPointer { t in
                mask.withUnsafeBufferPointer { mk in
                    CrossEntropy.forwardBackward(dlogits: dz.baseAddress!, logits: z.baseAddress!,
                                                 targets: t.baseAddress!, mask: mk.baseAddress!, rows: n, classes: v)
                }
            }
        }
        _ = loss()
        let analytic = m.make(Array(dz))
        FiniteDifference.expectClose(analytic.readOnly, FiniteDifference.gradient(of: loss, at: z), "dlogits")
        // Unmasked rows get no gradient; uniform logits give ln v.
        #expect(analytic[0..<v].allSatisfy { $0 == 0 })
        for i in 0..<(n * v) { z[i] = 0 }
        #expect(abs(loss() - log(Double(v))) < 1e-12)
    }
}

import Foundation
