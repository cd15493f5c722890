import Foundation

/// Diagnostics and progress go to standard error, so standard output stays data.
enum StandardError {
    static func write(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Whether standard error is a terminal (progress redraws only there).
    static var isTerminal: Bool { isatty(STDERR_FILENO) != 0 }
}
