import TensorBoardLog

/// Quantiles of |x| from bucketed counts of signed x.
///
/// Each bucket `[a, b]` of x becomes an interval of |x|: `[a, b]` when `a ≥ 0`, `[−b, −a]`
/// when `b ≤ 0`, and `[0, max(−a, b)]` when it straddles zero. Within an interval the
/// values are taken as uniform, so the cumulative count
///
///     F(y) = Σᵢ cᵢ · clamp((y − aᵢ) / (bᵢ − aᵢ), 0, 1)
///
/// is piecewise linear in y, with a jump of cᵢ at aᵢ for a zero-width interval (exact
/// zeros). The q-quantile is the smallest y with F(y) ≥ q · F(∞), found by one sweep over
/// the interval ends. The error is at most one bucket's width, the resolution of the data.
public struct MagnitudeQuantiles: Sendable {
    /// Breakpoints of F, increasing, with F just after each breakpoint.
    private var breakpoints: [(y: Double, below: Double, atOrBelow: Double)] = []
    /// Total count of finite values.
    public let total: Double

    public init(_ buckets: HistogramBuckets) {
        var intervals: [(lower: Double, upper: Double, count: Double)] = []
        intervals.reserveCapacity(buckets.counts.count)
        for (i, count) in buckets.counts.enumerated() where count > 0 {
            let a = buckets.edges[i], b = buckets.edges[i + 1]
            if a >= 0 { intervals.append((a, b, count)) }
            else if b <= 0 { intervals.append((-b, -a, count)) }
            else { intervals.append((0, Swift.max(-a, b), count)) }
        }
        total = intervals.reduce(0) { $0 + $1.count }
        // Sweep: at each interval end the slope of F changes; zero-width intervals jump.
        var events: [(y: Double, slope: Double, jump: Double)] = []
        for interval in intervals {
            let width = interval.upper - interval.lower
            if width > 0 {
                let slope = interval.count / width
                events.append((interval.lower, slope, 0))
                events.append((interval.upper, -slope, 0))
            } else {
                events.append((interval.lower, 0, interval.count))
            }
        }
        events.sort { $0.y < $1.y }
        var cumulative = 0.0, slope = 0.0, lastY = events.first?.y ?? 0
        var index = 0
        while index < events.count {
            let y = events[index].y
            cumulative += slope * (y - lastY)
            let below = cumulative
            while index < events.count && events[index].y == y {
                slope += events[index].slope
                cumulative += events[index].jump
                index += 1
            }
            breakpoints.append((y, below, cumulative))
            lastY = y
        }
    }

    /// The q-quantile of |x| (q in 0…1), or nil when there are no values.
    public func quantile(_ q: Double) -> Double? {
        guard total > 0, let first = breakpoints.first else { return nil }
        let target = Swift.min(Swift.max(q, 0), 1) * total
        if target <= first.atOrBelow { return first.y }
        for k in 1..<breakpoints.count {
            let previous = breakpoints[k - 1], current = breakpoints[k]
            if target <= current.below {
                let rise = current.below - previous.atOrBelow
                let fraction = rise > 0 ? (target - previous.atOrBelow) / rise : 1
                return previous.y + fraction * (current.y - previous.y)
            }
            if target <= current.atOrBelow { return current.y }
        }
        return breakpoints.last?.y
    }
}
