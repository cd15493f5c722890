import Foundation
import Testing
@testable import TensorBoardLog
import GradscopeTestSupport

@Suite struct CRC32CTests {
    @Test func checkValueOfDigits() {
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
    }

    @Test func thirtyTwoZeroBytes() {
        #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
    }

    @Test func maskedChecksumOfEmptyInput() {
        #expect(CRC32C.maskedChecksum(UnsafeRawBufferPointer(start: nil, count: 0)) == 0xA282_EAD8)
    }

    /// The 8-bytes-at-a-time path must agree with a bitwise reference at every length and
    /// alignment, and `update` must chain.
    @Test(arguments: [0, 1, 7, 8, 9, 15, 16, 17, 63, 64, 65, 1000])
    func slicingAgreesWithBitwiseReference(length: Int) {
        var generator = SplitMix64(seed: UInt64(length))
        let bytes = (0..<(length + 3)).map { _ in UInt8.random(in: 0...255, using: &generator) }
        for start in 0..<3 {
            let slice = Array(bytes[start..<(start + length)])
            #expect(CRC32C.checksum(slice) == bitwiseCRC32C(slice))
        }
        let split = length / 3
        let chained = bytes.withUnsafeBytes { raw in
            CRC32C.update(CRC32C.checksum(UnsafeRawBufferPointer(rebasing: raw[0..<split])),
                          with: UnsafeRawBufferPointer(rebasing: raw[split..<length]))
        }
        #expect(chained == bitwiseCRC32C(Array(bytes[0..<length])))
    }

    private func bitwiseCRC32C(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1 }
        }
        return ~crc
    }
}
