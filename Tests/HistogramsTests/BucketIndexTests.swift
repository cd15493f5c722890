import Numerics
import Testing
@testable import Histograms
import GradscopeTestSupport

@Suite struct BucketIndexTests {
    /// Every bucket boundary of every binade (normal and subnormal) at scales 0…5: the Float
    /// just below the boundary, the first Float above it, and the one after.
    @Test(arguments: 0 ... 5)
    func everyBoundaryAtPositiveScales(scale: Int) {
        var mismatches: [(Float, Int, Int)] = []
        for p in 0 ... 23 {   // significand bits of the binade: 23 for normal floats
            let exponents: [Int] = p == 23 ? Array(-149 ... 104) : [-149]   // x = K · 2^E
            for j in 0 ..< (1 << scale) {
                let firstAbove = ExactReference.firstSignificandAbove(boundary: j, significandBits: p, scale: scale)
                for e in exponents {
                    for k in [firstAbove - 1, firstAbove, firstAbove + 1] {
                        let x = Float(sign: .plus, exponent: e, significand: Float(k))
                        guard x.isFinite, x > 0 else { continue }
                        let expected = ExactReference.bucketIndex(x, scale: scale)
                        let actual = ExponentialHistogram.bucketIndex(of: x, scale: scale)
                        if actual != expected { mismatches.append((x, actual, expected)) }
                    }
                }
            }
        }
        #expect(mismatches.isEmpty, "first mismatches: \(mismatches.prefix(5))")
    }

    /// At scales ≤ 0 the boundaries are powers of two: test each one's neighbours.
    @Test(arguments: [-10, -7, -4, -3, -2, -1, 0])
    func everyPowerOfTwoAtNonPositiveScales(scale: Int) {
        var failures: [Float] = []
        for e in -149 ... 127 {
            let power = Float(sign: .plus, exponent: e, significand: 1)
            for x in [power.nextDown, power, power.nextUp] where x > 0 && x.isFinite {
                let index = ExponentialHistogram.bucketIndex(of: x, scale: scale)
                if !ExactReference.isInBucket(x, index: index, scale: scale) { failures.append(x) }
            }
        }
        #expect(failures.isEmpty, "first failures: \(failures.prefix(5))")
    }

    @Test func exactPowersOfTwoFollowTheOpenTelemetryRule() {
        for scale in 1 ... 8 {
            for e in [-149, -126, -3, 0, 1, 7, 127] {
                let x = Float(sign: .plus, exponent: e, significand: 1)
                #expect(ExponentialHistogram.bucketIndex(of: x, scale: scale) == (e << scale) - 1)
            }
        }
        #expect(ExponentialHistogram.bucketIndex(of: Float(1), scale: 0) == -1)
        #expect(ExponentialHistogram.bucketIndex(of: Float(4), scale: -1) == 0)
        #expect(ExponentialHistogram.bucketIndex(of: Float(4.0001), scale: -1) == 1)
    }

    /// One million random positive finite bit patterns at scale 3, a few thousand at other scales.
    @Test(arguments: [(3, 1_000_000), (0, 20_000), (1, 20_000), (2, 20_000), (4, 20_000), (5, 20_000), (6, 10_000)])
    func randomBitPatterns(scale: Int, count: Int) {
        var generator = SplitMix64(seed: UInt64(scale) &+ 17)
        var mismatches: [Float] = []
        for _ in 0 ..< count {
            let x = Float(bitPattern: UInt32(truncatingIfNeeded: generator.next()) & 0x7fff_ffff)
            guard x > 0, x.isFinite else { continue }
            if ExponentialHistogram.bucketIndex(of: x, scale: scale) != ExactReference.bucketIndex(x, scale: scale) {
                mismatches.append(x)
            }
        }
        #expect(mismatches.isEmpty, "first mismatches: \(mismatches.prefix(5))")
    }

    /// Subnormals: every subnormal with few significand bits, plus random ones, at scales 0…5.
    @Test(arguments: 0 ... 5)
    func subnormals(scale: Int) {
        var generator = SplitMix64(seed: 99)
        var candidates = (1 ... 4096).map { Float(bitPattern: UInt32($0)) }
        candidates += (0 ..< 20_000).map { _ in Float(bitPattern: UInt32(truncatingIfNeeded: generator.next()) & 0x7f_ffff | 1) }
        let mismatches = candidates.filter {
            ExponentialHistogram.bucketIndex(of: $0, scale: scale) != ExactReference.bucketIndex($0, scale: scale)
        }
        #expect(mismatches.isEmpty, "first mismatches: \(mismatches.prefix(5))")
    }

    @Test func doubleAndFloatOverloadsAgree() {
        var generator = SplitMix64(seed: 5)
        for _ in 0 ..< 10_000 {
            let x = Float(bitPattern: UInt32(truncatingIfNeeded: generator.next()) & 0x7f7f_ffff)
            guard x > 0 else { continue }
            for scale in [-4, 0, 3, 9, 12] {
                #expect(ExponentialHistogram.bucketIndex(of: x, scale: scale)
                        == ExponentialHistogram.bucketIndex(of: Double(x), scale: scale))
            }
        }
    }

    @Test func doubleIndexIsBracketedByLowerBoundaries() {
        var generator = SplitMix64(seed: 6)
        for _ in 0 ..< 5_000 {
            let x = Double(bitPattern: generator.next() & 0x7fef_ffff_ffff_ffff)
            guard x > 1e-300, x < 1e300 else { continue }
            for scale in [-10, -1, 0, 1, 3, 8, 12] {
                let i = ExponentialHistogram.bucketIndex(of: x, scale: scale)
                let lower = ExponentialHistogram.lowerBoundary(ofBucket: i, scale: scale)
                let upper = ExponentialHistogram.lowerBoundary(ofBucket: i + 1, scale: scale)
                // lowerBoundary(i) is the largest Double ≤ b^i, so b^i < x ≤ b^(i+1) implies this.
                #expect(lower < x && x <= upper, "x=\(x) scale=\(scale) i=\(i)")
            }
        }
    }

    @Test func specialMagnitudes() {
        #expect(ExponentialHistogram.bucketIndex(of: Float(0), scale: 3) == Int.min)
        #expect(ExponentialHistogram.bucketIndex(of: Float.nan, scale: 3) == Int.min)
        #expect(ExponentialHistogram.bucketIndex(of: Float.infinity, scale: 3) == Int.max)
        #expect(ExponentialHistogram.bucketIndex(of: Float(-2.5), scale: 3)
                == ExponentialHistogram.bucketIndex(of: Float(2.5), scale: 3))
    }

    @Test func lowerBoundariesArePowersOfTheBase() {
        #expect(ExponentialHistogram.lowerBoundary(ofBucket: 8, scale: 3) == 2)
        #expect(ExponentialHistogram.lowerBoundary(ofBucket: -16, scale: 3) == 0.25)
        #expect(ExponentialHistogram.lowerBoundary(ofBucket: 3, scale: -2) == 4096)
        let b = ExponentialHistogram.lowerBoundary(ofBucket: 1, scale: 3)
        #expect(b.isApproximatelyEqual(to: 1.0905077326652577, relativeTolerance: 1e-15))
        #expect(ExponentialHistogram.lowerBoundary(ofBucket: 5, scale: 2)
                .isApproximatelyEqual(to: 2.378414230005442, relativeTolerance: 1e-15))
        #expect(ExponentialHistogram.lowerBoundary(ofBucket: 1 << 40, scale: 0) == .greatestFiniteMagnitude)
        #expect(ExponentialHistogram.lowerBoundary(ofBucket: -(1 << 40), scale: 0) == 0)
    }

    @Test func relativeErrorBound() {
        #expect(ExponentialHistogram.relativeError(scale: 3).isApproximatelyEqual(to: 0.0905077326652577, relativeTolerance: 1e-12))
        #expect(ExponentialHistogram.relativeError(scale: 0) == 1)
    }
}
