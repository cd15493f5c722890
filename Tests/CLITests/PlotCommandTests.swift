import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import GradscopeTestSupport

@Suite("gradscope plot")
struct PlotCommandTests {
    static let logdir = Fixtures.tensorboard.path
    static let formats = ["png", "svg", "pdf"]

    /// The shared reference runs, each with one of its histogram tags.
    static let histogramRuns = [
        ("torch_summarywriter", "grad/abs_all"),
        ("tensorboardx", "grad/layer0.weight"),
        ("tf2_tensor_histograms", "grad/abs_all"),
    ]

    /// Renders to a temporary file and returns its bytes.
    static func render(_ arguments: [String], format: String) throws -> (CommandResult, Data?) {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("figure.\(format)").path
        let result = try CommandRunner.run(arguments + ["-o", output])
        return (result, FileManager.default.contents(atPath: output))
    }

    /// Checks the file is a well-formed image of its format; PNGs are 960 × 600 pixels
    /// (6.4 × 4 in at 150 dpi).
    static func expectWellFormed(_ data: Data?, format: String, _ context: String) {
        guard let data, data.count > 100 else {
            Issue.record("no output for \(context)")
            return
        }
        switch format {
        case "png":
            #expect(Array(data.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "\(context)")
            let width = data[16..<20].reduce(0) { $0 << 8 | Int($1) }
            let height = data[20..<24].reduce(0) { $0 << 8 | Int($1) }
            #expect(width == 960 && height == 600, "\(context): \(width)×\(height)")
        case "svg":
            let parser = XMLParserProbe(data)
            #expect(parser.isWellFormed, "\(context)")
            #expect(parser.rootElement == "svg", "\(context)")
        default:
            #expect(data.starts(with: Array("%PDF-".utf8)), "\(context)")
            let text = String(decoding: data, as: UTF8.self)
            #expect(text.contains("/Type /Page") || text.contains("/Type/Page"), "\(context)")
        }
    }

    @Test(arguments: histogramRuns, formats)
    func stackedHistogramOfEachReferenceRun(run: (String, String), format: String) throws {
        let (result, data) = try Self.render(["plot", "hist", Self.logdir, "--run", run.0, "--tag", run.1], format: format)
        #expect(result.status == 0, "\(result.stderr)")
        Self.expectWellFormed(data, format: format, "hist \(run.0)")
    }

    @Test(arguments: histogramRuns, formats)
    func heatmapOfEachReferenceRun(run: (String, String), format: String) throws {
        let (result, data) = try Self.render(["plot", "heatmap", Self.logdir, "--run", run.0, "--tag", run.1], format: format)
        #expect(result.status == 0, "\(result.stderr)")
        Self.expectWellFormed(data, format: format, "heatmap \(run.0)")
    }

    @Test(arguments: [("torch_summarywriter", "loss"), ("tensorboardx", "train/lr")], formats)
    func scalarsOfEachReferenceRun(run: (String, String), format: String) throws {
        let (result, data) = try Self.render(["plot", "scalars", Self.logdir, "--run", run.0, "--tag", run.1], format: format)
        #expect(result.status == 0, "\(result.stderr)")
        Self.expectWellFormed(data, format: format, "scalars \(run.0)")
    }

    @Test(arguments: formats)
    func rectificationWithoutALogdir(format: String) throws {
        let (result, data) = try Self.render(["plot", "rect", "--beta2", "0.9,0.99,0.999"], format: format)
        #expect(result.status == 0, "\(result.stderr)")
        Self.expectWellFormed(data, format: format, "rect")
    }

    /// TF2's 30 linear buckets cannot resolve small magnitudes: the figure is drawn and the
    /// user is told so.
    @Test func linearBucketsRenderWithAWarning() throws {
        let (result, data) = try Self.render(
            ["plot", "hist", Self.logdir, "--run", "tf2_tensor_histograms", "--tag", "grad/abs_all"], format: "png")
        #expect(result.status == 0)
        #expect(data != nil)
        #expect(result.stderr.lowercased().contains("linear"), "\(result.stderr)")
    }

    @Test func unknownRunListsTheRunsThatExist() throws {
        let (result, data) = try Self.render(["plot", "hist", Self.logdir, "--run", "nope", "--tag", "grad/abs_all"], format: "png")
        #expect(result.status != 0)
        #expect(data == nil)
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        for run in ["torch_summarywriter", "tensorboardx", "tf2_tensor_histograms"] {
            #expect(result.stderr.contains(run), "\(result.stderr)")
        }
    }

    @Test func unknownTagListsTheTagsThatExist() throws {
        let (result, _) = try Self.render(["plot", "hist", Self.logdir, "--run", "torch_summarywriter", "--tag", "nope"], format: "png")
        #expect(result.status != 0)
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(result.stderr.contains("grad/abs_all"), "\(result.stderr)")
    }

    @Test func unwritableOutputIsAOneLineError() throws {
        let result = try CommandRunner.run(["plot", "rect", "-o", "/nonexistent-dir/figure.png"])
        #expect(result.status != 0)
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("Error: "))
    }
}

/// Parses XML and remembers whether it was well formed and its root element.
final class XMLParserProbe {
    private(set) var rootElement: String?
    let isWellFormed: Bool

    init(_ data: Data) {
        let parser = XMLParser(data: data)
        let delegate = RootCollector()
        parser.delegate = delegate
        isWellFormed = parser.parse()
        rootElement = delegate.root
    }

    private final class RootCollector: NSObject, XMLParserDelegate {
        var root: String?
        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
            if root == nil { root = elementName }
        }
    }
}
