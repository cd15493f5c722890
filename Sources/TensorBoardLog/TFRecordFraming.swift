/// TFRecord framing, the container of TensorBoard event files. Each record is
///
///     uint64 length | uint32 masked_crc32c(length) | data[length] | uint32 masked_crc32c(data)
///
/// all little-endian; see `CRC32C.mask(_:)` for the masking.
public enum TFRecordFraming {
    /// Bytes of framing around a record's data: 8 + 4 before, 4 after.
    public static let overhead = 16
    /// Bytes before the data: the length and its CRC.
    public static let headerSize = 12

    /// Appends one framed record holding `data` to `output`.
    public static func append(record data: UnsafeRawBufferPointer, to output: inout [UInt8]) {
        var length = UInt64(data.count).littleEndian
        let lengthCRC = withUnsafeBytes(of: &length) { CRC32C.maskedChecksum($0) }
        appendLittleEndian(UInt64(data.count), to: &output)
        appendLittleEndian(lengthCRC, to: &output)
        output.append(contentsOf: data)
        appendLittleEndian(CRC32C.maskedChecksum(data), to: &output)
    }

    /// Appends one framed record holding `data` to `output`.
    public static func append(record data: [UInt8], to output: inout [UInt8]) {
        data.withUnsafeBytes { append(record: $0, to: &output) }
    }

    private static func appendLittleEndian<T: FixedWidthInteger>(_ value: T, to output: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { output.append(contentsOf: $0) }
    }
}
