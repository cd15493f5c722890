import Numerics
import Testing
@testable import Histograms
import GradscopeTestSupport

@Suite struct RecordingTests {
    @Test func countsEveryKindOfValue() {
        var h = ExponentialHistogram(scale: 3)
        for x: Double in [1, -1, 0, -0.0, .nan, .infinity, -.infinity, -.infinity, 2.5, 1e-300] { h.record(x) }
        #expect(h.count == 10)
        #expect(h.zeroCount == 2)
        #expect(h.nanCount == 1)
        #expect(h.positiveInfinityCount == 1)
        #expect(h.negativeInfinityCount == 2)
        #expect(h.positive.total == 3)
        #expect(h.negative.total == 1)
        #expect(h.negative[ExponentialHistogram.bucketIndex(of: 1.0, scale: 3)] == 1)
        #expect(h.sum.isApproximatelyEqual(to: 2.5 + 1e-300, relativeTolerance: 1e-15))
        #expect(h.sumOfSquares.isApproximatelyEqual(to: 1 + 1 + 6.25, relativeTolerance: 1e-15))
        #expect(h.min == -1)
        #expect(h.max == 2.5)
    }

    @Test func emptyHistogram() {
        let h = ExponentialHistogram()
        #expect(h.count == 0 && h.scale == 3 && h.zeroThreshold == 0)
        #expect(h.min == .infinity && h.max == -.infinity)
        #expect(h.quantile(0.5) == nil)
        #expect(h.mean == nil)
        #expect(h.positive.isEmpty && h.negative.isEmpty)
    }

    @Test func zeroThresholdSendsSmallMagnitudesToZero() {
        var h = ExponentialHistogram(scale: 2, zeroThreshold: 1e-3)
        for x: Double in [1e-3, -1e-3, 5e-4, 1.0001e-3, -2e-3] { h.record(x) }
        #expect(h.zeroCount == 3)
        #expect(h.positive.total == 1 && h.negative.total == 1)
    }

    @Test func invalidConfigurationIsSanitized() {
        #expect(ExponentialHistogram(scale: 99).scale == 20)
        #expect(ExponentialHistogram(scale: -99).scale == -10)
        #expect(ExponentialHistogram(zeroThreshold: -1).zeroThreshold == 0)
        #expect(ExponentialHistogram(zeroThreshold: .nan).zeroThreshold == 0)
    }

    /// The bulk path (buffers) must give exactly the counts of recording one value at a time,
    /// on random bit patterns of every kind (NaN, ±∞, zeros, subnormals included).
    @Test(arguments: [-10, -3, -1, 0, 1, 2, 3, 5, 8, 12])
    func bulkPathMatchesScalarPath(scale: Int) {
        let values = Self.mixedValues(count: scale == 8 ? 300_000 : 60_000, seed: UInt64(scale + 100))
        var bulk = ExponentialHistogram(scale: scale)
        bulk.record(contentsOf: values)
        var scalar = ExponentialHistogram(scale: scale)
        for x in values { scalar.record(x) }
        expectSameCounts(bulk, scalar)
    }

    /// Buffers shorter than the table's slots (a few thousand at these scales: every tensor of
    /// a LayerNorm or a bias) count through the table too, exactly as one value at a time,
    /// values of every kind included, also into a histogram that already holds values.
    @Test(arguments: [-10, -3, 0, 3, 8], [1, 9, 100, 2_000])
    func shortBuffersMatchScalarPath(scale: Int, count: Int) {
        let values = Self.mixedValues(count: count, seed: UInt64(scale + 50 + count))
        var bulk = ExponentialHistogram(scale: scale)
        bulk.record(0.5)
        bulk.record(contentsOf: values)
        var scalar = ExponentialHistogram(scale: scale)
        scalar.record(0.5)
        for x in values { scalar.record(x) }
        expectSameCounts(bulk, scalar)
    }

    /// Random values of every kind: any bit pattern, subnormals, the special values, and
    /// magnitudes from 1e-12 to 1e3 of either sign.
    static func mixedValues(count: Int, seed: UInt64) -> [Float] {
        var generator = SplitMix64(seed: seed)
        return (0 ..< count).map { i in
            switch i % 10 {
            case 0: return Float(bitPattern: UInt32(truncatingIfNeeded: generator.next()))   // any pattern
            case 1: return Float(bitPattern: UInt32(truncatingIfNeeded: generator.next()) & 0x807f_ffff)   // subnormal
            case 2: return [0, -0.0, .infinity, -.infinity, .nan, 1, -1, 2, Float.leastNormalMagnitude,
                            Float.greatestFiniteMagnitude][Int(generator.next() % 10)]
            default:
                let magnitude = Float(Double.random(in: -12 ... 3, using: &generator).exponentialBase10)
                return generator.next() & 1 == 0 ? magnitude : -magnitude
            }
        }
    }

    @Test(arguments: [1e-30, 1e-6, 3.0, 1e39])
    func bulkPathHonoursZeroThreshold(threshold: Double) {
        var generator = SplitMix64(seed: 7)
        let values: [Float] = (0 ..< 50_000).map { i in
            if i % 50 == 0 { return Float(bitPattern: UInt32(truncatingIfNeeded: generator.next()) & 0x807f_ffff) }
            let magnitude = Float(Double.random(in: -40 ... 3, using: &generator).exponentialBase10)
            return generator.next() & 1 == 0 ? magnitude : -magnitude
        }
        var bulk = ExponentialHistogram(scale: 3, zeroThreshold: threshold)
        bulk.record(contentsOf: values)
        var scalar = ExponentialHistogram(scale: 3, zeroThreshold: threshold)
        for x in values { scalar.record(x) }
        expectSameCounts(bulk, scalar)
        #expect(bulk.zeroCount > 0)
    }

    @Test func bufferAndArrayAgree() {
        let values: [Float] = (0 ..< 20_000).map { Float($0 % 97) - 48.5 }
        var a = ExponentialHistogram(scale: 4)
        a.record(contentsOf: values)
        var b = ExponentialHistogram(scale: 4)
        values.withUnsafeBufferPointer { b.record(contentsOf: $0) }
        #expect(a == b)
        #expect(a.sum.isApproximatelyEqual(to: values.reduce(0) { $0 + Double($1) }, absoluteTolerance: 1e-6))
        #expect(a.min == -48.5 && a.max == 47.5)
    }
}

extension Double {
    /// `10^self`.
    var exponentialBase10: Double { Double.pow(10, self) }
}

func expectSameCounts(_ a: ExponentialHistogram, _ b: ExponentialHistogram,
                      sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(a.scale == b.scale, sourceLocation: sourceLocation)
    #expect(a.positive == b.positive, sourceLocation: sourceLocation)
    #expect(a.negative == b.negative, sourceLocation: sourceLocation)
    #expect(a.zeroCount == b.zeroCount, sourceLocation: sourceLocation)
    #expect(a.nanCount == b.nanCount, sourceLocation: sourceLocation)
    #expect(a.positiveInfinityCount == b.positiveInfinityCount, sourceLocation: sourceLocation)
    #expect(a.negativeInfinityCount == b.negativeInfinityCount, sourceLocation: sourceLocation)
    #expect(a.count == b.count, sourceLocation: sourceLocation)
    #expect(a.min == b.min && a.max == b.max, sourceLocation: sourceLocation)
    let scale = Swift.max(a.sum.magnitude, b.sum.magnitude, 1e-300)
    #expect((a.sum - b.sum).magnitude <= 1e-9 * Swift.max(scale, a.sumOfSquares.squareRoot()) || a.sum == b.sum,
            sourceLocation: sourceLocation)
    #expect(a.sumOfSquares.isApproximatelyEqual(to: b.sumOfSquares, relativeTolerance: 1e-9), sourceLocation: sourceLocation)
}
