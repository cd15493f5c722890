import Foundation

/// Which steps a stacked histogram shows.
public enum StepSelection: Sendable, Hashable {
    /// The RAdam paper's Figure 2 steps 1, 5, 10, 25, 50, 75, 100, where present
    /// (automatic when none is).
    case paper
    /// Exactly these steps, where present.
    case list([Int])
    /// Every step in the range, at most `maxCount` of them (evenly thinned, ends kept).
    case range(ClosedRange<Int>, maxCount: Int)
    /// About `count` steps spaced evenly in log(step − first + 1), always keeping the first and last.
    case automatic(count: Int)

    public static let paperSteps = [1, 5, 10, 25, 50, 75, 100]

    /// Parses "1,5,10", "100-500", "auto", "auto:12", "paper".
    public init(parsing text: String) throws {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        if t == "paper" || t == "default" { self = .paper; return }
        if t == "auto" { self = .automatic(count: 8); return }
        if t.hasPrefix("auto:"), let n = Int(t.dropFirst(5)), n >= 1 { self = .automatic(count: n); return }
        let dash = t.dropFirst().firstIndex(of: "-")
        if let dash, !t.contains(","), let a = Int(t[..<dash]), let b = Int(t[t.index(after: dash)...]), a <= b {
            self = .range(a...b, maxCount: 40); return
        }
        let parts = t.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !parts.isEmpty, parts.allSatisfy({ $0 != nil }) else {
            throw PlotError.invalidArgument("cannot read steps '\(text)': use a list (1,5,10), a range (100-500), auto, auto:N or paper")
        }
        self = .list(parts.map { $0! })
    }

    /// The selected steps among `available` (ascending, unique).
    public func select(from available: [Int]) -> [Int] {
        let steps = Array(Set(available)).sorted()
        guard !steps.isEmpty else { return [] }
        switch self {
        case .paper:
            let present = Set(steps)
            let chosen = Self.paperSteps.filter(present.contains)
            return chosen.count >= 2 ? chosen : StepSelection.automatic(count: 7).select(from: steps)
        case .list(let wanted):
            let present = Set(steps)
            return Array(Set(wanted.filter(present.contains))).sorted()
        case .range(let r, let maxCount):
            let inRange = steps.filter(r.contains)
            return Self.thin(inRange, to: maxCount)
        case .automatic(let count):
            guard steps.count > count, count >= 2 else { return steps }
            let first = Double(steps.first!), span = log(Double(steps.last!) - first + 1)
            var chosen = Set([steps.first!, steps.last!])
            for j in 1..<(count - 1) {
                let target = first + exp(span * Double(j) / Double(count - 1)) - 1
                let nearest = steps.min { abs(Double($0) - target) < abs(Double($1) - target) }!
                chosen.insert(nearest)
            }
            return chosen.sorted()
        }
    }

    static func thin(_ steps: [Int], to maxCount: Int) -> [Int] {
        guard steps.count > maxCount, maxCount >= 2 else { return steps }
        let idx = (0..<maxCount).map { Int((Double($0) * Double(steps.count - 1) / Double(maxCount - 1)).rounded()) }
        return Array(Set(idx)).sorted().map { steps[$0] }
    }
}
