/// A lookup table that maps the bit pattern of any `Float` straight to a counting slot.
///
/// The key is the sign, the exponent and the top `L = max(1, s + 1)` significand bits,
/// `bits >> shift` with `shift = 23 − L`. Boundaries `B_j = 2^(j/2^s)` are at least `b − 1 > ln 2 / 2^s > 2^−L`
/// apart in `m ∈ [1, 2)`, so a key's range of values contains at most one boundary (the
/// exact power `m = 1` included): each entry gives the slot of the first value of its range
/// and `last`, the last bit pattern still in that slot. The slot of `bits` is then
/// `slot + (bits > last ? 1 : 0)`; comparing bit patterns is exact because, for floats of
/// one sign, their order is that of the values. With `low(x) = x mod 2^shift`, the 32-bit
/// entry stores `(slot − key) · 2^shift + (2^shift − 1 − low(last))` (mod 2³²), so that
/// `(entry + bits) >> shift` (mod 2³²) is `slot + (bits > last ? 1 : 0)`: the carry out of the
/// low `shift` bits is the comparison, and adding `bits` cancels the key. No slot reaches
/// `2^(32 − shift) = 2^(9 + L)`, so nothing wraps.
///
/// Slots, per sign (negative values from `slotsPerSign` on): `0 ..< windowWidth` are the
/// buckets of normal magnitudes (slot `k` is bucket `windowLow + k`), then `zeroSlot` (±0),
/// `rescanSlot` (subnormals: counted later by the exact scalar path), `infinitySlot`,
/// `nanSlot`. Entries are built from `BucketMapping`, the exact map, so the table is exact
/// by construction.
final class FloatSlotTable: Sendable {
    static let supportedScales = -10 ... 8

    let scale: Int
    /// `23 − L`: the key is `bits >> keyShift`.
    let keyShift: UInt32
    /// Bucket index of slot 0 (the bucket of `Float.leastNormalMagnitude`).
    let windowLow: Int
    /// Buckets per sign in the window: every normal finite `Float` magnitude fits.
    let windowWidth: Int
    var zeroSlot: Int { windowWidth }
    var rescanSlot: Int { windowWidth + 1 }
    var infinitySlot: Int { windowWidth + 2 }
    var nanSlot: Int { windowWidth + 3 }
    var slotsPerSign: Int { windowWidth + 4 }
    /// `(slot − key) · 2^shift + (2^shift − 1 − low(last))` (mod 2³²), indexed by key.
    let entries: [UInt32]

    private init(exactScale s: Int) {
        let mapping = BucketMapping.forScale(s)
        let significandBits = Swift.max(1, s + 1)
        let shift = UInt32(23 - significandBits)
        let low = mapping.index(ofPositive: Double(Float.leastNormalMagnitude))
        let width = mapping.index(ofPositive: Double(Float.greatestFiniteMagnitude)) - low + 1
        // Slot of a bit pattern, sign ignored.
        func slot(_ bits: UInt32) -> Int {
            let magnitude = bits & 0x7fff_ffff
            switch magnitude {
            case 0: return width
            case ..<0x0080_0000: return width + 1
            case 0x7f80_0000: return width + 2
            case 0x7f80_0001...: return width + 3
            default: return mapping.index(ofPositive: Double(Float(bitPattern: magnitude))) - low
            }
        }
        var entries = [UInt32](repeating: 0, count: 1 << (32 - Int(shift)))
        let lowMask: UInt32 = (1 << shift) - 1
        for key in entries.indices {
            let first = UInt32(key) << shift
            let last = first | ((1 << shift) - 1)
            let firstSlot = slot(first)
            var lastInFirstSlot = last
            if slot(last) != firstSlot {
                precondition(slot(last) == firstSlot + 1, "two boundaries in one table slot")
                var inside = first, outside = last
                while outside - inside > 1 {
                    let middle = inside + (outside - inside) / 2
                    if slot(middle) == firstSlot { inside = middle } else { outside = middle }
                }
                lastInFirstSlot = inside
            }
            let signed = firstSlot + (first >> 31 == 1 ? width + 4 : 0)
            precondition(signed + 1 < 1 << (32 - Int(shift)), "slot does not fit the entry")
            entries[key] = Self.entry(slot: signed, key: key, shift: shift, lastLowBits: lastInFirstSlot & lowMask)
        }
        self.scale = s
        self.keyShift = shift
        self.windowLow = low
        self.windowWidth = width
        self.entries = entries
    }

    /// The entry of `key` whose values go to `slot`, or to `slot + 1` when their low `shift`
    /// bits exceed `lastLowBits`.
    static func entry(slot: Int, key: Int, shift: UInt32, lastLowBits: UInt32) -> UInt32 {
        let lowMask: UInt32 = (1 << shift) - 1
        return ((UInt32(truncatingIfNeeded: slot) &- UInt32(truncatingIfNeeded: key)) << shift) &+ (lowMask - lastLowBits)
    }

    /// The shared table for a scale in `supportedScales` (built once, on first use).
    static func forScale(_ scale: Int) -> FloatSlotTable { cache[scale] }

    private static let cache = PerScaleCache(scales: supportedScales) { FloatSlotTable(exactScale: $0) }
}
