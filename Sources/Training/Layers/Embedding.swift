/// Token embedding times a scale plus learned positions:
///
///     out[b, t, :] = s · E[token[b, t], :] + P[t, :]
///
/// Backward: dE[token] += s · dout, dP[t] += dout. Out-of-range token ids are a caller bug
/// (tasks only produce ids below the vocabulary size).
public enum Embedding {
    public static func forward<T: TrainingScalar>(
        out: UnsafeMutablePointer<T>, tokens: UnsafePointer<Int32>,
        table: UnsafePointer<T>, positions: UnsafePointer<T>?, scale: T,
        batch: Int, length: Int, channels c: Int
    ) {
        for b in 0..<batch {
            for t in 0..<length {
                let y = out + (b * length + t) * c
                let e = table + Int(tokens[b * length + t]) * c
                if let positions {
                    let p = positions + t * c
                    for i in 0..<c { y[i] = scale * e[i] + p[i] }
                } else {
                    for i in 0..<c { y[i] = scale * e[i] }
                }
            }
        }
    }

    public static func backward<T: TrainingScalar>(
        dtable: UnsafeMutablePointer<T>, dpositions: UnsafeMutablePointer<T>?,
        dout: UnsafePointer<T>, tokens: UnsafePointer<Int32>, scale: T,
        batch: Int, length: Int, channels c: Int
    ) {
        for b in 0..<batch {
            for t in 0..<length {
                let dy = dout + (b * length + t) * c
                let de = dtable + Int(tokens[b * length + t]) * c
                for i in 0..<c { de[i] += scale * dy[i] }
                if let dpositions {
                    let dp = dpositions + t * c
                    for i in 0..<c { dp[i] += dy[i] }
                }
            }
        }
    }
}
