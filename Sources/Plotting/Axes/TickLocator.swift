import Foundation

/// Tick positions chosen as matplotlib chooses them.
public enum TickLocator {
    /// matplotlib's default acceptable tick multiples (`AutoLocator`).
    public static let defaultSteps: [Double] = [1, 2, 2.5, 5, 10]

    /// matplotlib's `MaxNLocator(nbins:steps:).tick_values(vmin, vmax)`: at most `nbins`
    /// intervals of a step from {1, 2, 2.5, 5, 10} × 10ⁿ, covering [vmin, vmax]; the result
    /// may include one tick beyond each end, as matplotlib's does.
    public static func maxN(_ vmin: Double, _ vmax: Double, nbins: Int, steps: [Double] = defaultSteps,
                            minTicks: Int = 2) -> [Double] {
        guard vmin.isFinite, vmax.isFinite, nbins >= 1 else { return [] }
        var (lo, hi) = nonsingular(min(vmin, vmax), max(vmin, vmax))
        let (scale, offset) = scaleRange(lo, hi, n: Double(nbins))
        lo -= offset; hi -= offset
        let staircase = steps.dropLast().map { 0.1 * $0 } + steps + [10 * steps[1]]
        let scaled = staircase.map { $0 * scale }
        let rawStep = (hi - lo) / Double(nbins)
        let istep = scaled.firstIndex { $0 >= rawStep } ?? (scaled.count - 1)
        var ticks: [Double] = []
        for step in scaled[...istep].reversed() {
            let best = pyFloorDiv(lo, step) * step
            let low = edgeLE(lo - best, step: step, offset: offset)
            let high = edgeGE(hi - best, step: step, offset: offset)
            ticks = stride(from: low, through: high, by: 1).map { $0 * step + best }
            let visible = ticks.filter { $0 <= hi && $0 >= lo }.count
            if visible >= minTicks { break }
        }
        return ticks.map { $0 + offset }
    }

    /// matplotlib's `LogLocator(base, numticks:).tick_values` for the major ticks, as
    /// integer exponents: ticks sit at base^k. Includes one decade beyond each end.
    public static func logExponents(_ vmin: Double, _ vmax: Double, base: LogBase, numticks: Int) -> [Int] {
        guard vmin > 0, vmax > 0, vmin.isFinite, vmax.isFinite else { return [] }
        let efmin = base.log(min(vmin, vmax)), efmax = base.log(max(vmin, vmax))
        let emin = Int(ceil(efmin - 1e-12)), emax = Int(floor(efmax + 1e-12))
        let nAvail = emax - emin + 1
        var nRequest = max(numticks, 1)
        var stride = nAvail / (nRequest + 1) + 1
        let nr = Int(ceil(Double(nAvail) / Double(stride)))
        if nr <= nRequest { nRequest = nr }
        if nRequest <= 0 { return [emin - 1, emax + 1] }
        if nRequest == 1 {
            let mid = Int(((efmin + efmax) / 2).rounded(.toNearestOrEven))
            stride = max(mid - (emin - 1), (emax + 1) - mid)
            return [mid - stride, mid, mid + stride]
        }
        stride = (nAvail - 1) / (nRequest - 1)
        if Double(stride) < Double(nAvail) / Double(nRequest) { stride = nAvail / nRequest }
        let olo = max(nAvail - stride * nRequest, 0)
        let ohi = min(nAvail - stride * (nRequest - 1), stride)
        var offset = ((-emin) % stride + stride) % stride
        if !(olo <= offset && offset < ohi) { offset = olo }
        return Array(Swift.stride(from: emin + offset - stride, through: emax + stride, by: stride))
    }

    /// matplotlib's `scale_range`: a power of ten near the step size, and an offset when the
    /// range is far from zero relative to its width.
    static func scaleRange(_ vmin: Double, _ vmax: Double, n: Double, threshold: Double = 100) -> (Double, Double) {
        let dv = abs(vmax - vmin)
        let meanv = (vmax + vmin) / 2
        var offset = 0.0
        if abs(meanv) / dv >= threshold {
            offset = copysign(pow(10, floor(log10(abs(meanv)))), meanv)
        }
        return (pow(10, floor(log10(dv / n))), offset)
    }

    /// matplotlib's `transforms.nonsingular(vmin, vmax, expander=1e-13, tiny=1e-14)`.
    static func nonsingular(_ vmin: Double, _ vmax: Double) -> (Double, Double) {
        let expander = 1e-13, tiny = 1e-14
        var lo = vmin, hi = vmax
        let maxabs = max(abs(lo), abs(hi))
        if maxabs < (1e6 / tiny) * Double.leastNormalMagnitude {
            return (-expander, expander)
        }
        if hi - lo <= maxabs * tiny {
            if hi == 0 && lo == 0 { return (-expander, expander) }
            lo -= expander * abs(lo); hi += expander * abs(hi)
        }
        return (lo, hi)
    }

    /// Python's float `divmod(x, y)`.
    static func pyDivmod(_ x: Double, _ y: Double) -> (Double, Double) {
        var mod = fmod(x, y)
        if mod != 0, (y < 0) != (mod < 0) { mod += y }
        let div = (x - mod) / y
        var floordiv = floor(div)
        if div - floordiv > 0.5 { floordiv += 1 }
        return (floordiv, mod)
    }

    static func pyFloorDiv(_ x: Double, _ y: Double) -> Double { pyDivmod(x, y).0 }

    private static func edgeTolerance(step: Double, offset: Double) -> Double {
        guard offset != 0 else { return 1e-10 }
        let digits = log10(abs(offset) / step)
        return min(0.4999, max(1e-10, pow(10, digits - 12)))
    }

    /// `_Edge_integer.le`: the largest n with n·step ≤ x, with float slop.
    static func edgeLE(_ x: Double, step: Double, offset: Double) -> Double {
        let (d, m) = pyDivmod(x, step)
        return abs(m / step - 1) < edgeTolerance(step: step, offset: offset) ? d + 1 : d
    }

    /// `_Edge_integer.ge`: the smallest n with n·step ≥ x, with float slop.
    static func edgeGE(_ x: Double, step: Double, offset: Double) -> Double {
        let (d, m) = pyDivmod(x, step)
        return abs(m / step) < edgeTolerance(step: step, offset: offset) ? d : d + 1
    }
}
