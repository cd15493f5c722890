/// A run's configuration, as TensorBoard's hparams plugin records it: the hyperparameters
/// of the run's session (`_hparams_/session_start_info`, written by gradscope's `train`
/// and by PyTorch's `SummaryWriter.add_hparams`).
public struct RunConfiguration: Sendable, Equatable {
    /// A hyperparameter's value (the hparams plugin stores numbers, strings and booleans).
    public enum Value: Sendable, Equatable, CustomStringConvertible {
        case number(Double)
        case string(String)
        case bool(Bool)

        public var description: String {
            switch self {
            case .number(let x): x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : "\(x)"
            case .string(let s): s
            case .bool(let b): b ? "true" : "false"
            }
        }
    }

    /// Hyperparameters by name.
    public var values: [String: Value]

    public init(_ values: [String: Value] = [:]) { self.values = values }

    public var isEmpty: Bool { values.isEmpty }

    /// The names, sorted.
    public var names: [String] { values.keys.sorted() }

    /// The first of `names` (case-insensitively) that holds a number.
    public func number(_ names: String...) -> Double? {
        for name in names {
            if case .number(let x)? = value(name) { return x }
        }
        return nil
    }

    /// The first of `names` (case-insensitively) that holds a string.
    public func string(_ names: String...) -> String? {
        for name in names {
            if case .string(let s)? = value(name) { return s }
        }
        return nil
    }

    private func value(_ name: String) -> Value? {
        values[name] ?? values.first { $0.key.lowercased() == name.lowercased() }?.value
    }
}
