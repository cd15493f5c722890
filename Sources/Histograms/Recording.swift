extension ExponentialHistogram {
    /// Records one value (exactly as its `Double` value would be recorded).
    public mutating func record(_ x: Float) {
        record(Double(x))
    }

    /// Records one value: NaN and ±∞ to their counters; `|x| ≤ zeroThreshold` to `zeroCount`;
    /// otherwise to bucket `bucketIndex(of: |x|)` of `positive` or `negative`.
    public mutating func record(_ x: Double) {
        if x.isNaN { nanCount &+= 1; return }
        if x.isInfinite {
            if x > 0 { positiveInfinityCount &+= 1 } else { negativeInfinityCount &+= 1 }
            return
        }
        sum += x
        sumOfSquares += x * x
        if x < min { min = x }
        if x > max { max = x }
        let magnitude = x.magnitude
        if magnitude <= zeroThreshold { zeroCount &+= 1; return }
        addBucket(1, at: mapping.index(ofPositive: magnitude), negative: x.sign == .minus)
    }

    /// Records every value of the array (see `record(contentsOf:)` on a buffer).
    public mutating func record(contentsOf values: [Float]) {
        values.withUnsafeBufferPointer { record(contentsOf: $0) }
    }

    /// Records every value of the array.
    public mutating func record(contentsOf values: [Double]) {
        for x in values { record(x) }
    }
}
