import Foundation

/// Diagnostics go to standard error, so standard output stays data.
enum StandardError {
    static func write(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

/// A one-line warning on standard error.
func warn(_ message: String) {
    StandardError.write("warning: " + message)
}
