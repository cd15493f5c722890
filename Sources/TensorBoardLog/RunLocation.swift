import Foundation

/// A run of a logdir: a directory that directly holds event files.
public struct RunLocation: Sendable, Equatable, Hashable {
    /// Path of the run's directory relative to the logdir ("." for the logdir itself).
    public var name: String
    /// The run's event files, sorted by file name (TensorBoard's reading order).
    public var files: [String]

    public init(name: String, files: [String]) {
        self.name = name
        self.files = files
    }

    /// Whether a file name marks a TensorBoard event file.
    public static func isEventFile(_ name: String) -> Bool { name.contains("tfevents") }

    /// The runs under `path`, sorted by name. A run is a directory that directly holds
    /// files whose name contains "tfevents"; its name is its path relative to `path`.
    /// When `path` is a single event file, the result is one run named after the file's
    /// directory's last component, holding that file.
    ///
    /// Throws `TensorBoardLogError.cannotOpen` when `path` does not exist and
    /// `.noEventFiles` when no event file is found.
    public static func discover(in path: String) throws -> [RunLocation] {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw TensorBoardLogError.cannotOpen(path: path, reason: "no such file or directory")
        }
        let root = URL(fileURLWithPath: path)
        guard isDirectory.boolValue else {
            let name = root.deletingLastPathComponent().lastPathComponent
            return [RunLocation(name: name.isEmpty ? "." : name, files: [path])]
        }
        var filesByRun: [String: [String]] = [:]
        let rootPath = root.standardizedFileURL.path
        guard let walker = fileManager.enumerator(atPath: rootPath) else {
            throw TensorBoardLogError.cannotOpen(path: path, reason: "cannot list directory")
        }
        while let relative = walker.nextObject() as? String {
            let fileName = (relative as NSString).lastPathComponent
            guard isEventFile(fileName) else { continue }
            let full = (rootPath as NSString).appendingPathComponent(relative)
            var fileIsDirectory: ObjCBool = false
            guard fileManager.fileExists(atPath: full, isDirectory: &fileIsDirectory), !fileIsDirectory.boolValue
            else { continue }
            let directory = (relative as NSString).deletingLastPathComponent
            filesByRun[directory.isEmpty ? "." : directory, default: []].append(full)
        }
        guard !filesByRun.isEmpty else { throw TensorBoardLogError.noEventFiles(path: path) }
        return filesByRun.keys.sorted().map { run in
            RunLocation(name: run, files: filesByRun[run]!.sorted {
                ($0 as NSString).lastPathComponent < ($1 as NSString).lastPathComponent
            })
        }
    }
}
