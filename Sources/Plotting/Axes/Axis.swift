import Foundation

/// One tick: where it is (data value) and what it says.
public struct Tick: Sendable, Hashable {
    public var value: Double
    public var label: String
    public init(value: Double, label: String) { self.value = value; self.label = label }
}

/// Which way an axis runs on the page.
public enum AxisOrientation: Sendable { case horizontal, vertical }

/// What an axis shows: scale, title and how ticks are chosen.
public struct AxisSpec: Sendable {
    public var scale: Scale
    public var label: String?
    /// Fixed ticks instead of located ones (e.g. step numbers of stacked slices).
    public var fixedTicks: [Tick]?
    /// Ticks are located only inside this range (defaults to the whole scale).
    public var tickRange: ClosedRange<Double>?
    /// Extra labelled ticks always drawn (e.g. the underflow bin "≤ e⁻²⁰").
    public var extraTicks: [Tick] = []

    public init(scale: Scale, label: String? = nil, fixedTicks: [Tick]? = nil, tickRange: ClosedRange<Double>? = nil,
                extraTicks: [Tick] = []) {
        self.scale = scale; self.label = label; self.fixedTicks = fixedTicks; self.tickRange = tickRange
        self.extraTicks = extraTicks
    }
}

/// Major ticks with labels that fit, and unlabelled minor ticks.
public struct ResolvedTicks: Sendable {
    public var major: [Tick]
    public var minor: [Double]
}

extension AxisSpec {
    /// Locates ticks as matplotlib does for an axis `length` points long, then removes ticks
    /// until no two labels overlap (labels measured with the renderer).
    public func resolveTicks(length: Double, orientation: AxisOrientation, renderer: Renderer, font: Font) -> ResolvedTicks {
        if let fixed = fixedTicks {
            let inRange = fixed.filter { inside($0.value) }
            return ResolvedTicks(major: thin(inRange, length: length, orientation: orientation, renderer: renderer, font: font), minor: [])
        }
        let lo = tickRange?.lowerBound ?? scale.lower, hi = tickRange?.upperBound ?? scale.upper
        // matplotlib's tick space: 3 font sizes per x label, 2 per y label.
        let perTick = font.size * (orientation == .horizontal ? 3 : 2)
        var n = max(1, min(9, Int(floor(length / perTick))))
        while true {
            let candidate = locate(lo, hi, n: n)
            // Extra ticks win over located ones that would collide with them.
            let located = candidate.major.filter { t in
                !extraTicks.contains { e in !fits([t, e], length: length, orientation: orientation, renderer: renderer, font: font) }
            }
            if fits(located + extraTicks, length: length, orientation: orientation, renderer: renderer, font: font) || n <= 1 {
                let major = n <= 1 ? thin(located, length: length, orientation: orientation, renderer: renderer, font: font) : located
                return ResolvedTicks(major: major + extraTicks, minor: candidate.minor)
            }
            n -= 1
        }
    }

    private func inside(_ v: Double) -> Bool {
        let f = scale.fraction(v)
        return f >= -1e-9 && f <= 1 + 1e-9
    }

    private func locate(_ lo: Double, _ hi: Double, n: Int) -> ResolvedTicks {
        let inRange: (Double) -> Bool = { v in v >= lo * (1 - 1e-12) - 1e-300 && v <= hi * (1 + 1e-12) + 1e-300 && self.inside(v) }
        switch scale.kind {
        case .linear:
            let values = TickLocator.maxN(lo, hi, nbins: n).filter { v in
                let span = hi - lo
                return v >= lo - span * 1e-9 && v <= hi + span * 1e-9
            }
            let labels = TickFormat.linearLabels(values)
            return ResolvedTicks(major: zip(values, labels).map { Tick(value: $0, label: $1) }, minor: [])
        case .log(let base):
            let exps = TickLocator.logExponents(lo, hi, base: base, numticks: max(2, n)).filter { inRange(base.power(Double($0))) }
            if exps.count >= 2 {
                var minor: [Double] = []
                let stride = exps.count >= 2 ? exps[1] - exps[0] : 1
                if base == .ten && stride == 1 && exps.count < 10 {
                    for k in (exps.first! - 1)...(exps.last!) {
                        for s in 2...9 {
                            let v = Double(s) * pow(10, Double(k))
                            if inRange(v) { minor.append(v) }
                        }
                    }
                }
                return ResolvedTicks(major: exps.map { Tick(value: base.power(Double($0)), label: TickFormat.power(base, $0)) }, minor: minor)
            }
            // Less than about a decade: plain-number ticks placed linearly (matplotlib falls back likewise).
            let values = TickLocator.maxN(lo, hi, nbins: min(n, 5)).filter { $0 > 0 && inRange($0) }
            let labels = TickFormat.linearLabels(values)
            return ResolvedTicks(major: zip(values, labels).map { Tick(value: $0, label: $1) }, minor: [])
        }
    }

    /// Whether consecutive labels leave at least half a font size between them.
    func fits(_ ticks: [Tick], length: Double, orientation: AxisOrientation, renderer: Renderer, font: Font) -> Bool {
        let spans = ticks.map { t -> (Double, Double) in
            let e = renderer.measure(t.label, font: font)
            let size = orientation == .horizontal ? e.width : e.height
            let c = scale.fraction(t.value) * length
            return (c - size / 2, c + size / 2)
        }.sorted { $0.0 < $1.0 }
        let gap = font.size * 0.5
        for i in spans.indices.dropFirst() where spans[i].0 < spans[i - 1].1 + gap { return false }
        return true
    }

    /// Removes ticks until the labels fit: for integer labels (steps), the ticks at multiples
    /// of the smallest of 1, 2, 5, 10, 20, 25, 50, 100, … that fits; otherwise every k-th tick.
    func thin(_ ticks: [Tick], length: Double, orientation: AxisOrientation, renderer: Renderer, font: Font) -> [Tick] {
        guard ticks.count > 1 else { return ticks }
        if fits(ticks, length: length, orientation: orientation, renderer: renderer, font: font) { return ticks }
        let numbers = ticks.compactMap { Int($0.label) }
        if numbers.count == ticks.count, let maxLabel = numbers.map(abs).max(), maxLabel > 0 {
            var candidates: [Int] = []
            var decade = 1
            while decade <= maxLabel { candidates += [1, 2, 5].map { $0 * decade } + [decade * 10 / 4 * (decade >= 10 ? 1 : 0)]; decade *= 10 }
            for d in Set(candidates).filter({ $0 > 0 }).sorted() {
                let kept = zip(ticks, numbers).filter { $0.1 % d == 0 }.map(\.0)
                if kept.count >= 2, fits(kept, length: length, orientation: orientation, renderer: renderer, font: font) { return kept }
            }
        }
        for k in 1...ticks.count {
            // Keep the first and the last when possible: step from the end.
            let kept = stride(from: ticks.count - 1, through: 0, by: -k).map { ticks[$0] }.reversed()
            if fits(Array(kept), length: length, orientation: orientation, renderer: renderer, font: font) { return Array(kept) }
        }
        return [ticks[0]]
    }
}
