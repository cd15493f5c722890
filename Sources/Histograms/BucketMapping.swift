/// The exact map from a positive finite magnitude to its bucket index at one scale.
///
/// At scale `s` the base is `b = 2^(2^-s)` and bucket `i` holds `(b^i, b^(i+1)]`. Write a
/// magnitude as `x = 2^e · m` with `m ∈ [1, 2)`. Then
///
/// - `s ≤ 0`: bucket `(e − [m = 1]) >> −s`, since boundaries are the powers `2^(k·2^−s)`;
/// - `s > 0`: bucket `e·2^s + #{ j ∈ 0..<2^s : B_j < m } − 1` with `B_j = 2^(j/2^s)`.
///
/// An exact power of the base therefore lands in the lower bucket, as the OpenTelemetry
/// specification requires (for `s > 0`, `2^e` maps to `(e << s) − 1`). The irrational
/// boundaries `B_j` (`j ≥ 1`) are held as `F_j`, the largest 52-bit significand field with
/// `1 + F_j/2^52 < B_j`, found by exact comparison (`PowerComparison`), never by `log`. A
/// `Double` significand field `M` lies above `B_j` exactly when `M > F_j`; a `Float` one
/// (23 bits) exactly when `M > F_j >> 29`. No `Float` or `Double` equals an irrational `B_j`.
final class BucketMapping: Sendable {
    static let supportedScales = -10 ... 20

    let scale: Int
    /// `F_0 = 0` (the boundary `m = 1`), then `F_1 … F_(2^s − 1)`, ascending. Empty for `s ≤ 0`.
    let boundaryFields: [UInt64]

    private init(exactScale scale: Int) {
        self.scale = scale
        self.boundaryFields = scale > 0 ? BucketMapping.computeBoundaryFields(scale: scale) : []
    }

    /// The shared mapping for a scale in `supportedScales` (built once, on first use).
    static func forScale(_ scale: Int) -> BucketMapping { cache[scale] }

    private static let cache = PerScaleCache(scales: supportedScales) { BucketMapping(exactScale: $0) }

    /// Bucket index of `2^unbiasedExponent · (1 + field / 2^52)`.
    @inline(__always)
    func index(unbiasedExponent e: Int, significandField field: UInt64) -> Int {
        if scale <= 0 { return (e - (field == 0 ? 1 : 0)) >> -scale }
        // Count of boundary fields strictly below `field`, by binary search.
        let below = boundaryFields.withUnsafeBufferPointer { fields in fields.partitioningIndex { $0 >= field } }
        return (e << scale) + below - 1
    }

    /// Bucket index of a positive finite `Double` (subnormals included).
    func index(ofPositive x: Double) -> Int {
        let exponentField = Int(x.exponentBitPattern)
        let field = x.significandBitPattern
        if exponentField != 0 { return index(unbiasedExponent: exponentField - 1023, significandField: field) }
        // Subnormal: x = field · 2^-1074; renormalize so the leading one sits at bit 52.
        let top = 63 - field.leadingZeroBitCount
        let normalized = (field << UInt64(52 - top)) & ((1 << 52) - 1)
        return index(unbiasedExponent: top - 1074, significandField: normalized)
    }

    /// Largest `Double` not above `b^i`: `2^(i >> s) · (1 + F_(i mod 2^s) / 2^52)` (so it
    /// belongs to bucket `i − 1`, like `b^i` itself); `2^(i·2^−s)` exactly for `s ≤ 0`.
    func lowerBoundary(ofBucket i: Int) -> Double {
        if scale <= 0 {
            let (e, overflow) = i.multipliedReportingOverflow(by: 1 << -scale)
            if overflow { return i > 0 ? .infinity : 0 }
            return Double(sign: .plus, exponent: e, significand: 1)
        }
        let field = boundaryFields[i & ((1 << scale) - 1)]
        return Double(sign: .plus, exponent: i >> scale,
                      significand: Double(sign: .plus, exponentBitPattern: 1023, significandBitPattern: field))
    }

    /// `F_j` for `j ∈ 0..<2^s`: a `Double` estimate from `exp2`, then an exact gallop and
    /// bisection (typically two exact comparisons per boundary).
    private static func computeBoundaryFields(scale s: Int) -> [UInt64] {
        let count = 1 << s
        var fields = [UInt64](repeating: 0, count: count)
        for j in 1 ..< count {
            let estimate = MathFunctions.exp2(Double(j) / Double(count))
            let guess = UInt64(((estimate - 1) * 0x1p52).rounded(.down))
            fields[j] = largestFieldBelowBoundary(j: j, scale: s, near: guess)
        }
        return fields
    }

    /// Whether `1 + field/2^52 > 2^(j/2^s)`.
    private static func isAbove(_ field: UInt64, j: Int, scale s: Int) -> Bool {
        PowerComparison.exceedsPowerOfTwo((1 << 52) | field, fractionBits: 52, squarings: s, exponent: j)
    }

    private static func largestFieldBelowBoundary(j: Int, scale s: Int, near guess: UInt64) -> UInt64 {
        let limit: UInt64 = (1 << 52) - 1
        var below = Swift.min(guess, limit), above = below   // invariant sought: !isAbove(below), isAbove(above)
        var step: UInt64 = 1
        if isAbove(below, j: j, scale: s) {
            while below > 0 && isAbove(below, j: j, scale: s) {
                above = below
                below = below > step ? below - step : 0
                step *= 2
            }
        } else {
            above = below + 1
            while above < limit && !isAbove(above, j: j, scale: s) {
                below = above
                above = Swift.min(above + step, limit)
                step *= 2
            }
        }
        while above - below > 1 {
            let middle = below + (above - below) / 2
            if isAbove(middle, j: j, scale: s) { above = middle } else { below = middle }
        }
        return below
    }
}
