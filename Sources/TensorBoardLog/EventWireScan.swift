/// A shallow look at a serialized `Event` in protobuf wire format, enough to decide which
/// of its summary values a `ReadFilter` wants without decoding the values' payloads.
///
/// Wire format: each field is a varint key `(number << 3) | wireType`, then its value:
/// wire type 0 a varint, 1 eight bytes, 2 a varint length and that many bytes, 5 four bytes
/// (3 and 4, groups, do not occur in event files and make the scan give up). The scan reads
///
///     Event:           1 wall_time (double), 2 step (int64), 5 summary; 3, 4, 6–9 are the
///                      other members of the `what` oneof
///     Summary:         1 value (repeated)
///     Summary.Value:   1 tag, 9 metadata; 2 simple_value, 3–6 and 8 the `value` oneof
///     SummaryMetadata: 1 plugin_data;  PluginData: 1 plugin_name
///
/// and skips every other field. Anything it does not expect (another `what` member, a field
/// repeated where protobuf would merge it, a wrong wire type, a length past the end) makes it
/// return nil, and the caller decodes the record in full, so odd records read exactly as
/// before.
enum EventWireScan {
    /// The parts of an `Event` the filter needs.
    struct Event {
        var wallTime: Double = 0
        var step: Int64 = 0
        /// The summary's values, in order.
        var values: [Value] = []
    }

    /// One summary value: its tag, plugin and which member of the `value` oneof it holds.
    struct Value {
        /// The bytes of the serialized `Summary.Value` within the record.
        var range: Range<Int>
        var tag = ""
        /// Whether the value has `metadata`, and its `plugin_data`'s plugin name (nil
        /// without `plugin_data`).
        var hasMetadata = false
        var pluginName: String?
        /// Field number of the `value` oneof member present last (0 for none).
        var contentField = 0
    }

    /// Field numbers of `Summary.Value`'s `value` oneof.
    enum ContentField {
        static let simpleValue = 2
        static let histo = 5
        static let tensor = 8
        static let all: Set<Int> = [2, 3, 4, 5, 6, 8]
    }

    /// The event's time, step and summary values; nil when the record is not a well-formed
    /// summary event (decode it in full instead).
    static func event(_ bytes: UnsafeRawBufferPointer) -> Event? {
        var cursor = WireCursor(bytes: bytes, range: 0..<bytes.count)
        var event = Event()
        var summary: Range<Int>?
        while !cursor.atEnd {
            guard let (number, wireType) = cursor.key() else { return nil }
            switch (number, wireType) {
            case (1, 1):
                guard let bits = cursor.fixed64() else { return nil }
                event.wallTime = Double(bitPattern: bits)
            case (2, 0):
                guard let value = cursor.varint() else { return nil }
                event.step = Int64(bitPattern: value)
            case (5, 2):
                guard summary == nil, let range = cursor.lengthDelimited() else { return nil }
                summary = range
            case (1, _), (2, _), (3...9, _):
                return nil
            default:
                guard cursor.skip(wireType: wireType) else { return nil }
            }
        }
        guard let summary else { return nil }
        var values = WireCursor(bytes: bytes, range: summary)
        while !values.atEnd {
            guard let (number, wireType) = values.key() else { return nil }
            if number == 1 {
                guard wireType == 2, let range = values.lengthDelimited(), let value = value(bytes, range) else { return nil }
                event.values.append(value)
            } else {
                guard values.skip(wireType: wireType) else { return nil }
            }
        }
        return event
    }

    private static func value(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Value? {
        var cursor = WireCursor(bytes: bytes, range: range)
        var value = Value(range: range)
        while !cursor.atEnd {
            guard let (number, wireType) = cursor.key() else { return nil }
            switch (number, wireType) {
            case (1, 2):
                guard let tag = cursor.lengthDelimited() else { return nil }
                value.tag = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[tag]), as: UTF8.self)
            case (9, 2):
                guard !value.hasMetadata, let metadataRange = cursor.lengthDelimited(),
                      let scanned = metadata(bytes, metadataRange) else { return nil }
                value.hasMetadata = true
                value.pluginName = scanned.pluginName
            case (ContentField.simpleValue, 5):
                guard cursor.skip(wireType: 5) else { return nil }
                value.contentField = number
            case (let n, 2) where ContentField.all.contains(n):
                guard cursor.lengthDelimited() != nil else { return nil }
                value.contentField = n
            case (1, _), (9, _), (2...6, _), (8, _):
                return nil
            default:
                guard cursor.skip(wireType: wireType) else { return nil }
            }
        }
        return value
    }

    /// What the scan keeps of a `SummaryMetadata`.
    private struct Metadata {
        /// The plugin name; nil without `plugin_data`, "" when `plugin_data` has none.
        var pluginName: String?
    }

    /// The metadata's plugin name; nil when malformed or when `plugin_data` repeats.
    private static func metadata(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Metadata? {
        var cursor = WireCursor(bytes: bytes, range: range)
        var name: String?
        var seenPluginData = false
        while !cursor.atEnd {
            guard let (number, wireType) = cursor.key() else { return nil }
            guard number == 1 else {
                guard cursor.skip(wireType: wireType) else { return nil }
                continue
            }
            guard wireType == 2, !seenPluginData, let pluginData = cursor.lengthDelimited() else { return nil }
            seenPluginData = true
            name = ""
            var inner = WireCursor(bytes: bytes, range: pluginData)
            while !inner.atEnd {
                guard let (field, type) = inner.key() else { return nil }
                if field == 1 {
                    guard type == 2, let text = inner.lengthDelimited() else { return nil }
                    name = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[text]), as: UTF8.self)
                } else {
                    guard inner.skip(wireType: type) else { return nil }
                }
            }
        }
        return Metadata(pluginName: name)
    }
}

/// Reads protobuf wire format within `range` of `bytes`; every read checks the bounds and
/// returns nil past them.
struct WireCursor {
    let bytes: UnsafeRawBufferPointer
    private var position: Int
    private let end: Int

    init(bytes: UnsafeRawBufferPointer, range: Range<Int>) {
        self.bytes = bytes
        position = range.lowerBound
        end = range.upperBound
    }

    var atEnd: Bool { position >= end }

    /// A field key: its number and wire type.
    mutating func key() -> (Int, Int)? {
        guard let key = varint(), key >> 3 > 0, key >> 3 <= UInt64(Int32.max) else { return nil }
        return (Int(key >> 3), Int(key & 7))
    }

    /// A varint of at most 10 bytes.
    mutating func varint() -> UInt64? {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while position < end, shift < 64 {
            let byte = bytes[position]
            position += 1
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
        }
        return nil
    }

    mutating func fixed64() -> UInt64? {
        guard end - position >= 8 else { return nil }
        defer { position += 8 }
        return UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: position, as: UInt64.self))
    }

    /// The byte range of a length-delimited value.
    mutating func lengthDelimited() -> Range<Int>? {
        guard let length = varint(), length <= UInt64(end - position) else { return nil }
        let start = position
        position += Int(length)
        return start..<position
    }

    /// Skips a value of `wireType`; false for groups, unknown types or truncation.
    mutating func skip(wireType: Int) -> Bool {
        switch wireType {
        case 0: return varint() != nil
        case 1: return advance(8)
        case 2: return lengthDelimited() != nil
        case 5: return advance(4)
        default: return false
        }
    }

    private mutating func advance(_ count: Int) -> Bool {
        guard end - position >= count else { return false }
        position += count
        return true
    }
}
