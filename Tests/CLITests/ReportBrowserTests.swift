import Foundation
import Testing

/// Debian's headless Chromium, for loading reports as a reader's browser does.
enum Chromium {
    static let path: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    } ?? ProcessInfo.processInfo.environment["PATH"]?.split(separator: ":")
        .map { "\($0)/chromium" }.first { FileManager.default.isExecutableFile(atPath: $0) }

    /// `make test` sets GRADSCOPE_REQUIRE_CHROMIUM=1 (after installing chromium): there a
    /// missing browser fails the test instead of skipping it.
    static let required = ProcessInfo.processInfo.environment["GRADSCOPE_REQUIRE_CHROMIUM"].map { !$0.isEmpty } ?? false

    /// Loads `page` at `width`×`height` CSS pixels, writes a screenshot to `png` and returns
    /// the browser's log lines that report console messages or uncaught errors.
    static func screenshot(_ page: URL, to png: URL, width: Int, height: Int) throws -> [String] {
        let chromium = try #require(path, "GRADSCOPE_REQUIRE_CHROMIUM is set, but chromium is not installed")
        let profile = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: profile) }
        let log = profile.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = ["--headless", "--disable-gpu", "--no-sandbox", "--hide-scrollbars",
                             "--enable-logging=stderr", "--v=0", "--user-data-dir=\(profile.path)",
                             "--screenshot=\(png.path)", "--window-size=\(width),\(height)", page.absoluteString]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        try handle.close()
        let lines = try String(contentsOf: log, encoding: .utf8).split(separator: "\n").map(String.init)
        return lines.filter { $0.contains(":CONSOLE") || $0.contains("Uncaught") }
    }
}

/// The HTML report in headless Chromium: no console errors, the figures drawn, and no
/// horizontal overflow at phone width.
@Suite("report in Chromium", .enabled(if: Chromium.path != nil || Chromium.required,
                                      "chromium is not installed (apt-get install chromium; GRADSCOPE_REQUIRE_CHROMIUM=1 makes this a failure)"))
struct ReportBrowserTests {
    /// The report of the three PyTorch reference runs, in a fresh directory.
    static func reportPage(in dir: URL) throws -> URL {
        let page = dir.appendingPathComponent("report.html")
        let result = try CommandRunner.run(["report", DiagnoseCommandTests.pytorchLogs, "-o", page.path])
        #expect(result.status == 0, "\(result.stderr)")
        return page
    }

    /// The check below sees console output at all: a page that logs and throws is caught.
    @Test func consoleErrorsAreDetected() throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = dir.appendingPathComponent("bad.html")
        try #"<!DOCTYPE html><p>x</p><script>console.error("boom"); notAFunction();</script>"#
            .write(to: page, atomically: true, encoding: .utf8)
        let messages = try Chromium.screenshot(page, to: dir.appendingPathComponent("bad.png"), width: 400, height: 300)
        #expect(messages.contains { $0.contains("boom") })
        #expect(messages.contains { $0.contains("Uncaught ReferenceError") })
    }

    @Test func desktopShowsEveryFigureWithoutConsoleErrors() throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = try Self.reportPage(in: dir)
        let png = dir.appendingPathComponent("desktop.png")
        let messages = try Chromium.screenshot(page, to: png, width: 1200, height: 4000)
        #expect(messages.isEmpty, "\(messages)")
        let image = try #require(ScreenshotImage(path: png.path), "no screenshot")
        #expect(image.width == 1200 && image.height == 4000)
        // Text, tables and captions are grey; each drawn figure is a band of coloured rows.
        // At 1200 px the loss, stacked histograms, heatmaps and ρt/rt fit in 4000 px.
        let bands = image.colourfulBands().filter { $0.count >= 150 }
        #expect(bands.count >= 4, "figure bands: \(bands)")
        for band in bands.prefix(4) {
            #expect(image.distinctColours(rows: band) >= 6, "band \(band)")
        }
    }

    /// Control for the check above: the same page without its SVGs has no figure bands.
    @Test func pageWithoutFiguresHasNoFigureBands() throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let html = try String(contentsOf: try Self.reportPage(in: dir), encoding: .utf8)
        let stripped = dir.appendingPathComponent("stripped.html")
        try html.replacing(#/<svg [\s\S]*?</svg>/#, with: "").write(to: stripped, atomically: true, encoding: .utf8)
        let png = dir.appendingPathComponent("stripped.png")
        _ = try Chromium.screenshot(stripped, to: png, width: 1200, height: 4000)
        let image = try #require(ScreenshotImage(path: png.path), "no screenshot")
        #expect(image.colourfulBands().filter { $0.count >= 150 }.isEmpty)
    }

    /// At 390 px (a phone) the figures scale down: coloured bands still appear, and nothing
    /// reaches the right edge (the body's padding stays white), so nothing overflows.
    @Test func phoneWidthHasNoHorizontalOverflow() throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = try Self.reportPage(in: dir)
        let png = dir.appendingPathComponent("phone.png")
        let messages = try Chromium.screenshot(page, to: png, width: 390, height: 4000)
        #expect(messages.isEmpty, "\(messages)")
        let image = try #require(ScreenshotImage(path: png.path), "no screenshot")
        #expect(image.width == 390)
        #expect(image.colourfulBands(minimumPerRow: 8).filter { $0.count >= 60 }.count >= 4)
        let edge = (image.width - 4)..<image.width
        let inked = (0..<image.height).filter { y in edge.contains { !image.isWhite(x: $0, y: y) } }
        #expect(inked.isEmpty, "ink at the right edge in \(inked.count) rows, first \(inked.prefix(5))")
    }
}
