/// Fully connected layer in PyTorch layout: W is [outC, inC], b is [outC].
///
///     forward:   out[n, o] = Σᵢ inp[n, i] W[o, i] + b[o]           (out = inp Wᵀ + b)
///     backward:  dinp += dout W,   dW += doutᵀ inp,   db += Σₙ dout[n, :]
///
/// All three products are single GEMM calls over the N = B·T rows.
public enum Linear {
    public static func forward<T: TrainingScalar>(
        out: UnsafeMutablePointer<T>, inp: UnsafePointer<T>,
        weight: UnsafePointer<T>, bias: UnsafePointer<T>?,
        rows n: Int, inC: Int, outC: Int
    ) {
        // With a bias, out starts as the bias rows and the GEMM adds onto them (β = 1): one pass
        // fewer than zeroing (β = 0) and adding the bias after, with the same sums, since the
        // GEMM adds its product to C once.
        if let bias {
            for r in 0..<n { (out + r * outC).update(from: bias, count: outC) }
        }
        T.gemm(transposeA: false, transposeB: true, m: n, n: outC, k: inC,
               alpha: 1, a: inp, lda: inC, b: weight, ldb: inC, beta: bias == nil ? 0 : 1, c: out, ldc: outC)
    }

    /// Accumulates into dinp (if given; with `accumulateInput` false, overwrites it: dinp =
    /// dout W, no zeroing pass first), dweight and dbias.
    public static func backward<T: TrainingScalar>(
        dinp: UnsafeMutablePointer<T>?, dweight: UnsafeMutablePointer<T>, dbias: UnsafeMutablePointer<T>?,
        dout: UnsafePointer<T>, inp: UnsafePointer<T>, weight: UnsafePointer<T>,
        rows n: Int, inC: Int, outC: Int, accumulateInput: Bool = true
    ) {
        if let dinp {
            T.gemm(transposeA: false, transposeB: false, m: n, n: inC, k: outC,
                   alpha: 1, a: dout, lda: outC, b: weight, ldb: inC, beta: accumulateInput ? 1 : 0, c: dinp, ldc: inC)
        }
        T.gemm(transposeA: true, transposeB: false, m: outC, n: inC, k: n,
               alpha: 1, a: dout, lda: outC, b: inp, ldb: inC, beta: 1, c: dweight, ldc: inC)
        if let dbias {
            for r in 0..<n {
                let row = dout + r * outC
                for o in 0..<outC { dbias[o] += row[o] }
            }
        }
    }
}
