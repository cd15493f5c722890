/// An exact reference for bucket indices, independent of the library's tables.
///
/// A positive `Float` is `x = K · 2^E` with an integer `K < 2^24`. At scale `s > 0`,
/// `x` lies in bucket `i` iff `2^(i/2^s) < x ≤ 2^((i+1)/2^s)`, that is iff
/// `2^i < P · 2^(E·2^s) ≤ 2^(i+1)` with the integer `P = K^(2^s)`. So
/// `i = bitLength(P) − 1 + E·2^s`, minus one more when `P` is a power of two.
enum ExactReference {
    /// Decomposes a positive finite Float into `K · 2^E`.
    static func integerSignificand(_ x: Float) -> (k: UInt32, e: Int) {
        let bits = x.bitPattern & 0x7fff_ffff
        let exponentField = Int(bits >> 23)
        let field = bits & 0x7f_ffff
        return exponentField == 0 ? (field, -149) : (field | 0x80_0000, exponentField - 150)
    }

    /// Bucket of `x > 0` at scale `s ≥ 0`, by exact integer arithmetic.
    static func bucketIndex(_ x: Float, scale s: Int) -> Int {
        precondition(s >= 0)
        let (k, e) = integerSignificand(x)
        let power = BigUInt(k).squared(times: s)
        return power.bitLength - 1 + e * (1 << s) - (power.isPowerOfTwo ? 1 : 0)
    }

    /// Whether `x` lies in `(2^(i·2^k), 2^((i+1)·2^k)]` (`scale = −k ≤ 0`), with exact powers of two.
    static func isInBucket(_ x: Float, index i: Int, scale: Int) -> Bool {
        let k = -scale
        let lower = Double(sign: .plus, exponent: i << k, significand: 1)
        let upper = Double(sign: .plus, exponent: (i + 1) << k, significand: 1)
        return Double(x) > lower && Double(x) <= upper
    }

    /// Smallest `K ∈ [2^p, 2^(p+1))` with `K^(2^s) > 2^(p·2^s + j)`: the first significand above
    /// boundary `j` of a binade holding `p + 1`-bit significands.
    static func firstSignificandAbove(boundary j: Int, significandBits p: Int, scale s: Int) -> UInt32 {
        var low = UInt32(1) << p, high = UInt32(1) << (p + 1)   // answer in (low, high]
        let target = p * (1 << s) + j
        func above(_ k: UInt32) -> Bool {
            let power = BigUInt(k).squared(times: s)
            return power.bitLength - 1 > target || (power.bitLength - 1 == target && !power.isPowerOfTwo)
        }
        while high - low > 1 {
            let middle = low + (high - low) / 2
            if above(middle) { high = middle } else { low = middle }
        }
        return high
    }
}

/// Just enough of an unsigned big integer: squaring and bit length.
struct BigUInt {
    var limbs: [UInt32]   // little-endian

    init(_ value: UInt32) { limbs = [value] }
    init(limbs: [UInt32]) { self.limbs = limbs }

    func squared(times n: Int) -> BigUInt {
        var result = self
        for _ in 0 ..< n { result = result.squared() }
        return result
    }

    func squared() -> BigUInt {
        var product = [UInt32](repeating: 0, count: 2 * limbs.count)
        for a in limbs.indices {
            var carry: UInt64 = 0
            for b in limbs.indices {
                let t = UInt64(limbs[a]) * UInt64(limbs[b]) + UInt64(product[a + b]) + carry
                product[a + b] = UInt32(truncatingIfNeeded: t)
                carry = t >> 32
            }
            product[a + limbs.count] = UInt32(carry)
        }
        while product.count > 1 && product.last == 0 { product.removeLast() }
        return BigUInt(limbs: product)
    }

    var bitLength: Int {
        guard let top = limbs.lastIndex(where: { $0 != 0 }) else { return 0 }
        return top * 32 + (32 - limbs[top].leadingZeroBitCount)
    }

    var isPowerOfTwo: Bool { limbs.reduce(0) { $0 + $1.nonzeroBitCount } == 1 }
}
