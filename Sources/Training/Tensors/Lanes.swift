/// Eight-lane loads and stores, and eight-lane sums for the loops whose reductions would
/// otherwise run as one serial chain of additions: IEEE order keeps the compiler from
/// vectorizing `s += x[i]`. Lane k adds the
/// elements i ≡ k (mod 8) of the first ⌊n/8⌋·8; the lanes are then summed (`SIMD8.sum()`)
/// and the last n mod 8 elements added in order. Deterministic for a given build; it differs
/// from the serial sum by rounding only.
enum Lanes {
    @inline(__always)
    static func load<T: TrainingScalar>(_ p: UnsafePointer<T>, _ i: Int) -> SIMD8<T> {
        UnsafeRawPointer(p + i).loadUnaligned(as: SIMD8<T>.self)
    }

    @inline(__always)
    static func store<T: TrainingScalar>(_ v: SIMD8<T>, _ p: UnsafeMutablePointer<T>, _ i: Int) {
        UnsafeMutableRawPointer(p + i).storeBytes(of: v, as: SIMD8<T>.self)
    }

    /// Σᵢ term(i) for i in 0..<n: `lanes(i)` gives the terms i … i+7, `scalar(i)` one term.
    @inline(__always)
    static func sum<T: TrainingScalar>(_ n: Int, lanes: (Int) -> SIMD8<T>, scalar: (Int) -> T) -> T {
        var acc = SIMD8<T>()
        var i = 0
        while i + 8 <= n {
            acc += lanes(i)
            i += 8
        }
        var total = acc.sum()
        while i < n {
            total += scalar(i)
            i += 1
        }
        return total
    }
}
