/// Softmax cross-entropy with a loss mask, averaged over the masked rows:
///
///     L = (1 / |M|) Σ_{n ∈ M} −log softmax(z[n])[y[n]]
///     dz[n] = (softmax(z[n]) − onehot(y[n])) / |M|   for n ∈ M, 0 otherwise
///
/// Rows outside the mask cost nothing (they are not even normalised).
///
/// A data-parallel shard passes `normalizer` = |M| of the whole batch instead of its own
/// count, so that the shards' losses and gradients add up to those of the whole batch.
public enum CrossEntropy {
    /// Returns L (in Double) and writes dlogits (overwrites). An empty mask gives L = 0.
    public static func forwardBackward<T: TrainingScalar>(
        dlogits: UnsafeMutablePointer<T>, logits: UnsafePointer<T>,
        targets: UnsafePointer<Int32>, mask: UnsafePointer<Bool>,
        rows n: Int, classes v: Int, normalizer: Int? = nil
    ) -> Double {
        var count = 0
        for r in 0..<n where mask[r] { count += 1 }
        dlogits.update(repeating: 0, count: n * v)
        let divisor = normalizer ?? count
        guard count > 0, divisor > 0 else { return 0 }
        let inv = 1 / T(divisor)
        var loss = 0.0
        for r in 0..<n where mask[r] {
            let z = logits + r * v, dz = dlogits + r * v
            var mx = z[0]
            for j in 1..<v where z[j] > mx { mx = z[j] }
            var sum: T = 0
            for j in 0..<v { let e = T.exp(z[j] - mx); dz[j] = e; sum += e }
            let y = Int(targets[r])
            loss += Double(T.log(sum) + mx - z[y])
            let invSum = 1 / sum
            for j in 0..<v { dz[j] *= invSum * inv }
            dz[y] -= inv
        }
        return loss / Double(divisor)
    }
}
