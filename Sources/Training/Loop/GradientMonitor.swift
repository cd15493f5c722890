import Histograms

/// Per-step gradient statistics over a ``ParameterStore``'s gradient buffer, computed in one
/// fused pass per tensor (|g| into a preallocated scratch buffer, Σg², count below 1e-8) and
/// then one bulk histogram record per tensor. `grad/abs_all` is the merge of the per-tensor
/// histograms, not a second pass.
public final class GradientMonitor {
    public struct Snapshot {
        /// |g| histogram per tensor, in the store's order.
        public var perTensor: [ExponentialHistogram]
        /// Merge of `perTensor`.
        public var all: ExponentialHistogram
        /// √(Σ g²) over all parameters.
        public var globalNorm: Double
        /// Fraction of gradient elements with |g| < 1e-8.
        public var fractionBelow1e8: Double
        /// log₁₀ of the median |g| (from the merged histogram, to bucket resolution); nil if
        /// the median is 0.
        public var medianLog10: Double?
        /// Whether any gradient element was NaN or ±∞.
        public var nonFinite: Bool
    }

    public let scale: Int
    private let scratch: Buffer<Float>

    public init(largestTensor: Int, scale: Int = 3) {
        self.scale = scale
        scratch = Buffer(count: largestTensor)
    }

    public func measure(_ store: ParameterStore<Float>, histograms: Bool = true) -> Snapshot {
        var perTensor: [ExponentialHistogram] = []
        perTensor.reserveCapacity(store.tensors.count)
        var all = ExponentialHistogram(scale: scale)
        var sumSquares = 0.0, below = 0, nonFinite = false
        let out = scratch.base
        for i in store.tensors.indices {
            let g = store.gradient(i), n = store.tensors[i].count
            var ss: Float = 0, small = 0
            for j in 0..<n {
                let a = abs(g[j])
                out[j] = a
                ss += a * a
                small &+= a < 1e-8 ? 1 : 0
            }
            if !ss.isFinite { nonFinite = true }
            sumSquares += Double(ss)
            below += small
            if histograms {
                var h = ExponentialHistogram(scale: scale)
                h.record(contentsOf: UnsafeBufferPointer(start: out, count: n))
                all.merge(h)
                perTensor.append(h)
            }
        }
        let total = max(store.count, 1)
        var median: Double? = nil
        if histograms, let m = Self.medianMagnitude(all), m > 0 { median = log10(m) }
        return Snapshot(perTensor: perTensor, all: all, globalNorm: sumSquares.squareRoot(),
                        fractionBelow1e8: Double(below) / Double(total), medianLog10: median,
                        nonFinite: nonFinite)
    }

    /// Median of the recorded magnitudes, to bucket resolution: the geometric middle
    /// base^(i + ½) of the positive bucket i (covering (baseⁱ, baseⁱ⁺¹]) that holds the
    /// middle rank, or 0 if the middle rank falls among the zeros. nil if empty.
    public static func medianMagnitude(_ h: ExponentialHistogram) -> Double? {
        let n = h.positive.total + h.zeroCount
        guard n > 0 else { return nil }
        let rank = (n - 1) / 2
        if rank < h.zeroCount { return 0 }
        var seen = h.zeroCount
        for (k, c) in h.positive.counts.enumerated() {
            seen += c
            if seen > rank { return pow(h.base, Double(h.positive.offset + k) + 0.5) }
        }
        return nil
    }
}

import Foundation
