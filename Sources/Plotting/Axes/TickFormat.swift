import Foundation

/// Tick label text.
public enum TickFormat {
    private static let superscripts: [Character: Character] = [
        "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹",
        "-": "⁻", "+": "⁺",
    ]

    /// The integer in Unicode superscript digits, with a superscript minus: −8 → "⁻⁸".
    public static func superscript(_ n: Int) -> String {
        String(String(n).map { superscripts[$0] ?? $0 })
    }

    /// A power label: base 10 → "10⁻⁸", e → "e⁻²⁰", 2 → "2⁻¹⁰".
    public static func power(_ base: LogBase, _ exponent: Int) -> String {
        base.rawValue + superscript(exponent)
    }

    /// Labels for linear ticks: the fewest decimals that tell all ticks apart, a Unicode
    /// minus (−) for negatives, and m×10ⁿ for very large or very small magnitudes.
    public static func linearLabels(_ ticks: [Double]) -> [String] {
        guard !ticks.isEmpty else { return [] }
        let maxAbs = ticks.map(abs).max() ?? 0
        if maxAbs >= 1e6 || (maxAbs > 0 && maxAbs < 1e-3) {
            let e = Int(floor(log10(maxAbs)))
            let scale = pow(10, Double(e))
            let mantissas = ticks.map { $0 / scale }
            let d = decimalsNeeded(mantissas)
            return mantissas.map { m in
                if abs(m) < 1e-9 { return "0" }
                return number(m, decimals: d) + "×10" + superscript(e)
            }
        }
        let d = decimalsNeeded(ticks)
        return ticks.map { number($0, decimals: d) }
    }

    /// A plain number with `decimals` decimals and a Unicode minus.
    public static func number(_ v: Double, decimals: Int) -> String {
        let s = formatFixed(v, decimals: decimals)
        return s.hasPrefix("-") ? "−" + s.dropFirst() : s
    }

    /// A compact label for a single value (annotations): 3 significant digits.
    public static func compact(_ v: Double) -> String {
        guard v.isFinite else { return v.isNaN ? "NaN" : (v > 0 ? "∞" : "−∞") }
        if v == 0 { return "0" }
        let a = abs(v)
        if a >= 1e5 || a < 1e-3 {
            let e = Int(floor(log10(a)))
            let m = v / pow(10, Double(e))
            return number(m, decimals: abs(m - m.rounded()) < 0.005 ? 0 : 2) + "×10" + superscript(e)
        }
        if a == a.rounded() { return number(v, decimals: 0) }
        let d = max(0, 2 - Int(floor(log10(a))))
        var s = number(v, decimals: d)
        if s.contains(".") { while s.hasSuffix("0") { s.removeLast() }; if s.hasSuffix(".") { s.removeLast() } }
        return s
    }

    /// Smallest number of decimals (0...10) at which every value prints exactly enough.
    static func decimalsNeeded(_ values: [Double]) -> Int {
        let spacing: Double = {
            let sorted = values.sorted()
            var d = Double.infinity
            for i in 1..<max(sorted.count, 1) where sorted[i] - sorted[i - 1] > 0 { d = min(d, sorted[i] - sorted[i - 1]) }
            return d.isFinite ? d : max(abs(values.first ?? 1), 1e-300)
        }()
        for d in 0...10 {
            let scale = pow(10, Double(d))
            if values.allSatisfy({ abs(($0 * scale).rounded() / scale - $0) <= spacing * 1e-6 }) { return d }
        }
        return 10
    }
}
