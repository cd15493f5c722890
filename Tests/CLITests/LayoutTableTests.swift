import Foundation
import Testing

/// The README's layout table against the sources: every module a folder imports is named in
/// its row, and every project module its row names is imported there.
@Suite("README layout table")
struct LayoutTableTests {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The C library's per-platform module names, which the table calls "the C library".
    static let cLibraryModules: Set<String> = ["Glibc", "Darwin", "Musl", "ucrt", "WinSDK"]

    /// Rows of the table: source folder → its "imports" cell.
    static func tableRows() throws -> [String: String] {
        let readme = try String(contentsOf: repository.appendingPathComponent("README.md"), encoding: .utf8)
        var rows: [String: String] = [:]
        for line in readme.split(separator: "\n") where line.hasPrefix("| `Sources/") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 3 else { continue }
            for folder in cells[0].split(separator: ",") {
                let name = folder.trimmingCharacters(in: CharacterSet(charactersIn: " `"))
                rows[name] = cells[2]
            }
        }
        return rows
    }

    /// The modules that the Swift files under `folder` import.
    static func imports(of folder: String) throws -> Set<String> {
        let root = repository.appendingPathComponent(folder)
        guard let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return [] }
        var modules: Set<String> = []
        for case let file as URL in files where file.pathExtension == "swift" {
            let text = try String(contentsOf: file, encoding: .utf8)
            for line in text.split(separator: "\n") {
                let words = line.split(separator: " ")
                guard let at = words.firstIndex(of: "import"), at + 1 < words.count,
                      words[..<at].allSatisfy({ $0.hasPrefix("@") || $0 == "public" || $0 == "internal" })
                else { continue }
                let module = words[at + 1].split(separator: ".").first.map(String.init) ?? ""
                modules.insert(module)
            }
        }
        return modules
    }

    static let sourceFolders: [String] = {
        let sources = repository.appendingPathComponent("Sources")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: sources.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { "Sources/\($0)" }
    }()

    @Test func everySourceFolderHasARow() throws {
        let rows = try Self.tableRows()
        #expect(!Self.sourceFolders.isEmpty)
        for folder in Self.sourceFolders {
            #expect(rows[folder] != nil, "README layout table has no row for \(folder)")
        }
    }

    @Test(arguments: sourceFolders)
    func rowNamesExactlyTheImports(folder: String) throws {
        let rows = try Self.tableRows()
        let cell = try #require(rows[folder])
        let imported = try Self.imports(of: folder)
        for module in imported {
            if Self.cLibraryModules.contains(module) {
                #expect(cell.contains("the C library"), "\(folder) imports \(module); its row must say 'the C library'")
            } else {
                #expect(cell.contains(module), "\(folder) imports \(module), which its row does not name")
            }
        }
        let projectModules = Self.sourceFolders.map { String($0.dropFirst("Sources/".count)) }
        for module in projectModules where module != String(folder.dropFirst("Sources/".count)) {
            let named = cell.split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "-" }).contains { $0 == module }
            if named { #expect(imported.contains(module), "\(folder)'s row names \(module), which it does not import") }
        }
    }
}
