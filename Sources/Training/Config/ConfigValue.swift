/// A loosely typed configuration value (from TOML or the command line) and the table of
/// keys ``TrainingConfig`` accepts.
public enum ConfigValue: Sendable, Equatable {
    case integer(Int)
    case double(Double)
    case string(String)
    case bool(Bool)
    case array([ConfigValue])
}

extension TrainingConfig {
    /// Every accepted key, in documentation order.
    public static let keys = [
        "model", "task", "layers", "d_model", "heads", "hidden", "activation",
        "optimizer", "lr", "beta1", "beta2", "eps", "momentum", "weight_decay", "warmup", "freeze",
        "schedule", "steps", "batch", "seed", "threads", "logdir", "run_name",
        "histograms", "log_updates", "histogram_scale", "log_every", "log_include", "progress_every",
    ]

    /// Sets one key; throws ``ConfigError`` naming the key for unknown keys and bad values.
    /// `optimizer`, `seed` and `hidden` take a list or a comma-separated string.
    public mutating func set(_ key: String, _ value: ConfigValue) throws {
        func int() throws -> Int {
            switch value {
            case .integer(let i): return i
            case .string(let s): if let i = Int(s.trimmingCharacters(in: .whitespaces)) { return i }
            case .double(let d): if d.rounded() == d, abs(d) < 1e15 { return Int(d) }
            default: break
            }
            throw ConfigError.wrongType(key: key, expected: "an integer")
        }
        func double() throws -> Double {
            switch value {
            case .integer(let i): return Double(i)
            case .double(let d): return d
            case .string(let s): if let d = Double(s.trimmingCharacters(in: .whitespaces)) { return d }
            default: break
            }
            throw ConfigError.wrongType(key: key, expected: "a number")
        }
        func string() throws -> String {
            if case .string(let s) = value { return s }
            throw ConfigError.wrongType(key: key, expected: "a string")
        }
        func bool() throws -> Bool {
            switch value {
            case .bool(let b): return b
            case .string(let s) where ["true", "false"].contains(s.lowercased()): return s.lowercased() == "true"
            default: throw ConfigError.wrongType(key: key, expected: "true or false")
            }
        }
        func list() throws -> [ConfigValue] {
            switch value {
            case .array(let a): return a
            case .string(let s): return s.split(separator: ",").map { .string($0.trimmingCharacters(in: .whitespaces)) }
            default: return [value]
            }
        }
        func choice<E: RawRepresentable & CaseIterable>(_: E.Type) throws -> E where E.RawValue == String {
            let s = try string().lowercased()
            guard let e = E(rawValue: s) else {
                throw ConfigError.invalidValue(key: key, message: "'\(s)' is not one of "
                    + E.allCases.map(\.rawValue).joined(separator: ", "))
            }
            return e
        }

        switch key {
        case "model": model = try choice(ModelKind.self)
        case "task": task = try choice(TaskKind.self)
        case "layers": layers = try int()
        case "d_model": dModel = try int()
        case "heads": heads = try int()
        case "hidden":
            hidden = try list().map { v in
                guard case .integer(let i) = v else {
                    if case .string(let s) = v, let i = Int(s) { return i }
                    throw ConfigError.wrongType(key: key, expected: "a list of integers")
                }
                return i
            }
        case "activation": activation = try choice(Activation.self)
        case "optimizer":
            optimizers = try list().map { v in
                guard case .string(let s) = v, let p = OptimizerPreset(name: s) else {
                    let shown = if case .string(let s) = v { s } else { "\(v)" }
                    throw ConfigError.invalidValue(key: key, message: "unknown optimizer '\(shown)' (known: "
                        + OptimizerPreset.allNames.joined(separator: ", ") + ")")
                }
                return p
            }
        case "lr": learningRate = try double()
        case "beta1": beta1 = try double()
        case "beta2": beta2 = try double()
        case "eps": epsilon = try double()
        case "momentum": momentum = try double()
        case "weight_decay": weightDecay = try double()
        case "warmup": warmupSteps = try int()
        case "freeze": freezeSteps = try int()
        case "schedule": schedule = try choice(ScheduleKind.self)
        case "steps": steps = try int()
        case "batch": batchSize = try int()
        case "seed":
            seeds = try list().map { v in
                switch v {
                case .integer(let i) where i >= 0: return UInt64(i)
                case .string(let s): if let i = UInt64(s) { return i }
                default: break
                }
                throw ConfigError.wrongType(key: key, expected: "non-negative integers")
            }
        case "threads": threads = try int()
        case "logdir": logdir = try string()
        case "run_name": runName = try string()
        case "histograms": logHistograms = try bool()
        case "log_updates": logUpdates = try bool()
        case "histogram_scale": histogramScale = try int()
        case "log_every": logEvery = try int()
        case "log_include":
            logInclude = try list().map { v in
                guard case .string(let s) = v else { throw ConfigError.wrongType(key: key, expected: "a list of globs") }
                return s
            }
        case "progress_every": progressEvery = try int()
        default: throw ConfigError.unknownKey(key)
        }
    }
}

import Foundation
