import Foundation
import Histograms

/// The training thread's one pass over the flat gradient buffer: |g| into the logging
/// buffer, Σg² and the count below 1e-8. The histograms of |g| are recorded from that buffer
/// by ``LogPipeline`` (per tensor, then merged into `grad/abs_all`).
enum GradientMonitor {
    /// Writes |gᵢ| to `out`; returns Σ gᵢ² and the number of |gᵢ| < 1e-8. Eight independent
    /// accumulators so the loop is not serialised on one Float sum (measured ~8× faster than
    /// a single accumulator, and than Swift's generic SIMD16 mask operations).
    @inline(__always)
    static func absoluteValues(_ g: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>,
                               count n: Int) -> (sumSquares: Float, below: Int) {
        var a0: Float = 0, a1: Float = 0, a2: Float = 0, a3: Float = 0
        var a4: Float = 0, a5: Float = 0, a6: Float = 0, a7: Float = 0
        var below = 0, i = 0
        @inline(__always) func small(_ x: Float) -> Int { x < 1e-8 ? 1 : 0 }
        while i + 8 <= n {
            let x0 = abs(g[i]), x1 = abs(g[i + 1]), x2 = abs(g[i + 2]), x3 = abs(g[i + 3])
            let x4 = abs(g[i + 4]), x5 = abs(g[i + 5]), x6 = abs(g[i + 6]), x7 = abs(g[i + 7])
            out[i] = x0; out[i + 1] = x1; out[i + 2] = x2; out[i + 3] = x3
            out[i + 4] = x4; out[i + 5] = x5; out[i + 6] = x6; out[i + 7] = x7
            a0 += x0 * x0; a1 += x1 * x1; a2 += x2 * x2; a3 += x3 * x3
            a4 += x4 * x4; a5 += x5 * x5; a6 += x6 * x6; a7 += x7 * x7
            below &+= small(x0) &+ small(x1) &+ small(x2) &+ small(x3)
                &+ small(x4) &+ small(x5) &+ small(x6) &+ small(x7)
            i += 8
        }
        var ss = ((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7))
        while i < n {
            let x = abs(g[i])
            out[i] = x
            ss += x * x
            below &+= small(x)
            i += 1
        }
        return (ss, below)
    }

    /// ``absoluteValues(_:into:count:)`` over a long buffer in chunks of 2¹⁶, summing the
    /// squares in Double across chunks (so 10⁸ elements still sum accurately).
    static func absoluteValuesChunked(_ g: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>,
                                      count n: Int) -> (sumSquares: Double, below: Int) {
        var ss = 0.0, below = 0, i = 0
        while i < n {
            let m = min(1 << 16, n - i)
            let r = absoluteValues(g + i, into: out + i, count: m)
            ss += Double(r.sumSquares)
            below += r.below
            i += m
        }
        return (ss, below)
    }
}
