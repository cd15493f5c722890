import Foundation

/// The base of a logarithmic axis.
public enum LogBase: String, Sendable, Hashable, CaseIterable {
    case ten = "10", e = "e", two = "2"

    public var value: Double {
        switch self {
        case .ten: 10
        case .e: M_E
        case .two: 2
        }
    }

    /// log_b(x), with the exact library function for bases 10 and 2 (so log10(1e-3) = −3 exactly).
    public func log(_ x: Double) -> Double {
        switch self {
        case .ten: log10(x)
        case .e: Foundation.log(x)
        case .two: log2(x)
        }
    }

    /// b^x.
    public func power(_ x: Double) -> Double {
        switch self {
        case .ten: pow(10, x)
        case .e: exp(x)
        case .two: exp2(x)
        }
    }

    /// Parses "10", "e", "2" (also "ln", "log10", "log2").
    public init(parsing text: String) throws {
        switch text.lowercased() {
        case "10", "log10": self = .ten
        case "e", "ln": self = .e
        case "2", "log2": self = .two
        default: throw PlotError.invalidArgument("unknown log base '\(text)': use \(PlotError.choices(Self.allCases.map(\.rawValue)))")
        }
    }
}

/// A map from data values to a position along an axis.
///
/// Linear: position ∝ v. Log: position ∝ log_b(v) (the base only changes the tick labels).
public struct Scale: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case linear
        case log(LogBase)
    }
    public var kind: Kind
    /// Data values at the two ends of the axis (lower < upper; positive for log).
    public var lower: Double
    public var upper: Double

    public init(_ kind: Kind, lower: Double, upper: Double) {
        self.kind = kind
        var lo = lower, hi = upper
        if case .log = kind {
            if !(lo > 0) || !lo.isFinite { lo = hi > 0 && hi.isFinite ? hi / 10 : 1 }
            if !(hi > 0) || !hi.isFinite { hi = lo * 10 }
        }
        if !lo.isFinite { lo = 0 }
        if !hi.isFinite { hi = lo + 1 }
        if hi < lo { swap(&lo, &hi) }
        if hi == lo {
            // Widen a degenerate range as matplotlib's nonsingular does.
            if case .log = kind { lo /= 2; hi *= 2 } else {
                let d = lo == 0 ? 1 : abs(lo) * 0.05
                lo -= d; hi += d
            }
        }
        self.lower = lo; self.upper = hi
    }

    public static func linear(_ lower: Double, _ upper: Double) -> Scale { Scale(.linear, lower: lower, upper: upper) }
    public static func log(_ base: LogBase, _ lower: Double, _ upper: Double) -> Scale { Scale(.log(base), lower: lower, upper: upper) }

    public var isLog: Bool { if case .log = kind { true } else { false } }
    public var logBase: LogBase? { if case .log(let b) = kind { b } else { nil } }

    /// The transformed coordinate: v for linear, log_b(v) for log (−∞ for v ≤ 0).
    public func transform(_ v: Double) -> Double {
        switch kind {
        case .linear: v
        case .log(let b): v > 0 ? b.log(v) : -.infinity
        }
    }

    /// Inverse of `transform`.
    public func invert(_ t: Double) -> Double {
        switch kind {
        case .linear: t
        case .log(let b): b.power(t)
        }
    }

    /// Position of v as a fraction of the axis: 0 at `lower`, 1 at `upper`.
    public func fraction(_ v: Double) -> Double {
        let a = transform(lower), b = transform(upper)
        return (transform(v) - a) / (b - a)
    }

    /// Data value at fraction f of the axis.
    public func value(atFraction f: Double) -> Double {
        let a = transform(lower), b = transform(upper)
        return invert(a + f * (b - a))
    }
}
