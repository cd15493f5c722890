import Foundation
import Numerics
import Testing
@testable import Histograms
import GradscopeTestSupport

@Suite struct QuantileTests {
    /// Quantiles of log-uniform data are within the bucket's relative error of the exact ones.
    @Test(arguments: [0.01, 0.1, 0.25, 0.5, 0.9, 0.99])
    func quantilesAreWithinOneBucket(q: Double) throws {
        var generator = SplitMix64(seed: 11)
        let values = (0 ..< 50_000).map { _ in Double.random(in: -6 ... 1, using: &generator).exponentialBase10 }
        var h = ExponentialHistogram(scale: 3)
        for x in values { h.record(x) }
        let exact = values.sorted()[Int(q * Double(values.count - 1))]
        let estimate = try #require(h.quantile(q))
        #expect(estimate.isApproximatelyEqual(to: exact, relativeTolerance: ExponentialHistogram.relativeError(scale: 3)))
    }

    @Test func signedQuantilesRankNegativesFirst() throws {
        var h = ExponentialHistogram(scale: 4)
        for x: Double in [-100, -10, -1, 0, 1, 10, 100] { h.record(x) }
        #expect(try #require(h.quantile(0)) == -100)
        #expect(try #require(h.quantile(1)) == 100)
        #expect(try #require(h.quantile(0.5)) == 0)
        let q = try #require(h.quantile(0.2))   // rank 1.4: inside the bucket of −10
        #expect(q < -1 && q > -100)
        #expect((-q).isApproximatelyEqual(to: 10, relativeTolerance: ExponentialHistogram.relativeError(scale: 4)))
    }

    @Test func quantileEdgeCases() {
        var h = ExponentialHistogram()
        h.record(Double.nan)
        #expect(h.quantile(0.5) == nil)
        h.record(Double.infinity)
        #expect(h.quantile(0.5) == .infinity)
        h.record(-Double.infinity)
        #expect(h.quantile(0) == -.infinity)
        #expect(h.quantile(.nan) == nil)
        h.record(3.0)
        #expect(h.quantile(0.5) == 3)   // clamped to [min, max] = [3, 3]
        #expect(h.quantile(-5) == -.infinity)
    }
}

@Suite struct CodingTests {
    @Test func roundTripsThroughJSON() throws {
        var h = ExponentialHistogram(scale: 5, zeroThreshold: 1e-9)
        h.record(contentsOf: MergeTests.sample(5_000, seed: 4))
        let data = try JSONEncoderLite.encode(h)
        let back = try JSONEncoderLite.decode(data)
        #expect(back == h)
    }

    @Test func restoringFromPartsEqualsTheOriginal() {
        var h = ExponentialHistogram(scale: 2)
        h.record(contentsOf: MergeTests.sample(1_000, seed: 8))
        let restored = ExponentialHistogram(scale: h.scale, zeroThreshold: h.zeroThreshold, positive: h.positive,
                                            negative: h.negative, zeroCount: h.zeroCount, nanCount: h.nanCount,
                                            positiveInfinityCount: h.positiveInfinityCount,
                                            negativeInfinityCount: h.negativeInfinityCount, sum: h.sum,
                                            sumOfSquares: h.sumOfSquares, min: h.min, max: h.max)
        #expect(restored == h)
        var continued = restored
        continued.record(2.0)
        #expect(continued.count == h.count + 1)
    }

    @Test func decodingAnUnsupportedScaleThrows() throws {
        let h = ExponentialHistogram(scale: 3)
        let json = String(decoding: try JSONEncoderLite.encode(h), as: UTF8.self)
            .replacingOccurrences(of: "\"scale\":3", with: "\"scale\":40")
        #expect(throws: HistogramError.unsupportedScale(40)) { try JSONEncoderLite.decode(Data(json.utf8)) }
        #expect(HistogramError.unsupportedScale(40).description.contains("40"))
    }
}
