import Foundation
import TensorBoardLog

/// The runs of the LOGDIR arguments, read through one `ReadFilter`: the one way every
/// subcommand loads logs.
///
/// Names: with one logdir, a run's name relative to it ("." for the logdir itself); with
/// several, the logdir's last path component, then "/" and the run's name. Reading warnings
/// go to stderr as one line per damaged file (`report(_:)`).
struct LoadedRuns {
    var runs: [(name: String, data: RunData)]
    /// The LOGDIR arguments, as given.
    let logdirs: [String]

    /// Reads `logdirs` (at least one) with `filter`; `wanted` selects runs by name, or by the
    /// last components of their names, in this order (all runs when empty).
    init(logdirs: [String], select wanted: [String] = [], filter: ReadFilter = .everything) throws {
        guard !logdirs.isEmpty else { throw LogLoadingError.noLogdir }
        self.logdirs = logdirs
        var all: [(name: String, data: RunData)] = []
        for logdir in logdirs {
            let loaded: [RunData]
            do { loaded = try RunData.loadAll(in: logdir, filter: filter) } catch {
                throw LogLoadingError.unreadable(logdir: logdir, reason: "\(error)")
            }
            let base = URL(fileURLWithPath: logdir).standardizedFileURL.lastPathComponent
            for run in loaded {
                var name = run.name
                if logdirs.count > 1 { name = run.name == "." ? base : base + "/" + run.name }
                all.append((name, run))
            }
        }
        runs = try wanted.isEmpty ? all : wanted.map { w in
            guard let hit = all.first(where: { $0.name == w }) ?? all.first(where: { $0.name.hasSuffix("/" + w) }) else {
                throw LogLoadingError.noRun(w, known: all.map(\.name))
            }
            return hit
        }
        for run in runs { report(run.data.warnings) }
    }

    /// The run data, renamed as listed.
    var data: [RunData] {
        runs.map { run in
            var data = run.data
            data.name = run.name
            return data
        }
    }
}

/// Why runs could not be loaded (printed as one "Error: …" line).
enum LogLoadingError: Error, CustomStringConvertible {
    case noLogdir
    case unreadable(logdir: String, reason: String)
    case noRun(String, known: [String])

    var description: String {
        switch self {
        case .noLogdir: "give at least one LOGDIR"
        case let .unreadable(logdir, reason): "cannot read \(logdir): \(reason)"
        case let .noRun(name, known): "no run '\(name)'; runs: \(known.joined(separator: ", "))"
        }
    }
}

/// Prints reading warnings on stderr, one line per damaged file: how many problems, and the
/// first of them.
func report(_ warnings: [LogWarning]) {
    var byFile: [(file: String, warnings: [LogWarning])] = []
    for warning in warnings {
        if let index = byFile.firstIndex(where: { $0.file == warning.file }) {
            byFile[index].warnings.append(warning)
        } else {
            byFile.append((warning.file, [warning]))
        }
    }
    for (file, problems) in byFile {
        let first = problems[0]
        let count = problems.count == 1 ? "" : " (\(problems.count) problems, the first shown)"
        warn("\(file) @\(first.offset): \(first.message)\(count)")
    }
}
