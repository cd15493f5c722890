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

    /// RFC 3720 (iSCSI) appendix B.4 known answers, for both implementations.
    static let rfc3720: [(bytes: [UInt8], crc: UInt32)] = [
        ([UInt8](repeating: 0, count: 32), 0x8A91_36AA),
        ([UInt8](repeating: 0xFF, count: 32), 0x62A8_AB43),
        ((0..<32).map { UInt8($0) }, 0x46DD_794E),
        ((0..<32).map { UInt8(31 - $0) }, 0x113F_DB5C),
        ([0x01, 0xC0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
          0x14, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x00, 0x14, 0x00, 0x00, 0x00, 0x18,
          0x28, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00], 0xD996_3A56),
    ]

    @Test func portableMatchesRFC3720() {
        for vector in Self.rfc3720 {
            #expect(vector.bytes.withUnsafeBytes { CRC32C.portableUpdate(0, with: $0) } == vector.crc)
        }
    }

    /// The SSE4.2 path (where the CPU has it) gives the RFC's answers and agrees with the
    /// portable tables at every length, alignment and chaining point.
    @Test func hardwareMatchesRFC3720AndPortable() throws {
        guard CRC32C.usesHardware else { return }
        for vector in Self.rfc3720 {
            #expect(vector.bytes.withUnsafeBytes { CRC32C.hardwareUpdate(0, with: $0) } == vector.crc)
        }
        var generator = SplitMix64(seed: 3720)
        let bytes = (0..<4099).map { _ in UInt8.random(in: 0...255, using: &generator) }
        try bytes.withUnsafeBytes { raw in
            for length in [0, 1, 3, 7, 8, 9, 15, 16, 17, 100, 1000, 4096] {
                for start in 0..<3 {
                    let slice = UnsafeRawBufferPointer(rebasing: raw[start..<(start + length)])
                    let seed = UInt32(truncatingIfNeeded: length &* 2_654_435_761)
                    let hardware = try #require(CRC32C.hardwareUpdate(seed, with: slice))
                    #expect(hardware == CRC32C.portableUpdate(seed, with: slice), "length \(length) start \(start)")
                }
            }
        }
    }

    /// Where /proc/cpuinfo lists sse4_2, the run-time check finds it.
    @Test func runTimeCheckSeesSSE42() throws {
        guard let cpuinfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return }
        let hasSSE42 = cpuinfo.split(separator: "\n").contains { $0.hasPrefix("flags") && $0.split(separator: " ").contains("sse4_2") }
        #if arch(x86_64)
        #expect(CRC32C.usesHardware == hasSSE42)
        #else
        #expect(!CRC32C.usesHardware)
        #endif
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
