import CRC32CHardware

/// CRC-32C (Castagnoli), the checksum of TFRecord framing.
///
/// Reflected polynomial `0x82F63B78`, initial value `0xFFFFFFFF`, final XOR `0xFFFFFFFF`.
/// Computed with slicing-by-8: eight 256-entry tables let the loop fold eight input bytes
/// per step, `crc = T7[b0 ^ c0] ^ T6[b1 ^ c1] ^ T5[b2 ^ c2] ^ T4[b3 ^ c3] ^ T3[b4] ^ … ^ T0[b7]`,
/// where `Tk[i]` is the CRC of byte `i` followed by `k` zero bytes.
///
/// Check values: `crc32c("123456789") = 0xE3069283`, 32 zero bytes → `0x8A9136AA`.
///
/// On x86-64 CPUs with SSE4.2 (checked once, at run time) the `crc32` instruction computes
/// the same function 8 bytes per instruction (`CRC32CHardware`, several times faster);
/// elsewhere the portable slicing-by-8 loop runs. Both are public so tests can compare them.
public enum CRC32C {
    /// Whether `update` uses the SSE4.2 instruction.
    public static let usesHardware = gradscope_crc32c_hardware_available() != 0
    /// The eight slicing tables, `tables[k * 256 + i]`.
    private static let tables: [UInt32] = {
        var table = [UInt32](repeating: 0, count: 8 * 256)
        for i in 0..<256 {
            var crc = UInt32(i)
            for _ in 0..<8 { crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1 }
            table[i] = crc
        }
        for k in 1..<8 {
            for i in 0..<256 {
                let previous = table[(k - 1) * 256 + i]
                table[k * 256 + i] = (previous >> 8) ^ table[Int(previous & 0xFF)]
            }
        }
        return table
    }()

    /// CRC-32C of `bytes`.
    public static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        update(0, with: bytes)
    }

    /// CRC-32C of a byte collection (convenience; copies into contiguous storage if needed).
    public static func checksum<Bytes: Sequence>(_ bytes: Bytes) -> UInt32 where Bytes.Element == UInt8 {
        let array = Array(bytes)
        return array.withUnsafeBytes { checksum($0) }
    }

    /// Continues a CRC-32C: `update(checksum(a), with: b) == checksum(a + b)`.
    public static func update(_ crc: UInt32, with bytes: UnsafeRawBufferPointer) -> UInt32 {
        if usesHardware, let hardware = hardwareUpdate(crc, with: bytes) { return hardware }
        return portableUpdate(crc, with: bytes)
    }

    /// `update` with the SSE4.2 instruction; nil when this CPU lacks it.
    public static func hardwareUpdate(_ crc: UInt32, with bytes: UnsafeRawBufferPointer) -> UInt32? {
        guard usesHardware else { return nil }
        guard let base = bytes.baseAddress, bytes.count > 0 else { return crc }
        return gradscope_crc32c_hardware_update(crc, base, bytes.count)
    }

    /// `update` with the portable slicing-by-8 tables.
    public static func portableUpdate(_ crc: UInt32, with bytes: UnsafeRawBufferPointer) -> UInt32 {
        tables.withUnsafeBufferPointer { t in
            var c = ~crc
            var index = 0
            let count = bytes.count
            guard count > 0, let base = bytes.baseAddress else { return ~c }
            // Bytes up to an 8-byte boundary of the count, then 8 at a time.
            while count - index >= 8 {
                let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                let low = UInt32(truncatingIfNeeded: word) ^ c
                let high = UInt32(truncatingIfNeeded: word >> 32)
                c = t[7 * 256 + Int(low & 0xFF)]
                    ^ t[6 * 256 + Int((low >> 8) & 0xFF)]
                    ^ t[5 * 256 + Int((low >> 16) & 0xFF)]
                    ^ t[4 * 256 + Int(low >> 24)]
                    ^ t[3 * 256 + Int(high & 0xFF)]
                    ^ t[2 * 256 + Int((high >> 8) & 0xFF)]
                    ^ t[1 * 256 + Int((high >> 16) & 0xFF)]
                    ^ t[Int(high >> 24)]
                index += 8
            }
            while index < count {
                c = (c >> 8) ^ t[Int((c ^ UInt32(base.load(fromByteOffset: index, as: UInt8.self))) & 0xFF)]
                index += 1
            }
            return ~c
        }
    }

    /// TFRecord's masked CRC: `((crc >> 15) | (crc << 17)) &+ 0xa282ead8`, so that a CRC of
    /// data that itself contains CRCs does not look like a CRC.
    public static func mask(_ crc: UInt32) -> UInt32 {
        ((crc >> 15) | (crc << 17)) &+ 0xA282_EAD8
    }

    /// The masked CRC-32C of `bytes`.
    public static func maskedChecksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        mask(checksum(bytes))
    }
}
