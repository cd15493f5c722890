/// The core of `nn.MultiheadAttention` with a causal mask, between its packed input
/// projection and its output projection. For each batch row b and head h, with
/// head size d = C / H and Q, K, V the head's columns of the packed qkv = x W_inᵀ + b_in:
///
///     A = softmax_row( Q Kᵀ / √d  + M ),   M[i, j] = −∞ for j > i
///     Y = A V
///
/// Backward, with dY given:
///
///     dA = dY Vᵀ,  dV += Aᵀ dY,
///     dS[i, j] = A[i, j] (dA[i, j] − Σₖ A[i, k] dA[i, k]),
///     dQ += dS K / √d,  dK += dSᵀ Q / √d
///
/// Every product is a strided GEMM on the packed [B, T, 3C] buffer, so no reshapes.
public enum CausalSelfAttention {
    /// qkv: [B, T, 3C] (q | k | v); out: [B, T, C]; att: [B, H, T, T] (saved for backward).
    public static func forward<T: TrainingScalar>(
        out: UnsafeMutablePointer<T>, att: UnsafeMutablePointer<T>, qkv: UnsafePointer<T>,
        batch: Int, length: Int, channels c: Int, heads: Int
    ) {
        let hs = c / heads, c3 = 3 * c, tt = length
        let scale = 1 / T(hs).squareRoot()
        for b in 0..<batch {
            for h in 0..<heads {
                let q = qkv + b * tt * c3 + h * hs, k = q + c, v = q + 2 * c
                let a = att + (b * heads + h) * tt * tt
                T.gemm(transposeA: false, transposeB: true, m: tt, n: tt, k: hs,
                       alpha: scale, a: q, lda: c3, b: k, ldb: c3, beta: 0, c: a, ldc: tt)
                for i in 0..<tt {
                    let row = a + i * tt
                    var mx = row[0]
                    for j in 1..<(i + 1) where row[j] > mx { mx = row[j] }
                    for j in 0...i { row[j] = T.exp(row[j] - mx) }
                    let inv = 1 / Lanes.sum(i + 1, lanes: { Lanes.load(row, $0) }, scalar: { row[$0] })
                    for j in 0...i { row[j] *= inv }
                    for j in (i + 1)..<tt { row[j] = 0 }
                }
                T.gemm(transposeA: false, transposeB: false, m: tt, n: hs, k: tt,
                       alpha: 1, a: a, lda: tt, b: v, ldb: c3, beta: 0, c: out + b * tt * c + h * hs, ldc: c)
            }
        }
    }

    /// Accumulates into dqkv ([B, T, 3C]), or with `accumulate` false overwrites it (each
    /// element belongs to exactly one head's dQ, dK or dV); `scratch` holds at least T·T elements.
    public static func backward<T: TrainingScalar>(
        dqkv: UnsafeMutablePointer<T>, scratch: UnsafeMutablePointer<T>,
        dout: UnsafePointer<T>, qkv: UnsafePointer<T>, att: UnsafePointer<T>,
        batch: Int, length: Int, channels c: Int, heads: Int, accumulate: Bool = true
    ) {
        let hs = c / heads, c3 = 3 * c, tt = length
        let beta: T = accumulate ? 1 : 0
        let scale = 1 / T(hs).squareRoot()
        let da = scratch
        for b in 0..<batch {
            for h in 0..<heads {
                let q = qkv + b * tt * c3 + h * hs, k = q + c, v = q + 2 * c
                let dq = dqkv + b * tt * c3 + h * hs, dk = dq + c, dv = dq + 2 * c
                let a = att + (b * heads + h) * tt * tt
                let dy = dout + b * tt * c + h * hs
                T.gemm(transposeA: false, transposeB: true, m: tt, n: tt, k: hs,
                       alpha: 1, a: dy, lda: c, b: v, ldb: c3, beta: 0, c: da, ldc: tt)
                T.gemm(transposeA: true, transposeB: false, m: tt, n: hs, k: tt,
                       alpha: 1, a: a, lda: tt, b: dy, ldb: c, beta: beta, c: dv, ldc: c3)
                for i in 0..<tt {
                    let ar = a + i * tt, dr = da + i * tt
                    let dot = Lanes.sum(i + 1, lanes: { Lanes.load(ar, $0) * Lanes.load(UnsafePointer(dr), $0) },
                                        scalar: { ar[$0] * dr[$0] })
                    for j in 0...i { dr[j] = ar[j] * (dr[j] - dot) }
                    for j in (i + 1)..<tt { dr[j] = 0 }
                }
                T.gemm(transposeA: false, transposeB: false, m: tt, n: hs, k: tt,
                       alpha: scale, a: da, lda: tt, b: k, ldb: c3, beta: beta, c: dq, ldc: c3)
                T.gemm(transposeA: true, transposeB: false, m: tt, n: hs, k: tt,
                       alpha: scale, a: da, lda: tt, b: q, ldb: c3, beta: beta, c: dk, ldc: c3)
            }
        }
    }
}
