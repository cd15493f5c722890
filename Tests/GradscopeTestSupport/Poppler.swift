import Foundation

/// poppler-utils (`pdfinfo`, `pdftoppm`, `pdftotext`), an independent reader of the PDFs we
/// write. The Makefile's `deps` installs them; a missing tool fails the test.
public enum Poppler {
    public struct Missing: Error, CustomStringConvertible {
        var tool: String
        public var description: String { "\(tool) not found: install poppler-utils (make deps)" }
    }

    /// Runs the tool and returns its stdout; throws when it is missing or fails.
    public static func run(_ tool: String, _ arguments: [String]) throws -> Data {
        guard let path = ["/usr/bin", "/usr/local/bin", "/bin"].map({ "\($0)/\(tool)" })
            .first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { throw Missing(tool: tool) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("poppler-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: scratch.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let out = try FileHandle(forWritingTo: scratch)
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try out.close()
        guard process.terminationStatus == 0 else {
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "\(tool) \(arguments) exited \(process.terminationStatus)"])
        }
        return try Data(contentsOf: scratch)
    }

    /// `pdfinfo`'s "Key: value" lines as a dictionary.
    public static func info(_ pdf: URL) throws -> [String: String] {
        let text = String(decoding: try run("pdfinfo", [pdf.path]), as: UTF8.self)
        var fields: [String: String] = [:]
        for line in text.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return fields
    }

    /// The text of pages `first...last` (`pdftotext -layout`).
    public static func text(_ pdf: URL, first: Int, last: Int) throws -> String {
        String(decoding: try run("pdftotext", ["-f", "\(first)", "-l", "\(last)", "-layout", pdf.path, "-"]), as: UTF8.self)
    }

    /// One page rasterised by `pdftoppm -r dpi`, decoded (RGB, row-major, top row first).
    public static func raster(_ pdf: URL, page: Int, dpi: Int) throws -> (width: Int, height: Int, rgb: [UInt8]) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pdftoppm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        // PPM rather than PNG: the same raster, and a format a test can decode in a few lines.
        _ = try run("pdftoppm", ["-r", "\(dpi)", "-f", "\(page)", "-l", "\(page)", "-singlefile", pdf.path, dir.appendingPathComponent("page").path])
        return try decodePPM([UInt8](try Data(contentsOf: dir.appendingPathComponent("page.ppm"))))
    }

    /// A binary PPM (P6, maxval 255).
    public static func decodePPM(_ bytes: [UInt8]) throws -> (width: Int, height: Int, rgb: [UInt8]) {
        var fields: [Int] = []
        var i = 2
        guard bytes.count > 2, bytes[0] == UInt8(ascii: "P"), bytes[1] == UInt8(ascii: "6") else { throw Missing(tool: "a P6 header") }
        while fields.count < 3 {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
            var value = 0
            while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 { value = value * 10 + Int(bytes[i] - 0x30); i += 1 }
            fields.append(value)
        }
        i += 1
        let (w, h) = (fields[0], fields[1])
        guard fields[2] == 255, bytes.count - i >= w * h * 3 else { throw Missing(tool: "a complete 8-bit PPM") }
        return (w, h, Array(bytes[i..<(i + w * h * 3)]))
    }
}
