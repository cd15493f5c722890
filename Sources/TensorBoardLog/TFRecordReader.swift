import Foundation

/// One record of a TFRecord file: its data and the byte offset of its frame.
public struct TFRecord: Sendable, Equatable {
    /// Offset of the record's length field in the file.
    public var offset: Int
    /// The record's payload (for event files, a serialized `Event`).
    public var data: Data

    public init(offset: Int, data: Data) {
        self.offset = offset
        self.data = data
    }
}

/// Streams the records of one TFRecord file. The file is memory-mapped (`MappedFile`), so
/// the heap holds only the record being returned and whatever the caller keeps.
///
/// Damage is reported in `warnings`, never thrown:
/// - a truncated tail (a writer that crashed mid-record): every complete record, then a warning;
/// - a record whose data CRC fails: skipped, with a warning;
/// - a bad length CRC: the rest of the file cannot be framed, so reading stops, with a warning;
/// - a length field larger than what is left of the file is treated as truncation, so a
///   corrupted length never makes the reader allocate it.
public final class TFRecordReader: Sequence, IteratorProtocol {
    /// Path of the file, as given.
    public let path: String
    /// Problems met so far, in file order.
    public private(set) var warnings: [LogWarning] = []
    /// Size of the file when it was opened; later growth is not read.
    public var fileSize: Int { file.bytes.count }

    private let file: MappedFile
    /// File offset of the next record's frame.
    private var position = 0
    private var finished = false

    /// Opens `path`; throws `TensorBoardLogError.cannotOpen` when it is not a readable
    /// regular file.
    public init(path: String) throws {
        self.path = path
        guard let file = MappedFile(path: path) else {
            throw TensorBoardLogError.cannotOpen(path: path, reason: "not a readable regular file")
        }
        self.file = file
    }

    /// The next intact record, or nil at the end of the file (or of its readable part).
    public func next() -> TFRecord? {
        nextRecord { offset, data in TFRecord(offset: offset, data: Data(data)) }
    }

    /// Like `next()`, but hands the record's bytes to `body` without copying them; the
    /// buffer is valid only during the call. Returns nil at the end of the file.
    public func nextRecord<Result>(_ body: (_ offset: Int, _ data: UnsafeRawBufferPointer) throws -> Result)
        rethrows -> Result? {
        let bytes = file.bytes
        while !finished {
            let remaining = bytes.count - position
            if remaining == 0 {
                finished = true
                return nil
            }
            guard remaining >= TFRecordFraming.headerSize else {
                finish(warning: "truncated record header (\(remaining) bytes left): end of file")
                return nil
            }
            let length = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: position, as: UInt64.self))
            let lengthCRC = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: position + 8, as: UInt32.self))
            guard lengthCRC == CRC32C.maskedChecksum(UnsafeRawBufferPointer(rebasing: bytes[position..<position + 8]))
            else {
                finish(warning: "length CRC mismatch: rest of file skipped")
                return nil
            }
            guard remaining >= TFRecordFraming.overhead, length <= UInt64(remaining - TFRecordFraming.overhead) else {
                finish(warning: "truncated record (length \(length), \(remaining) bytes left): end of file")
                return nil
            }
            let offset = position
            let dataStart = position + TFRecordFraming.headerSize
            let dataEnd = dataStart + Int(length)
            position = dataEnd + 4
            let data = UnsafeRawBufferPointer(rebasing: bytes[dataStart..<dataEnd])
            let dataCRC = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: dataEnd, as: UInt32.self))
            guard dataCRC == CRC32C.maskedChecksum(data) else {
                warnings.append(LogWarning(file: path, offset: offset, message: "data CRC mismatch: record skipped"))
                continue
            }
            return try body(offset, data)
        }
        return nil
    }

    private func finish(warning message: String) {
        warnings.append(LogWarning(file: path, offset: position, message: message))
        finished = true
    }
}
