import Foundation
import Numerics
import Testing
@testable import Histograms
import GradscopeTestSupport

@Suite struct MergeTests {
    static func sample(_ count: Int, seed: UInt64) -> [Float] {
        var generator = SplitMix64(seed: seed)
        return (0 ..< count).map { i in
            if i % 101 == 0 { return 0 }
            if i % 997 == 0 { return [.nan, .infinity, -.infinity][i % 3] }
            let magnitude = Float(Double.random(in: -9 ... 2, using: &generator).exponentialBase10)
            return generator.next() & 1 == 0 ? magnitude : -magnitude
        }
    }

    /// Recording parts (as several layers or workers would) and merging equals recording the whole.
    @Test(arguments: [-2, 0, 3, 7])
    func mergedPartsEqualTheWhole(scale: Int) {
        let values = Self.sample(30_000, seed: UInt64(scale + 10))
        var whole = ExponentialHistogram(scale: scale)
        whole.record(contentsOf: values)
        var merged = ExponentialHistogram(scale: scale)
        for part in [values[0 ..< 100], values[100 ..< 12_345], values[12_345...]] {
            var h = ExponentialHistogram(scale: scale)
            h.record(contentsOf: Array(part))
            merged.merge(h)
        }
        expectSameCounts(merged, whole)
    }

    /// Downscaling by k equals recording at the coarser scale: every coarse bucket is the
    /// union of 2^k fine ones.
    @Test(arguments: [(5, 1), (5, 3), (3, 3), (8, 6), (2, 7), (0, 4)])
    func downscalingEqualsRecordingCoarser(scale: Int, k: Int) {
        let values = Self.sample(20_000, seed: 3)
        var fine = ExponentialHistogram(scale: scale)
        fine.record(contentsOf: values)
        var coarse = ExponentialHistogram(scale: scale - k)
        coarse.record(contentsOf: values)
        let downscaled = fine.downscaled(by: k)
        #expect(downscaled.scale == scale - k)
        expectSameCounts(downscaled, coarse)
    }

    @Test func mergeAcrossScalesDownscalesTheFinerOne() {
        let a = Self.sample(5_000, seed: 1), b = Self.sample(7_000, seed: 2)
        var fine = ExponentialHistogram(scale: 6)
        fine.record(contentsOf: a)
        var coarse = ExponentialHistogram(scale: 2)
        coarse.record(contentsOf: b)
        var expected = ExponentialHistogram(scale: 2)
        expected.record(contentsOf: a + b)
        expectSameCounts(fine.merging(coarse), expected)
        expectSameCounts(coarse.merging(fine), expected)
    }

    @Test func downscaleUsesArithmeticShiftForNegativeIndices() {
        let counts = BucketCounts(offset: -3, counts: [1, 2, 3, 4, 5])   // buckets −3 … 1
        let down = counts.downscaled(by: 1)   // −3 → −2; −2, −1 → −1; 0, 1 → 0
        #expect(down[-2] == 1)
        #expect(down[-1] == 2 + 3)
        #expect(down[0] == 4 + 5)
        #expect(down.total == counts.total)
    }

    @Test func bucketCountsEqualityIgnoresPadding() {
        #expect(BucketCounts(offset: 3, counts: [0, 1, 2, 0]) == BucketCounts(offset: 4, counts: [1, 2]))
        #expect(BucketCounts(offset: 3, counts: [0, 0]) == BucketCounts())
        #expect(BucketCounts(offset: 3, counts: [1]) != BucketCounts(offset: 4, counts: [1]))
    }

    @Test func mergeWithLargerZeroThresholdMovesSmallBuckets() {
        var a = ExponentialHistogram(scale: 3)
        for x: Double in [1e-6, -1e-6, 1, 5] { a.record(x) }
        var b = ExponentialHistogram(scale: 3, zeroThreshold: 1e-3)
        b.record(1e-4)
        a.merge(b)
        #expect(a.zeroThreshold == 1e-3)
        #expect(a.zeroCount == 3)
        #expect(a.positive.total == 2 && a.negative.total == 0)
        #expect(a.count == 5)
    }

    @Test func magnitudesFoldTheNegativeSide() {
        var h = ExponentialHistogram(scale: 3)
        for x: Double in [-8, 2, -0.5, .infinity, -.infinity] { h.record(x) }
        let m = h.magnitudes
        #expect(m.negative.isEmpty)
        #expect(m.positive.total == 3)
        #expect(m.positiveInfinityCount == 2)
        #expect(m.max == 8)
        #expect(m.count == h.count)
    }
}

@Suite("Bucket span limit")
struct BucketSpanLimitTests {
    /// Values over 600 decades at scale 12 would need ~8·10⁶ buckets; the histogram
    /// downscales instead, and stays equal to recording at the coarser scale directly.
    @Test func wideRangeAtFineScaleDownscalesInsteadOfAllocating() throws {
        let values: [Double] = [1e-300, -3e-200, 1e-9, 2.5, -7e100, 1e300]
        var fine = ExponentialHistogram(scale: 12)
        for x in values { fine.record(x) }
        #expect(fine.scale < 12)
        let span = try #require(fine.positive.nonZeroSpan)
        #expect(span.count <= ExponentialHistogram.maxBucketSpan)
        // The coarsest scale that still fits is chosen: one finer would not fit.
        #expect((span.upperBound * 2 + 1) - span.lowerBound * 2 >= ExponentialHistogram.maxBucketSpan)
        var direct = ExponentialHistogram(scale: fine.scale)
        for x in values { direct.record(x) }
        #expect(fine == direct)
        #expect(fine.count == UInt64(values.count))
    }

    /// 20 000 values log-uniform over 1e−15…1e15 (~99.7 octaves), one at a time from scale 12:
    /// 99.7·2^9 ≈ 51 000 buckets would not fit in 2^15, 99.7·2^8 ≈ 25 500 do, so the histogram
    /// ends at scale 8, equal to recording there directly, and neither sign's stored run
    /// (zero padding included) is longer than the limit.
    @Test func manyValuesNearTheLimitKeepShortRuns() {
        var generator = SplitMix64(seed: 21)
        let values = (0 ..< 20_000).map { _ in
            let x = pow(10, Double.random(in: -15 ... 15, using: &generator))
            return Bool.random(using: &generator) ? x : -x
        }
        var fine = ExponentialHistogram(scale: 12)
        for x in values { fine.record(x) }
        #expect(fine.scale == 8)
        #expect(fine.positive.counts.count <= ExponentialHistogram.maxBucketSpan)
        #expect(fine.negative.counts.count <= ExponentialHistogram.maxBucketSpan)
        var direct = ExponentialHistogram(scale: 8)
        for x in values { direct.record(x) }
        #expect(fine == direct)
    }

    /// The bulk path at scale 8 over the whole Float range ends at the same histogram as
    /// recording one value at a time.
    @Test func bulkRecordingOverTheWholeFloatRangeMatchesScalarPath() {
        let values: [Float] = (0..<20_000).map { i in
            Float(sign: i % 3 == 0 ? .minus : .plus, exponent: (i % 250) - 125,
                  significand: 1 + Float(i % 97) / 97)
        } + [Float.leastNonzeroMagnitude, 1e-40]
        var bulk = ExponentialHistogram(scale: 8)
        bulk.record(contentsOf: values)
        var single = ExponentialHistogram(scale: 8)
        for x in values { single.record(x) }
        #expect(bulk.scale == single.scale)
        #expect(bulk.positive == single.positive)
        #expect(bulk.negative == single.negative)
        #expect(bulk.count == UInt64(values.count))
    }

    @Test func mergingFarApartHistogramsDownscales() {
        var a = ExponentialHistogram(scale: 16), b = ExponentialHistogram(scale: 16)
        a.record(1e-30)
        b.record(1e30)
        a.merge(b)
        #expect(a.scale < 16)
        #expect(a.count == 2)
        var direct = ExponentialHistogram(scale: a.scale)
        direct.record(1e-30)
        direct.record(1e30)
        #expect(a == direct)
    }
}
