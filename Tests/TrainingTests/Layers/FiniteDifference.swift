import Numerics
import Testing
@testable import Training

/// Central finite differences in Double: ∂f/∂xᵢ ≈ (f(x + h eᵢ) − f(x − h eᵢ)) / 2h.
enum FiniteDifference {
    static let step = 1e-6

    /// Perturbs each element of `x` in place (restoring it) and returns the numeric gradient.
    static func gradient(of f: () -> Double, at x: UnsafeMutableBufferPointer<Double>,
                         indices: [Int]? = nil) -> [Int: Double] {
        var result: [Int: Double] = [:]
        for i in indices ?? Array(x.indices) {
            let saved = x[i]
            x[i] = saved + step
            let plus = f()
            x[i] = saved - step
            let minus = f()
            x[i] = saved
            result[i] = (plus - minus) / (2 * step)
        }
        return result
    }

    /// Expects analytic ≈ numeric with |a − n| ≤ tol · max(1, |n|); returns the worst error.
    @discardableResult
    static func expectClose(_ analytic: UnsafeBufferPointer<Double>, _ numeric: [Int: Double],
                            _ label: String, tolerance: Double = 1e-6,
                            sourceLocation: SourceLocation = #_sourceLocation) -> Double {
        var worst = 0.0
        for (i, n) in numeric.sorted(by: { $0.key < $1.key }) {
            let a = analytic[i]
            worst = max(worst, abs(a - n) / max(1, abs(n)))
            #expect(a.isApproximatelyEqual(to: n, absoluteTolerance: tolerance, relativeTolerance: tolerance),
                    "\(label)[\(i)]: analytic \(a) vs numeric \(n)", sourceLocation: sourceLocation)
        }
        return worst
    }
}

/// A small seeded source of test data.
struct TestData {
    var rng: Xoshiro256
    init(seed: UInt64) { rng = Xoshiro256(seed: seed) }
    mutating func values(_ n: Int, scale: Double = 1) -> [Double] { (0..<n).map { _ in scale * rng.normal() } }
}

/// Owns Double buffers for a layer test and exposes stable pointers.
final class DoubleBuffers {
    private var storage: [UnsafeMutableBufferPointer<Double>] = []
    func make(_ values: [Double]) -> UnsafeMutableBufferPointer<Double> {
        let b = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(values.count, 1))
        _ = b.initialize(from: values)
        storage.append(b)
        return UnsafeMutableBufferPointer(rebasing: b[0..<values.count])
    }
    func zeros(_ n: Int) -> UnsafeMutableBufferPointer<Double> { make([Double](repeating: 0, count: n)) }
    /// A gradient buffer to accumulate into (zeros) or to be overwritten (NaN, so a missed element shows).
    func start(_ n: Int, accumulate: Bool) -> UnsafeMutableBufferPointer<Double> {
        make([Double](repeating: accumulate ? 0 : .nan, count: n))
    }
    deinit { storage.forEach { $0.deallocate() } }
}

func dot(_ a: UnsafeMutableBufferPointer<Double>, _ b: [Double]) -> Double {
    zip(a, b).reduce(0) { $0 + $1.0 * $1.1 }
}

extension UnsafeMutableBufferPointer where Element == Double {
    var readOnly: UnsafeBufferPointer<Double> { UnsafeBufferPointer(self) }
}
