/// The one rule for where the values inside a bucket lie, used by every quantile, every
/// fraction below a threshold and every rebinning in the project.
///
/// A bucket `[a, b]` with `0 < a` holds its values uniformly in `log x`: the fraction `f`
/// of its count lies below `a·(b/a)^f`. That is the geometry of the exponential buckets
/// (`(b^i, b^(i+1)]`, whose `f`-point is `b^(i+f)`) and of the log axis every figure uses;
/// an estimate is off by at most a factor `b/a`. A bucket reaching down to zero or across
/// it (`a ≤ 0`: TF2's linear buckets, TensorBoard's `[0, 1e−12]`, a zero bucket
/// `[−t, t]`), where `log x` is unbounded, holds its values uniformly in `x`: below
/// `a + f·(b − a)`.
public struct BucketMeasure: Sendable {
    public let lower: Double
    public let upper: Double
    /// Whether positions are measured in `log₂ x` (`lower > 0`) or in `x`.
    public let isLogarithmic: Bool
    /// The bucket's ends in that measure: `log₂ lower` and `log₂ upper`, or `lower` and `upper`.
    public let low: Double
    public let high: Double

    /// The measure of the bucket `[lower, upper]`.
    public init(lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
        isLogarithmic = lower > 0
        low = isLogarithmic ? MathFunctions.log2(lower) : lower
        high = isLogarithmic ? MathFunctions.log2(upper) : upper
    }

    /// `x` in this bucket's measure: `log₂ x` or `x`.
    @inline(__always)
    public func position(_ x: Double) -> Double { isLogarithmic ? MathFunctions.log2(x) : x }

    /// The value below which the fraction `f ∈ [0, 1]` of the bucket's values lie.
    public func value(atFraction f: Double) -> Double {
        let p = low + f * (high - low)
        return isLogarithmic ? MathFunctions.exp2(p) : p
    }

    /// The fraction of the bucket's values below `x`, in `[0, 1]`; a zero-width bucket is a
    /// point mass, wholly below any `x` above it.
    public func fraction(below x: Double) -> Double {
        guard upper > lower else { return x > lower ? 1 : 0 }
        if x <= lower { return 0 }
        if x >= upper { return 1 }
        return (position(x) - low) / (high - low)
    }
}
