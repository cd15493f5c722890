/// The median of a window of values, as used against spikes: `median(x[t−w..<t])`.
enum RunningMedian {
    /// For each index t ≥ `minimum`, the median of the up to `window` finite values before
    /// it (nil for earlier indices).
    static func trailing(_ values: [Double], window: Int, minimum: Int) -> [Double?] {
        values.indices.map { t in
            let previous = values[Swift.max(0, t - window)..<t].filter(\.isFinite)
            guard previous.count >= minimum else { return nil }
            return median(previous)
        }
    }

    static func median<C: Collection>(_ values: C) -> Double where C.Element == Double {
        let sorted = values.sorted()
        let n = sorted.count
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
    }
}
