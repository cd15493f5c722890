import Foundation
import Testing
@testable import TensorBoardLog

/// The reader must agree with TensorBoard's EventAccumulator (`expected.json`) on every run,
/// tag, step, bucket edge and count of the event files written by PyTorch's SummaryWriter,
/// tensorboardX and TensorBoard's TF2 histogram writer. Decoding is exact, so values are
/// compared for equality.
@Suite struct FixtureTests {
    /// What EventAccumulator read, per run.
    struct ExpectedRun: Decodable {
        var scalars: [String: [[Double]]]
        var histograms: [String: [LegacyHistogram]]
        var tensorHistograms: [String: [TensorHistogram]]

        enum CodingKeys: String, CodingKey {
            case scalars, histograms
            case tensorHistograms = "tensor_histograms"
        }
    }

    struct LegacyHistogram: Decodable {
        var step: Int64
        var min, max, num, sum: Double
        var sumSquares: Double
        var bucketLimit: [Double]
        var bucket: [Double]

        enum CodingKeys: String, CodingKey {
            case step, min, max, num, sum, bucket
            case sumSquares = "sum_squares"
            case bucketLimit = "bucket_limit"
        }
    }

    struct TensorHistogram: Decodable {
        var step: Int64
        var buckets: [[Double]]
    }

    let expected: [String: ExpectedRun]
    let runs: [String: RunData]

    init() throws {
        let url = URL(fileURLWithPath: TestSupport.tensorboardFixtures).appendingPathComponent("expected.json")
        expected = try JSONDecoder().decode([String: ExpectedRun].self, from: Data(contentsOf: url))
        let loaded = try RunData.loadAll(in: TestSupport.tensorboardFixtures)
        runs = Dictionary(uniqueKeysWithValues: loaded.map { ($0.name, $0) })
    }

    @Test func sameRuns() {
        #expect(Set(runs.keys) == Set(expected.keys))
        #expect(runs.values.allSatisfy { $0.warnings.isEmpty })
    }

    @Test func sameTagsPerRun() throws {
        for (name, want) in expected {
            let run = try #require(runs[name])
            #expect(Set(run.scalars.keys) == Set(want.scalars.keys), "run \(name)")
            let histogramTags = Set(want.histograms.keys).union(want.tensorHistograms.keys)
            #expect(Set(run.histograms.keys) == histogramTags, "run \(name)")
        }
    }

    @Test func scalarsStepsAndValues() throws {
        var compared = 0
        for (name, want) in expected {
            let run = try #require(runs[name])
            for (tag, pairs) in want.scalars {
                let points = try #require(run.scalars[tag])
                #expect(points.map { Double($0.step) } == pairs.map { $0[0] }, "\(name)/\(tag) steps")
                #expect(points.map(\.value) == pairs.map { $0[1] }, "\(name)/\(tag) values")
                compared += pairs.count
            }
        }
        #expect(compared > 0)
    }

    @Test func legacyHistogramsEveryField() throws {
        var compared = 0
        for (name, kinds) in expected {
            let run = try #require(runs[name])
            for (tag, series) in kinds.histograms {
                let points = try #require(run.histograms[tag])
                try #require(points.count == series.count, "\(name)/\(tag) count")
                for (point, want) in zip(points, series) {
                    guard case .bucketed(let got) = point.histogram else {
                        Issue.record("\(name)/\(tag) step \(point.step) is not a bucketed histogram")
                        continue
                    }
                    let statistics = try #require(got.statistics)
                    #expect(got.source == .histogramProto)
                    #expect(point.step == want.step)
                    #expect(statistics.min == want.min)
                    #expect(statistics.max == want.max)
                    #expect(statistics.num == want.num)
                    #expect(statistics.sum == want.sum)
                    #expect(statistics.sumOfSquares == want.sumSquares)
                    #expect(got.rightEdges == want.bucketLimit, "\(name)/\(tag) limits")
                    #expect(got.counts == want.bucket, "\(name)/\(tag) counts")
                    compared += 1
                }
            }
        }
        #expect(compared == 36)
    }

    @Test func tensorHistogramsEveryTriple() throws {
        var compared = 0
        for (name, kinds) in expected {
            let run = try #require(runs[name])
            for (tag, series) in kinds.tensorHistograms {
                let points = try #require(run.histograms[tag])
                try #require(points.count == series.count, "\(name)/\(tag) count")
                for (point, want) in zip(points, series) {
                    let triples = want.buckets
                    guard case .bucketed(let got) = point.histogram else {
                        Issue.record("\(name)/\(tag) step \(point.step) is not a bucketed histogram")
                        continue
                    }
                    #expect(got.source == .tensor)
                    #expect(got.statistics == nil)
                    #expect(point.step == want.step)
                    #expect(got.leftEdges == triples.map { $0[0] }, "\(name)/\(tag) left edges")
                    #expect(got.rightEdges == triples.map { $0[1] }, "\(name)/\(tag) right edges")
                    #expect(got.counts == triples.map { $0[2] }, "\(name)/\(tag) counts")
                    compared += 1
                }
            }
        }
        #expect(compared == 24)
    }

    /// Legacy edges: the first bucket's lower edge is min(min, bucket_limit[0]).
    @Test func legacyEdgesStartAtMinimum() throws {
        let run = try #require(runs["torch_summarywriter"])
        let point = try #require(run.histograms["grad/signed_auto_bins"]?.first)
        guard case .bucketed(let histogram) = point.histogram else {
            Issue.record("not bucketed")
            return
        }
        let buckets = point.histogram.buckets
        #expect(buckets.edges.count == buckets.counts.count + 1)
        #expect(buckets.edges.first == histogram.statistics?.min)
        #expect(Array(buckets.edges.dropFirst()) == histogram.rightEdges)
    }
}
