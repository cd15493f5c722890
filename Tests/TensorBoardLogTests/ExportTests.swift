import Foundation
import Histograms
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

    @Test func jsonlScalarsAndExponentialHistogram() throws {
        let (logdir, histogram) = try Self.makeLogdir()
        let lines = try Self.collect(logdir, .jsonl)
        #expect(lines.count == 3)
        let first = try Self.object(lines[0])
        #expect(first["run"]?.string == "train")
        #expect(first["tag"]?.string == "loss")
        #expect(first["step"]?.number == 1)
        #expect(first["wall_time"]?.number == 10.25)
        #expect(first["kind"]?.string == "scalar")
        #expect(first["value"]?.number == 0.5)

        let second = try Self.object(lines[1])
        let buckets = HistogramBuckets(histogram)
        #expect(second["kind"]?.string == "histogram")
        #expect(second["edges"]?.numbers == buckets.edges)
        #expect((second["counts"]?.numbers)?.count == buckets.edges.count - 1)
        #expect(second["counts"]?.numbers == buckets.counts)
        #expect(second["zero_count"]?.number == 1)
        #expect(second["nan_count"]?.number == 1)
        #expect(second["pos_inf_count"]?.number == 0)
        #expect(second["neg_inf_count"]?.number == 1)
        #expect(second["count"]?.number == 6)
        #expect(second["sum"]?.number == histogram.sum)
        #expect(second["sum_squares"]?.number == histogram.sumOfSquares)
        #expect(second["min"]?.number == -0.75)
        #expect(second["max"]?.number == 5)
        #expect(second["scale"]?.number == 1)
        #expect(try Self.object(lines[2])["value"]?.number == 0.25)
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
