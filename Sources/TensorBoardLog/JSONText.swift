/// Minimal JSON text building for export lines: exact numbers, escaped strings.
enum JSONText {
    /// Shortest round-trip text of a finite double ("0.1", "1e-12", "3.0"); `null` for NaN
    /// and ±Inf, which JSON cannot represent.
    static func number(_ x: Double) -> String {
        x.isFinite ? "\(x)" : "null"
    }

    /// `number(x)` or `null` when absent.
    static func number(_ x: Double?) -> String {
        x.map(number) ?? "null"
    }

    /// A JSON array of numbers.
    static func array(_ xs: [Double]) -> String {
        "[" + xs.map(number).joined(separator: ",") + "]"
    }

    /// A JSON array of integers.
    static func array(_ xs: [UInt64]) -> String {
        "[" + xs.map { String($0) }.joined(separator: ",") + "]"
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped.
    static func string(_ s: String) -> String {
        var out = "\""
        out.reserveCapacity(s.utf8.count + 2)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
