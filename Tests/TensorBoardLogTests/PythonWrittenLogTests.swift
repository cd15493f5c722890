import Foundation
import Testing
import GradscopeTestSupport
@testable import TensorBoardLog

/// A log written by the Python package `gradscope-torch` (`python/scripts/make_swift_fixture.py`)
/// reads back as exactly what Python recorded (`expected.json`, written by Python from its own
/// histograms): scale, zero threshold, every bucket, zero/NaN/Inf counts, sum, min and max;
/// for today's payload version 2 and for the version 1 fixture written before it.
@Suite struct PythonWrittenLogTests {
    struct Expected: Decodable {
        var histograms: [Histogram]
        var scalars: [Scalar]
    }

    struct Histogram: Decodable {
        var tag: String
        var step: Int64
        var scale: Int
        var zero_threshold: Double
        var offset: Int
        var counts: [UInt64]
        var zero_count, nan_count, positive_infinity_count: UInt64
        var sum, sum_of_squares, min, max: Double
    }

    struct Scalar: Decodable {
        var tag: String
        var step: Int64
        var value: Double
    }

    /// Today's fixture (payload version 2) and the one the version 1 writer left.
    static let fixtures = ["gradscope-torch", "gradscope-torch-v1"]

    static func load(_ name: String) throws -> (expected: Expected, run: RunData) {
        let fixture = Fixtures.root.appendingPathComponent(name)
        let expected = try JSONDecoder().decode(Expected.self,
                                                from: Data(contentsOf: fixture.appendingPathComponent("expected.json")))
        let runs = try RunData.loadAll(in: fixture.path)
        return (expected, try #require(runs.first { $0.name == "run" }))
    }

    @Test(arguments: fixtures)
    func readsWithoutWarnings(_ name: String) throws {
        let (expected, run) = try Self.load(name)
        #expect(run.warnings.isEmpty)
        #expect(Set(run.histograms.keys) == Set(expected.histograms.map(\.tag)))
    }

    @Test(arguments: fixtures)
    func everyHistogramIsWhatPythonRecorded(_ name: String) throws {
        let (expected, run) = try Self.load(name)
        #expect(expected.histograms.count >= 10)
        for want in expected.histograms {
            let point = try #require(run.histograms[want.tag]?.first { $0.step == want.step }, "\(want.tag) \(want.step)")
            guard case .exponential(let h) = point.histogram else {
                Issue.record("\(want.tag) is not an exponential histogram")
                continue
            }
            let positive = h.positive.trimmed()
            #expect(h.scale == want.scale && h.zeroThreshold == want.zero_threshold, "\(want.tag)")
            #expect(positive.offset == want.offset && positive.counts == want.counts, "\(want.tag) \(want.step)")
            #expect(h.negative.total == 0 && h.negativeInfinityCount == 0)
            #expect(h.zeroCount == want.zero_count && h.nanCount == want.nan_count
                    && h.positiveInfinityCount == want.positive_infinity_count, "\(want.tag)")
            #expect(h.sum == want.sum && h.sumOfSquares == want.sum_of_squares, "\(want.tag)")
            #expect(h.min == want.min && h.max == want.max, "\(want.tag)")
        }
    }

    @Test(arguments: fixtures)
    func specialValuesAreCounted(_ name: String) throws {
        let (expected, _) = try Self.load(name)
        let special = try #require(expected.histograms.first { $0.tag == "grad/special" && $0.step == 1 })
        #expect(special.zero_count == 2 && special.nan_count == 1 && special.positive_infinity_count == 2)
    }

    @Test(arguments: fixtures)
    func scalarsAreWhatPythonWrote(_ name: String) throws {
        let (expected, run) = try Self.load(name)
        for want in expected.scalars {
            let point = try #require(run.scalars[want.tag]?.first { $0.step == want.step })
            #expect(point.value == want.value)
        }
    }
}
