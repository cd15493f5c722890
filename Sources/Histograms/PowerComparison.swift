/// Exact decision of `(K / 2^p)^(2^s) > 2^j` for an integer `K ≥ 1`.
///
/// This is the question behind every mantissa boundary of an exponential histogram at
/// scale `s > 0`: a significand `m = K / 2^p` lies above the boundary `2^(j / 2^s)`
/// exactly when `m^(2^s) > 2^j`. The power is formed by `s` repeated squarings in
/// fixed-point interval arithmetic (a lower bound truncated, an upper bound rounded up,
/// `64·n` bits each). When the interval does not settle the comparison the width `n`
/// doubles; at `64·n ≥ bitLength(K)·2^s` nothing is rounded any more, so the answer is
/// always exact, and in practice two limbs (128 bits) settle it at once.
enum PowerComparison {
    static func exceedsPowerOfTwo(_ k: UInt64, fractionBits p: Int, squarings s: Int, exponent j: Int) -> Bool {
        precondition(k > 0 && s >= 0)
        if let answer = decideWith128Bits(k, fractionBits: p, squarings: s, exponent: j) { return answer }
        var limbs = 4
        while true {
            if let answer = decide(k, fractionBits: p, squarings: s, exponent: j, limbs: limbs) { return answer }
            limbs *= 2
        }
    }

    /// `decide(…, limbs: 2)` without allocations: the common case.
    static func decideWith128Bits(_ k: UInt64, fractionBits p: Int, squarings s: Int, exponent j: Int) -> Bool? {
        let bitLength = 64 - k.leadingZeroBitCount
        var lower = (high: k << UInt64(64 - bitLength), low: UInt64(0)), upper = lower
        var lowerExponent = bitLength - p - 128, upperExponent = lowerExponent
        for _ in 0 ..< s {
            square128(&lower, &lowerExponent, roundingUp: false)
            square128(&upper, &upperExponent, roundingUp: true)
        }
        let powerExponent = j - 127
        // lower > 2^j ?
        if lowerExponent > powerExponent || (lowerExponent == powerExponent && (lower.high != 1 << 63 || lower.low != 0)) {
            return true
        }
        // upper ≤ 2^j ?
        if upperExponent < powerExponent || (upperExponent == powerExponent && upper.high == 1 << 63 && upper.low == 0) {
            return false
        }
        return nil
    }

    /// `x²` kept to 128 bits (top bit set), truncated or rounded up.
    @inline(__always)
    static func square128(_ x: inout (high: UInt64, low: UInt64), _ exponent: inout Int, roundingUp: Bool) {
        // (h·2^64 + l)² = h²·2^128 + 2hl·2^64 + l², as four 64-bit limbs r3 r2 r1 r0.
        let hh = x.high.multipliedFullWidth(by: x.high)
        let hl = x.high.multipliedFullWidth(by: x.low)
        let ll = x.low.multipliedFullWidth(by: x.low)
        var r0 = ll.low, r1 = ll.high, r2 = hh.low, r3 = hh.high
        for _ in 0 ..< 2 {   // add hl · 2^64 twice
            var carry: UInt64
            (r1, carry) = { let (v, o) = r1.addingReportingOverflow(hl.low); return (v, o ? 1 : 0) }()
            var o2: Bool
            (r2, o2) = r2.addingReportingOverflow(hl.high)
            var o3: Bool
            (r2, o3) = r2.addingReportingOverflow(carry)
            r3 &+= (o2 ? 1 : 0) &+ (o3 ? 1 : 0)
        }
        exponent = 2 * exponent + 128
        if r3 >> 63 == 0 {
            r3 = r3 << 1 | r2 >> 63
            r2 = r2 << 1 | r1 >> 63
            r1 = r1 << 1 | r0 >> 63
            r0 <<= 1
            exponent -= 1
        }
        x = (r3, r2)
        if roundingUp && (r1 | r0) != 0 {
            let (low, overflow) = x.low.addingReportingOverflow(1)
            x.low = low
            if overflow {
                x.high &+= 1
                if x.high == 0 { x = (1 << 63, 0); exponent += 1 }
            }
        }
    }

    /// A number `mantissa · 2^exponent` whose mantissa has `64·n` bits with the top bit set.
    struct Normalized {
        var mantissa: [UInt64]   // little-endian limbs
        var exponent: Int
    }

    /// The answer, or nil when `64·limbs` bits of interval arithmetic cannot tell.
    static func decide(_ k: UInt64, fractionBits p: Int, squarings s: Int, exponent j: Int, limbs n: Int) -> Bool? {
        let bitLength = 64 - k.leadingZeroBitCount
        var start = [UInt64](repeating: 0, count: n)
        start[n - 1] = k << UInt64(64 - bitLength)
        var lower = Normalized(mantissa: start, exponent: bitLength - p - 64 * n)
        var upper = lower
        for _ in 0 ..< s {
            lower = square(lower, roundingUp: false)
            upper = square(upper, roundingUp: true)
        }
        // 2^j as a normalized number: mantissa 2^(64n-1), exponent j - 64n + 1.
        let powerExponent = j - 64 * n + 1
        if compare(lower, toPowerWithExponent: powerExponent) > 0 { return true }
        if compare(upper, toPowerWithExponent: powerExponent) <= 0 { return false }
        return nil
    }

    /// Sign of `x − 2^(64n−1) · 2^e`.
    static func compare(_ x: Normalized, toPowerWithExponent e: Int) -> Int {
        if x.exponent != e { return x.exponent > e ? 1 : -1 }
        let n = x.mantissa.count
        if x.mantissa[n - 1] != 1 << 63 { return 1 }
        for i in 0 ..< n - 1 where x.mantissa[i] != 0 { return 1 }
        return 0
    }

    /// `x²` kept to `64·n` bits, truncated or rounded up.
    static func square(_ x: Normalized, roundingUp: Bool) -> Normalized {
        let n = x.mantissa.count
        var product = [UInt64](repeating: 0, count: 2 * n)
        for a in 0 ..< n {
            var carry: UInt64 = 0
            for b in 0 ..< n {
                let (high, low) = x.mantissa[a].multipliedFullWidth(by: x.mantissa[b])
                let (sum1, overflow1) = product[a + b].addingReportingOverflow(low)
                let (sum2, overflow2) = sum1.addingReportingOverflow(carry)
                product[a + b] = sum2
                carry = high &+ (overflow1 ? 1 : 0) &+ (overflow2 ? 1 : 0)
            }
            product[a + n] = carry
        }
        var exponent = 2 * x.exponent + 64 * n
        if product[2 * n - 1] >> 63 == 0 {
            // Shift the 2n-limb product left by one bit.
            for i in stride(from: 2 * n - 1, to: 0, by: -1) {
                product[i] = (product[i] << 1) | (product[i - 1] >> 63)
            }
            product[0] <<= 1
            exponent -= 1
        }
        var mantissa = Array(product[n ..< 2 * n])
        let discarded = product[0 ..< n].contains { $0 != 0 }
        if roundingUp && discarded {
            var i = 0
            while i < n {
                mantissa[i] &+= 1
                if mantissa[i] != 0 { break }
                i += 1
            }
            if i == n {  // overflowed to 2^(64n)
                mantissa[n - 1] = 1 << 63
                exponent += 1
            }
        }
        return Normalized(mantissa: mantissa, exponent: exponent)
    }
}
