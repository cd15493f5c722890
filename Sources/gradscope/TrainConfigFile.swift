import Foundation
import TOMLKit
import Training

/// Reads a `gradscope train` TOML config: top-level keys of ``TrainingConfig/keys``
/// (tables are not used). Unknown keys and bad values are one-line errors naming the key.
enum TrainConfigFile {
    static func apply(path: String, to config: inout TrainingConfig) throws {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigError.unreadable(path: path, reason: "no such readable file")
        }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigError.unreadable(path: path, reason: "\(error.description) at line \(error.source.begin.line)")
        } catch {
            throw ConfigError.unreadable(path: path, reason: "\(error)")
        }
        for key in table.keys.sorted() {
            guard let value = table[key] else { continue }
            try config.set(key, try convert(value, key: key))
        }
    }

    static func convert(_ value: TOMLValueConvertible, key: String) throws -> ConfigValue {
        switch value.type {
        case .int: if let i = value.int { return .integer(i) }
        case .double: if let d = value.double { return .double(d) }
        case .string: if let s = value.string { return .string(s) }
        case .bool: if let b = value.bool { return .bool(b) }
        case .array:
            if let a = value.array { return .array(try a.map { try convert($0, key: key) }) }
        default: break
        }
        throw ConfigError.wrongType(key: key, expected: "a number, string, boolean or list")
    }
}
