/// Fully connected layer in PyTorch layout: W is [outC, inC], b is [outC].
///
///     forward:   out[n, o] = Σᵢ inp[n, i] W[o, i] + b[o]           (out = inp Wᵀ + b)
///     backward:  dinp += dout W,   dW += doutᵀ inp,   db += Σₙ dout[n, :]
///
/// The forward product is one GEMM call over the N = B·T rows; the two backward ones run over
/// blocks of rows (``BLASRuntime/rowsPerCall(rows:otherDimensions:)``): dinp block by block,
/// dW summed over the blocks in order. With OpenBLAS's small-matrix kernels that is 11–13 %
/// faster than one call on the demo's matrices (BENCHMARKS.md); without them the blocks are
/// all N rows. The sums differ from one call's by rounding only.
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
    /// dout W, no zeroing pass first), dweight and dbias. `rowsPerCall` overrides the blocks
    /// OpenBLAS's kernels call for (tests run several blocks on any library).
    public static func backward<T: TrainingScalar>(
        dinp: UnsafeMutablePointer<T>?, dweight: UnsafeMutablePointer<T>, dbias: UnsafeMutablePointer<T>?,
        dout: UnsafePointer<T>, inp: UnsafePointer<T>, weight: UnsafePointer<T>,
        rows n: Int, inC: Int, outC: Int, accumulateInput: Bool = true, rowsPerCall: Int? = nil
    ) {
        let block = max(1, rowsPerCall ?? BLASRuntime.rowsPerCall(rows: n, otherDimensions: inC * outC))
        for r0 in stride(from: 0, to: n, by: block) {
            let rows = min(block, n - r0)
            if let dinp {
                T.gemm(transposeA: false, transposeB: false, m: rows, n: inC, k: outC,
                       alpha: 1, a: dout + r0 * outC, lda: outC, b: weight, ldb: inC,
                       beta: accumulateInput ? 1 : 0, c: dinp + r0 * inC, ldc: inC)
            }
            T.gemm(transposeA: true, transposeB: false, m: outC, n: inC, k: rows,
                   alpha: 1, a: dout + r0 * outC, lda: outC, b: inp + r0 * inC, ldb: inC, beta: 1, c: dweight, ldc: inC)
        }
        if let dbias {
            for r in 0..<n {
                let row = dout + r * outC
                for o in 0..<outC { dbias[o] += row[o] }
            }
        }
    }
}
