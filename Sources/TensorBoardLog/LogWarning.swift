/// A problem the reader recovered from: damaged framing, an undecodable record, an
/// unreadable value. The library never prints; callers print `description`.
public struct LogWarning: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The event file concerned.
    public var file: String
    /// Byte offset in `file` of the record concerned.
    public var offset: Int
    /// One line, no trailing newline.
    public var message: String

    public init(file: String, offset: Int, message: String) {
        self.file = file
        self.offset = offset
        self.message = message
    }

    public var description: String { "\(file) @\(offset): \(message)" }
}
