/// A bad configuration, described in one line that names the key.
public enum ConfigError: Error, Equatable, CustomStringConvertible, LocalizedError {
    case unknownKey(String)
    case invalidValue(key: String, message: String)
    case wrongType(key: String, expected: String)
    case unreadable(path: String, reason: String)

    public var description: String {
        switch self {
        case .unknownKey(let k): "unknown config key '\(k)'"
        case .invalidValue(let k, let m): "invalid value for '\(k)': \(m)"
        case .wrongType(let k, let e): "invalid value for '\(k)': expected \(e)"
        case .unreadable(let p, let r): "cannot read config '\(p)': \(r)"
        }
    }

    public var errorDescription: String? { description }
}

import Foundation
