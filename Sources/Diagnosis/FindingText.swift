import Foundation

/// How findings read in text: the step range and evidence values shared by `diagnose`'s
/// table and the report.
extension Finding {
    /// "steps 1–12", "step 7", or "" when the finding has no steps.
    public var stepRangeText: String {
        switch (firstStep, lastStep) {
        case let (a?, b?) where a != b: "steps \(a)–\(b)"
        case let (a?, _): "step \(a)"
        case let (nil, b?): "step \(b)"
        default: ""
        }
    }
}

extension Evidence.Value {
    /// Integers as integers, other numbers to 4 significant digits, long step lists cut
    /// after 10 steps with their count.
    public var text: String {
        switch self {
        case .number(let x): x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(format: "%.4g", x)
        case .steps(let steps): steps.count <= 12 ? steps.map(String.init).joined(separator: ", ")
            : steps.prefix(10).map(String.init).joined(separator: ", ") + ", … (\(steps.count) steps)"
        case .text(let s): s
        }
    }
}
