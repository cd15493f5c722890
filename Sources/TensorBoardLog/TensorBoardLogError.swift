import Foundation

/// Errors that stop an operation (as opposed to `LogWarning`s, which are collected).
public enum TensorBoardLogError: Error, Sendable, Equatable, CustomStringConvertible, LocalizedError {
    /// The path does not exist or cannot be opened.
    case cannotOpen(path: String, reason: String)
    /// The logdir holds no file whose name contains "tfevents".
    case noEventFiles(path: String)
    /// Writing to an event file failed.
    case writeFailed(path: String, reason: String)
    /// A requested run does not exist in the logdir (with the runs that do).
    case unknownRun(String, known: [String])

    public var description: String {
        switch self {
        case let .cannotOpen(path, reason): "cannot open \(path): \(reason)"
        case let .noEventFiles(path): "no TensorBoard event files (*tfevents*) under \(path)"
        case let .writeFailed(path, reason): "cannot write \(path): \(reason)"
        case let .unknownRun(run, known): "no run named \(run); runs: \(known.joined(separator: ", "))"
        }
    }

    public var errorDescription: String? { description }
}
