import Foundation
import Histograms
import Numerics
import Testing
@testable import TensorBoardLog
import GradscopeTestSupport

@Suite struct ExportTests {
    /// A logdir with one run "train" holding two scalars and one exponential histogram.
    static func makeLogdir() throws -> (logdir: String, histogram: ExponentialHistogram) {
        let logdir = try TestSupport.temporaryDirectory()
        let writer = try EventFileWriter(logdir: (logdir as NSString).appendingPathComponent("train"))
        var histogram = ExponentialHistogram(scale: 1)
        for x in [0.0, -0.75, 0.3, 5, .nan, -.infinity] { histogram.record(x) }
        writer.addScalar("loss", 0.5, step: 1, wallTime: 10.25)
        writer.addHistogram("grad", histogram, step: 1, wallTime: 10.5)
        writer.addScalar("loss", 0.25, step: 2, wallTime: 11)
        try writer.close()
        return (logdir, histogram)
    }

    static func collect(_ logdir: String, _ format: LogExport.Format, run: String? = nil,
                        tag: String? = nil) throws -> [String] {
        var lines: [String] = []
        try LogExport.export(logdir: logdir, format: format, run: run, tag: tag) { lines.append($0) }
        return lines
    }

    static func object(_ line: String) throws -> JSONValue {
        let value = try JSONValue.parse(line)
        guard case .object = value else { throw TestSupport.FixtureError(message: "not an object: \(line)") }
        return value
    }

    /// The histogram of `makeLogdir`, derived by hand at scale 1 (base √2, bucket i = (2^(i/2), 2^((i+1)/2)]):
    /// −0.75 lies in negative bucket −1 = (−1, −2^−½], 0 in the zero bucket [0, 0], 0.3 in positive
    /// bucket −4 = (2^−2, 2^−1.5] and 5 in bucket 4 = (2^2, 2^2.5]. The positive side keeps its
    /// seven empty buckets −3…3; empty buckets bridge −2^−½ to 0 and 0 to 2^−2.
    static let handEdges = [-1, -0.5.squareRoot(), 0, 0] + (-4...5).map { Foundation.pow(2, Double($0) / 2) }
    static let handCounts: [Double] = [1, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1]

    @Test func jsonlScalarsAndExponentialHistogram() throws {
        let (logdir, _) = try Self.makeLogdir()
        let objects = try Self.collect(logdir, .jsonl).map(Self.object)
        #expect(objects.count == 3)
        let scalars = objects.filter { $0["kind"]?.string == "scalar" }
        #expect(scalars.map { $0["run"]?.string } == ["train", "train"])
        #expect(scalars.map { $0["tag"]?.string } == ["loss", "loss"])
        #expect(scalars.map { $0["step"]?.number } == [1, 2])
        #expect(scalars.map { $0["wall_time"]?.number } == [10.25, 11])
        #expect(scalars.map { $0["value"]?.number } == [0.5, 0.25])

        let histogram = try #require(objects.first { $0["kind"]?.string == "histogram" })
        #expect(histogram["tag"]?.string == "grad")
        #expect(histogram["step"]?.number == 1)
        #expect(histogram["wall_time"]?.number == 10.5)
        let edges = try #require(histogram["edges"]?.numbers)
        #expect(edges.count == Self.handEdges.count)
        for (edge, expected) in zip(edges, Self.handEdges) {
            #expect(edge.isApproximatelyEqual(to: expected, relativeTolerance: 1e-12))
        }
        #expect(histogram["counts"]?.numbers == Self.handCounts)
        #expect(histogram["zero_count"]?.number == 1)
        #expect(histogram["nan_count"]?.number == 1)
        #expect(histogram["pos_inf_count"]?.number == 0)
        #expect(histogram["neg_inf_count"]?.number == 1)
        #expect(histogram["count"]?.number == 6)
        #expect(try #require(histogram["sum"]?.number).isApproximatelyEqual(to: 4.55, relativeTolerance: 1e-12))
        #expect(try #require(histogram["sum_squares"]?.number)
            .isApproximatelyEqual(to: 25.6525, relativeTolerance: 1e-12))
        #expect(histogram["min"]?.number == -0.75)
        #expect(histogram["max"]?.number == 5)
        #expect(histogram["scale"]?.number == 1)
    }

    @Test func jsonlLegacyHistogramEdgesAndNulls() throws {
        let lines = try Self.collect(TestSupport.tensorboardFixtures, .jsonl, run: "torch_summarywriter",
                                     tag: "grad/signed_auto_bins")
        #expect(lines.count == 12)
        let run = RunData.load(try #require(try RunLocation.discover(in: TestSupport.tensorboardFixtures)
            .first { $0.name == "torch_summarywriter" }))
        let first = try #require(run.histograms["grad/signed_auto_bins"]?.first)
        guard case .bucketed(let histogram) = first.histogram else {
            Issue.record("not bucketed")
            return
        }
        let object = try Self.object(lines[0])
        #expect(object["edges"]?.numbers == [histogram.statistics!.min] + histogram.rightEdges)
        #expect(object["counts"]?.numbers == histogram.counts)
        #expect(object["count"]?.number == histogram.statistics?.num)
        #expect(object["sum_squares"]?.number == histogram.statistics?.sumOfSquares)
        #expect(object["zero_count"]?.isNull == true)
        #expect(object["scale"] == nil)
    }

    @Test func jsonEscapesAndNonFiniteNumbers() throws {
        let line = LogExport.jsonLine(run: "r\"1", step: -1, wallTime: .nan,
                                      value: LogValue(tag: "a\\b\n\u{1}", content: .scalar(.infinity)))
        let object = try Self.object(line)
        #expect(object["run"]?.string == "r\"1")
        #expect(object["tag"]?.string == "a\\b\n\u{1}")
        #expect(object["wall_time"]?.isNull == true)
        #expect(object["value"]?.isNull == true)
        #expect(object["step"]?.number == -1)
    }

    @Test func csvScalarsOnly() throws {
        let (logdir, _) = try Self.makeLogdir()
        let lines = try Self.collect(logdir, .csv)
        #expect(lines == ["run,tag,step,wall_time,value", "train,loss,1,10.25,0.5", "train,loss,2,11.0,0.25"])
    }

    @Test func csvQuotesAwkwardNames() {
        let line = LogExport.csvLine(run: "a,b", step: 3, wallTime: 1, value: LogValue(tag: "say \"hi\"", content: .scalar(2)))
        #expect(line == "\"a,b\",\"say \"\"hi\"\"\",3,1.0,2.0")
    }

    @Test func filtersByRunAndTag() throws {
        let fixtures = TestSupport.tensorboardFixtures
        let lines = try Self.collect(fixtures, .csv, run: "tensorboardx", tag: "train/lr")
        #expect(lines.count == 13)
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("tensorboardx,train/lr,") })
        #expect(throws: TensorBoardLogError.unknownRun("nope", known: ["tensorboardx", "tf2_tensor_histograms", "torch_summarywriter"])) { try Self.collect(fixtures, .jsonl, run: "nope") }
    }

    @Test func lineSinkWritesEveryLine() throws {
        let path = (try TestSupport.temporaryDirectory() as NSString).appendingPathComponent("out.jsonl")
        FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try #require(FileHandle(forWritingAtPath: path))
        let sink = LineSink(handle: handle, blockSize: 16)
        try LogExport.export(logdir: TestSupport.tensorboardFixtures, format: .jsonl) { try sink.write($0) }
        try sink.flush()
        try handle.close()
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 12 + 12 + 24 + 12 + 12 + 12)
        for line in lines { _ = try Self.object(String(line)) }
    }
}
