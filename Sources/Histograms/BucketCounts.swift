/// A dense run of bucket counts: `counts[i]` is the count of bucket `offset + i`.
///
/// Buckets outside the run have count zero. Two runs are equal when they hold the same
/// non-zero counts at the same bucket indices, whatever zero padding either carries.
public struct BucketCounts: Sendable, Codable {
    /// Index of the bucket counted by `counts[0]`.
    public var offset: Int
    /// Counts of buckets `offset`, `offset + 1`, … `offset + counts.count - 1`.
    public var counts: [UInt64]

    public init(offset: Int = 0, counts: [UInt64] = []) {
        self.offset = offset
        self.counts = counts
    }

    /// Sum of all counts.
    public var total: UInt64 { counts.reduce(0, &+) }

    /// Whether every bucket is zero.
    public var isEmpty: Bool { counts.allSatisfy { $0 == 0 } }

    /// Bucket indices covered by the stored run (zeros included).
    public var indices: Range<Int> { offset ..< offset + counts.count }

    /// Count of bucket `index`; zero outside the stored run.
    public subscript(index: Int) -> UInt64 {
        indices.contains(index) ? counts[index - offset] : 0
    }

    /// Adds `n` to bucket `index`, growing the run if needed.
    public mutating func add(_ n: UInt64, at index: Int) {
        guard n > 0 else { return }
        reserve(index ... index)
        counts[index - offset] &+= n
    }

    /// Adds every bucket of `other` into this run.
    public mutating func add(_ other: BucketCounts) {
        guard let span = other.nonZeroSpan else { return }
        reserve(span)
        for index in span { counts[index - offset] &+= other.counts[index - other.offset] }
    }

    /// Grows the stored run so that it covers `span`, with some zero padding on the side
    /// that grows (half the current length, at least 8) so that growth stays amortized, but
    /// not past `ExponentialHistogram.maxBucketSpan` buckets in all: a run that would pass
    /// it is first trimmed of its zero padding, so that a histogram near its limit keeps a
    /// stored run no longer than the limit (and `downscaleNeeded` need not scan it).
    mutating func reserve(_ span: ClosedRange<Int>) {
        guard !covers(span) else { return }
        if !counts.isEmpty && room(toCover: span) == nil { self = trimmed() }
        if counts.isEmpty {
            offset = span.lowerBound
            counts = Array(repeating: 0, count: span.count)
            return
        }
        let end = offset + counts.count - 1
        let padding = Swift.min(Swift.max(8, counts.count / 2), room(toCover: span) ?? .max)
        let low = span.lowerBound < offset ? Swift.max(span.lowerBound, Int.min + padding) - padding : offset
        let high = span.upperBound > end ? Swift.min(span.upperBound, Int.max - padding) + padding : end
        var grown = Array(repeating: UInt64(0), count: high - low + 1)
        for i in counts.indices { grown[offset - low + i] = counts[i] }
        offset = low
        counts = grown
    }

    /// Whether the stored run already holds every bucket of `span`.
    private func covers(_ span: ClosedRange<Int>) -> Bool {
        !counts.isEmpty && span.lowerBound >= offset && span.upperBound <= offset + counts.count - 1
    }

    /// How many buckets the stored run (zero padding included) could grow by, beyond
    /// covering `span`, and stay within `ExponentialHistogram.maxBucketSpan`; nil when it is
    /// empty or covering `span` alone passes the limit.
    func room(toCover span: ClosedRange<Int>) -> Int? {
        guard !counts.isEmpty else { return nil }
        let (width, overflow) = Swift.max(offset + counts.count - 1, span.upperBound)
            .subtractingReportingOverflow(Swift.min(offset, span.lowerBound))
        return overflow || width >= ExponentialHistogram.maxBucketSpan ? nil : ExponentialHistogram.maxBucketSpan - width - 1
    }

    /// Indices of the first and last non-zero buckets, or nil when all are zero.
    public var nonZeroSpan: ClosedRange<Int>? {
        guard let first = counts.firstIndex(where: { $0 != 0 }),
              let last = counts.lastIndex(where: { $0 != 0 }) else { return nil }
        return (offset + first) ... (offset + last)
    }

    /// The same counts without leading or trailing zero buckets (empty run at offset 0 when all zero).
    public func trimmed() -> BucketCounts {
        guard let span = nonZeroSpan else { return BucketCounts() }
        return BucketCounts(offset: span.lowerBound,
                            counts: Array(counts[(span.lowerBound - offset) ... (span.upperBound - offset)]))
    }

    /// Counts at a scale `k` steps coarser: bucket `i` moves to bucket `i >> k`
    /// (arithmetic shift, so negative indices round toward −∞), merging `2^k` neighbours.
    public func downscaled(by k: Int) -> BucketCounts {
        guard k > 0, let span = nonZeroSpan else { return k > 0 ? BucketCounts() : self }
        let shift = Swift.min(k, Int.bitWidth - 1)
        let low = span.lowerBound >> shift
        var merged = Array(repeating: UInt64(0), count: (span.upperBound >> shift) - low + 1)
        for index in span { merged[(index >> shift) - low] &+= counts[index - offset] }
        return BucketCounts(offset: low, counts: merged)
    }

    /// Non-zero buckets as `(index, count)`, ascending.
    public var nonZeroBuckets: [(index: Int, count: UInt64)] {
        counts.indices.compactMap { counts[$0] == 0 ? nil : (offset + $0, counts[$0]) }
    }
}

extension BucketCounts: Equatable {
    public static func == (lhs: BucketCounts, rhs: BucketCounts) -> Bool {
        let a = lhs.trimmed(), b = rhs.trimmed()
        return a.offset == b.offset && a.counts == b.counts
    }
}
