import Foundation
import Histograms
import Numerics
import Testing
@testable import TensorBoardLog
import GradscopeTestSupport

/// Writer → reader: scalars and exponential histograms come back, histograms without loss.
@Suite struct RoundTripTests {
    /// Values with zeros, NaN, ±Inf and both signs, magnitudes spread over
    /// `10^decades.lowerBound … 10^decades.upperBound` (plus ±1 and 2).
    static func awkwardValues(seed: UInt64, decades: ClosedRange<Double>) -> [Double] {
        var generator = SplitMix64(seed: seed)
        var values: [Double] = [0, -0.0, 0, .nan, .nan, .infinity, -.infinity, .infinity, 1, -1, 2]
        for _ in 0..<500 {
            let magnitude = Foundation.pow(10, Double.random(in: decades, using: &generator))
            values.append(Bool.random(using: &generator) ? magnitude : -magnitude)
        }
        return values
    }

    static func histogram(scale: Int, zeroThreshold: Double, seed: UInt64,
                          decades: ClosedRange<Double> = -12...3) -> ExponentialHistogram {
        var histogram = ExponentialHistogram(scale: scale, zeroThreshold: zeroThreshold)
        for x in awkwardValues(seed: seed, decades: decades) { histogram.record(x) }
        return histogram
    }

    /// Bucket runs are dense, so fine scales get a narrower range (2^12 buckets per octave at 12).
    @Test(arguments: [(-10, 0.0, -300.0...300.0), (-3, 0.0, -12...3), (0, 0.0, -12...3), (3, 0.0, -12...3),
                      (3, 1e-10, -12...3), (8, 1e-6, -12...3), (12, 0.0, -2...2)])
    func exponentialHistogramsRoundTripExactly(scale: Int, zeroThreshold: Double,
                                               decades: ClosedRange<Double>) throws {
        let original = Self.histogram(scale: scale, zeroThreshold: zeroThreshold, seed: UInt64(scale + 100),
                                      decades: decades)
        #expect(original.nanCount == 2)
        #expect(original.positiveInfinityCount == 2)
        #expect(original.negativeInfinityCount == 1)
        #expect(original.zeroCount >= 3)
        let logdir = try TestSupport.temporaryDirectory()
        let writer = try EventFileWriter(logdir: logdir)
        writer.addHistogram("grad/all", original, step: 7, wallTime: 1234.5)
        try writer.close()

        let runs = try RunData.loadAll(in: logdir)
        #expect(runs.map(\.name) == ["."])
        let point = try #require(runs.first?.histograms["grad/all"]?.first)
        #expect(point.step == 7)
        #expect(point.wallTime == 1234.5)
        guard case .exponential(let restored) = point.histogram else {
            Issue.record("read back as \(point.histogram)")
            return
        }
        #expect(restored == original)
        #expect(restored.scale == original.scale)
        #expect(restored.zeroThreshold == original.zeroThreshold)
        // Zero padding is not kept: the stored runs are the non-zero spans.
        #expect(restored.positive.offset == original.positive.trimmed().offset)
        #expect(restored.positive.counts == original.positive.trimmed().counts)
        #expect(restored.negative.offset == original.negative.trimmed().offset)
        #expect(restored.negative.counts == original.negative.trimmed().counts)
        #expect(restored.sum.bitPattern == original.sum.bitPattern)
        #expect(restored.sumOfSquares.bitPattern == original.sumOfSquares.bitPattern)
        #expect(restored.min == original.min && restored.max == original.max)
        #expect(restored.count == original.count)
    }

    @Test func emptyHistogramRoundTrips() throws {
        let logdir = try TestSupport.temporaryDirectory()
        let writer = try EventFileWriter(logdir: logdir)
        writer.addHistogram("empty", ExponentialHistogram(scale: 2), step: 0)
        try writer.close()
        let point = try #require(try RunData.loadAll(in: logdir).first?.histograms["empty"]?.first)
        #expect(point.histogram == .exponential(ExponentialHistogram(scale: 2)))
    }

    @Test func scalarsRoundTripAtFloat32Precision() throws {
        let logdir = try TestSupport.temporaryDirectory()
        let writer = try EventFileWriter(logdir: logdir)
        let values = [3.0, 0.1, -2.5e-7, 1e30]
        for (step, value) in values.enumerated() {
            writer.addScalar("loss", value, step: Int64(step), wallTime: 100 + Double(step))
            try writer.flush()
        }
        try writer.close()
        let run = try #require(try RunData.loadAll(in: logdir).first)
        let points = try #require(run.scalars["loss"])
        #expect(points.map(\.step) == [0, 1, 2, 3])
        #expect(points.map(\.wallTime) == [100, 101, 102, 103])
        for (point, value) in zip(points, values) {
            #expect(point.value.isApproximatelyEqual(to: value, relativeTolerance: Double(Float.ulpOfOne)))
        }
        #expect(run.warnings.isEmpty)
    }

    @Test func fileIsNamedAndStartedLikeTensorBoards() throws {
        let logdir = try TestSupport.temporaryDirectory()
        let writer = try EventFileWriter(logdir: logdir)
        try writer.close()
        let name = (writer.path as NSString).lastPathComponent
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        #expect(name.hasPrefix("events.out.tfevents."))
        #expect(parts.count >= 7)
        #expect(parts[3].count == 10 && Int(parts[3]) != nil)
        #expect(Int(parts[parts.count - 2]) == Int(ProcessInfo.processInfo.processIdentifier))
        #expect(Int(parts[parts.count - 1]) != nil)
        let (events, warnings) = TestSupport.events(of: writer.path)
        #expect(warnings.isEmpty)
        #expect(events.count == 1)
        #expect(events.first?.fileVersion == "brain.Event:2")
        #expect(events.first.map { $0.wallTime > 1.7e9 } == true)
    }

    @Test func flushWritesTheStepAndFilesStayReadable() throws {
        let logdir = try TestSupport.temporaryDirectory()
        let writer = try EventFileWriter(logdir: logdir)
        writer.addScalar("a", 1, step: 1)
        writer.addScalar("b", 2, step: 1)
        #expect(TestSupport.events(of: writer.path).events.count == 1)
        try writer.flush()
        #expect(TestSupport.events(of: writer.path).events.count == 3)
        try writer.close()
    }

    @Test func bucketedHistogramRoundTripsAsLegacyProto() throws {
        let logdir = try TestSupport.temporaryDirectory()
        let writer = try EventFileWriter(logdir: logdir)
        let statistics = ForeignHistogram.Statistics(min: -1, max: 3, num: 6, sum: 4, sumOfSquares: 12)
        let histogram = ForeignHistogram(bucketLimits: [0, 1, 3], bucketCounts: [2, 1, 3], statistics: statistics)
        writer.addHistogram("h", histogram, step: 3)
        try writer.close()
        let point = try #require(try RunData.loadAll(in: logdir).first?.histograms["h"]?.first)
        #expect(point.histogram == .bucketed(histogram))
        #expect(point.histogram.buckets == SignedBuckets(edges: [-1, 0, 1, 3], counts: [2, 1, 3]))
    }
}
