import Foundation
import Testing
@testable import TensorBoardLog

/// Fields and value kinds the minimal protos do not declare must not break parsing.
@Suite struct UnknownFieldTests {
    static func varint(_ value: UInt64) -> [UInt8] {
        var v = value
        var out: [UInt8] = []
        while v >= 0x80 {
            out.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        return out + [UInt8(v)]
    }

    static func field(_ number: UInt64, bytes: [UInt8]) -> [UInt8] {
        varint(number << 3 | 2) + varint(UInt64(bytes.count)) + bytes
    }

    static func field(_ number: UInt64, varint value: UInt64) -> [UInt8] {
        varint(number << 3) + varint(value)
    }

    @Test func unknownFieldsAndValueKindsAreSkipped() throws {
        // Event 1: step 5, a session_log (field 7) and an undeclared field 99.
        let first = Self.field(2, varint: 5) + Self.field(7, bytes: Self.field(1, varint: 1)) + Self.field(99, varint: 1)
        // Event 2: an image value (field 4) and a scalar value with an undeclared field 50.
        let image = Self.field(1, bytes: Array("img".utf8)) + Self.field(4, bytes: Self.field(1, varint: 1))
        let scalar = Self.field(1, bytes: Array("x".utf8))
            + [0x15] + withUnsafeBytes(of: Float(1.5).bitPattern.littleEndian) { Array($0) }
            + Self.field(50, varint: 7)
        let second = Self.field(2, varint: 6)
            + Self.field(5, bytes: Self.field(1, bytes: image) + Self.field(1, bytes: scalar))
        var file: [UInt8] = []
        TFRecordFraming.append(record: first, to: &file)
        TFRecordFraming.append(record: second, to: &file)
        let path = try TestSupport.writeTemporaryFile(file)

        let (events, warnings) = TestSupport.events(of: path)
        #expect(warnings.isEmpty)
        #expect(events.map(\.step) == [5, 6])
        #expect(events[0].values.isEmpty)
        #expect(events[1].values == [LogValue(tag: "x", content: .scalar(1.5))])
    }
}
