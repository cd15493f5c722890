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

@Suite struct RebinTests {
    @Test func rebinningPreservesTotalsOverCoveringEdges() {
        var generator = SplitMix64(seed: 12)
        var h = ExponentialHistogram(scale: 3)
        for _ in 0 ..< 10_000 {
            let magnitude = Double.random(in: -5 ... 0, using: &generator).exponentialBase10
            h.record(generator.next() & 1 == 0 ? magnitude : -magnitude)
        }
        h.record(0.0)
        h.record(Double.nan)
        let edges = stride(from: -2.0, through: 2.0, by: 0.05).map { $0 }
        let counts = h.rebinned(onto: edges)
        #expect(counts.count == edges.count - 1)
        #expect(counts.reduce(0, +).isApproximatelyEqual(to: 10_000, relativeTolerance: 1e-9))
        #expect(counts.allSatisfy { $0 >= 0 })
    }

    @Test func rebinningOntoBucketBoundariesIsExact() {
        var h = ExponentialHistogram(scale: 2)
        for x: Double in [1.1, 1.3, 1.5, 1.7, 3, 3] { h.record(x) }
        let edges = (0 ... 8).map { ExponentialHistogram.lowerBoundary(ofBucket: $0, scale: 2) }
        let counts = h.rebinned(onto: edges)
        for (i, count) in counts.enumerated() {
            #expect(count.isApproximatelyEqual(to: Double(h.positive[i]), absoluteTolerance: 1e-9))
        }
    }

    @Test func overlapIsMeasuredInLogSpace() {
        var h = ExponentialHistogram(scale: 0)   // bucket 1 is (2, 4]
        for _ in 0 ..< 8 { h.record(3.0) }
        // √8 splits (2, 4] in half in log space.
        let counts = h.rebinned(onto: [2, 8.0.squareRoot(), 4])
        #expect(counts[0].isApproximatelyEqual(to: 4, relativeTolerance: 1e-12))
        #expect(counts[1].isApproximatelyEqual(to: 4, relativeTolerance: 1e-12))
        let negative = ExponentialHistogram(scale: 0).merging({ var n = ExponentialHistogram(scale: 0); n.record(-3.0); return n }())
        let split = negative.rebinned(onto: [-4, -(8.0.squareRoot()), -2, 0, 1])
        #expect(split[0].isApproximatelyEqual(to: 0.5, relativeTolerance: 1e-12))
        #expect(split[1].isApproximatelyEqual(to: 0.5, relativeTolerance: 1e-12))
        #expect(split[2] == 0 && split[3] == 0)
    }

    @Test func badEdgesNeverCrash() {
        var h = ExponentialHistogram()
        h.record(1.5)
        #expect(h.rebinned(onto: []) == [])
        #expect(h.rebinned(onto: [1]) == [])
        #expect(h.rebinned(onto: [2, 1, .nan, 3]) == [0, 0, 0])
        #expect(h.rebinned(onto: [-.infinity, .infinity]).first.map { $0.isApproximatelyEqual(to: 1, relativeTolerance: 1e-12) } == true)
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

@Suite struct BucketRangeTests {
    @Test func rangesAscendAndContainTheirValues() {
        var h = ExponentialHistogram(scale: 1)
        for x: Double in [-5, -5, -0.3, 0, 0.7, 12] { h.record(x) }
        let ranges = h.bucketRanges
        #expect(ranges.map(\.count) == [2, 1, 1, 1])
        #expect(zip(ranges, ranges.dropFirst()).allSatisfy { $0.upper <= $1.lower })
        for (range, x) in zip(ranges, [-5.0, -0.3, 0.7, 12]) {
            #expect(range.lower <= x && x <= range.upper)
        }
    }
}
