import Foundation

/// A loosely typed configuration value (from TOML or the command line).
public enum ConfigValue: Sendable, Equatable {
    case integer(Int)
    case double(Double)
    case string(String)
    case bool(Bool)
    case array([ConfigValue])
}

extension TrainingConfig {
    /// One key ``TrainingConfig`` accepts and how a value sets it.
    struct Setting: Sendable {
        let key: String
        let apply: @Sendable (inout TrainingConfig, ConfigValue.Reading) throws -> Void

        init(_ key: String, _ apply: @escaping @Sendable (inout TrainingConfig, ConfigValue.Reading) throws -> Void) {
            self.key = key
            self.apply = apply
        }
    }

    /// The one table of keys, in documentation order: ``keys``, ``set(_:_:)``, the TOML file
    /// and `gradscope train`'s flags (checked against it by `TrainFlagTests`) all follow it.
    static let settings: [Setting] = [
        Setting("model") { $0.model = try $1.choice() },
        Setting("task") { $0.task = try $1.choice() },
        Setting("layers") { $0.layers = try $1.int() },
        Setting("d_model") { $0.dModel = try $1.int() },
        Setting("heads") { $0.heads = try $1.int() },
        Setting("hidden") { $0.hidden = try $1.integers() },
        Setting("activation") { $0.activation = try $1.choice() },
        Setting("optimizer") { $0.optimizers = try $1.optimizerPresets() },
        Setting("lr") { $0.learningRate = try $1.double() },
        Setting("beta1") { $0.beta1 = try $1.double() },
        Setting("beta2") { $0.beta2 = try $1.double() },
        Setting("eps") { $0.epsilon = try $1.double() },
        Setting("momentum") { $0.momentum = try $1.double() },
        Setting("weight_decay") { $0.weightDecay = try $1.double() },
        Setting("warmup") { $0.warmupSteps = try $1.int() },
        Setting("freeze") { $0.freezeSteps = try $1.int() },
        Setting("schedule") { $0.schedule = try $1.choice() },
        Setting("steps") { $0.steps = try $1.int() },
        Setting("batch") { $0.batchSize = try $1.int() },
        Setting("seed") { $0.seeds = try $1.seeds() },
        Setting("threads") { $0.threads = try $1.int() },
        Setting("logdir") { $0.logdir = try $1.string() },
        Setting("run_name") { $0.runName = try $1.string() },
        Setting("histograms") { $0.logHistograms = try $1.bool() },
        Setting("log_updates") { $0.logUpdates = try $1.bool() },
        Setting("histogram_scale") { $0.histogramScale = try $1.int() },
        Setting("log_every") { $0.logEvery = try $1.int() },
        Setting("log_include") { $0.logInclude = try $1.strings(expected: "a list of globs") },
        Setting("progress_every") { $0.progressEvery = try $1.int() },
    ]

    /// Every accepted key, in documentation order.
    public static let keys = settings.map(\.key)

    /// Sets one key; throws ``ConfigError`` naming the key for unknown keys and bad values.
    /// `optimizer`, `seed`, `hidden` and `log_include` take a list or a comma-separated string.
    public mutating func set(_ key: String, _ value: ConfigValue) throws {
        guard let setting = Self.settings.first(where: { $0.key == key }) else { throw ConfigError.unknownKey(key) }
        try setting.apply(&self, ConfigValue.Reading(key: key, value: value))
    }
}

extension ConfigValue {
    /// A value read as the type its key wants, with a ``ConfigError`` naming the key otherwise.
    struct Reading {
        let key: String
        let value: ConfigValue

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

        /// An array, or a comma-separated string split into trimmed strings, or one value.
        func list() -> [ConfigValue] {
            switch value {
            case .array(let a): return a
            case .string(let s): return s.split(separator: ",").map { .string($0.trimmingCharacters(in: .whitespaces)) }
            default: return [value]
            }
        }

        func choice<E: RawRepresentable & CaseIterable>() throws -> E where E.RawValue == String {
            let s = try string().lowercased()
            guard let e = E(rawValue: s) else {
                throw ConfigError.invalidValue(key: key, message: "'\(s)' is not one of "
                    + E.allCases.map(\.rawValue).joined(separator: ", "))
            }
            return e
        }

        func integers() throws -> [Int] {
            try list().map { v in
                switch v {
                case .integer(let i): return i
                case .string(let s): if let i = Int(s) { return i }
                default: break
                }
                throw ConfigError.wrongType(key: key, expected: "a list of integers")
            }
        }

        func strings(expected: String) throws -> [String] {
            try list().map { v in
                guard case .string(let s) = v else { throw ConfigError.wrongType(key: key, expected: expected) }
                return s
            }
        }

        func seeds() throws -> [UInt64] {
            try list().map { v in
                switch v {
                case .integer(let i) where i >= 0: return UInt64(i)
                case .string(let s): if let i = UInt64(s) { return i }
                default: break
                }
                throw ConfigError.wrongType(key: key, expected: "non-negative integers")
            }
        }

        func optimizerPresets() throws -> [OptimizerPreset] {
            try list().map { v in
                guard case .string(let s) = v, let preset = OptimizerPreset(name: s) else {
                    let shown = if case .string(let s) = v { s } else { "\(v)" }
                    throw ConfigError.invalidValue(key: key, message: "unknown optimizer '\(shown)' (known: "
                        + OptimizerPreset.allNames.joined(separator: ", ") + ")")
                }
                return preset
            }
        }
    }
}
