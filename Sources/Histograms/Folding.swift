/// Folding signed buckets onto magnitudes |x|: exactly by bucket index for exponential
/// histograms, by cutting at every edge for foreign buckets.
extension ExponentialHistogram {
    /// The histogram of `|x|`: negative buckets folded into the positive ones, −∞ into +∞;
    /// `max` and `sumOfSquares` are exact; `sum` is exact when no negative value was recorded
    /// and NaN otherwise; `min` is exact unless both signs were recorded (and no zero), when it
    /// is the lower boundary of the smallest non-empty bucket.
    public var magnitudes: ExponentialHistogram {
        let noNegatives = negative.isEmpty && !(min < 0)
        var folded = positive
        folded.add(negative)
        let largest = Swift.max(max.magnitude, min.magnitude)
        let smallestFinite: Double = {
            if zeroCount > 0 { return 0 }
            if min >= 0 { return min }
            if max <= 0 { return max.magnitude }
            // Signs on both sides: the smallest |x| is only known to its bucket.
            return folded.nonZeroSpan.map { Self.lowerBoundary(ofBucket: $0.lowerBound, scale: scale) } ?? 0
        }()
        return ExponentialHistogram(scale: scale, zeroThreshold: zeroThreshold, positive: folded,
                                    negative: BucketCounts(), zeroCount: zeroCount, nanCount: nanCount,
                                    positiveInfinityCount: positiveInfinityCount &+ negativeInfinityCount,
                                    negativeInfinityCount: 0,
                                    sum: noNegatives ? sum : .nan, sumOfSquares: sumOfSquares,
                                    min: finiteCount == 0 ? .infinity : smallestFinite,
                                    max: finiteCount == 0 ? -.infinity : largest)
    }
}

extension MagnitudeHistogram {
    /// Folds `counts` over the contiguous signed buckets `signedEdges` (`counts.count + 1`
    /// ascending edges) onto |x|.
    ///
    /// A bucket `[l, r]` on one side of zero maps to `[l, r]` or `[−r, −l]`; a bucket
    /// straddling zero is split in proportion to its parts, `(−l)/(r−l)` of its count onto
    /// `[0, −l]` and `r/(r−l)` onto `[0, r]` (such a bucket holds its values uniformly in x,
    /// see `BucketMeasure`). A zero-width bucket at 0 counts as zeros; one elsewhere becomes
    /// a bucket one ulp wide. The overlapping magnitude intervals are then cut at every edge
    /// and each count spread over the pieces in proportion to length, so symmetric buckets
    /// (TensorFlow's ±1e−12·1.1ᵏ, or the two signs of an exponential histogram) fold exactly
    /// onto one set of buckets. NaN and ±∞ are not in foreign buckets; their counters stay 0.
    /// Throws `HistogramError.invalidBuckets` for mismatched sizes, edges that are not
    /// finite or not ascending, and counts that are not finite.
    public init(signedEdges: [Double], counts: [Double], linearBuckets: Bool = false) throws(HistogramError) {
        guard signedEdges.count == counts.count + 1 || (signedEdges.isEmpty && counts.isEmpty) else {
            throw .invalidBuckets("\(signedEdges.count) edges for \(counts.count) buckets")
        }
        var intervals: [(lo: Double, hi: Double, count: Double)] = []
        var zeros = 0.0
        for (i, c) in counts.enumerated() where c > 0 {
            let l = signedEdges[i], r = signedEdges[i + 1]
            guard l.isFinite, r.isFinite, l <= r, c.isFinite else {
                throw .invalidBuckets("bucket \(i) has bad edges \(l)…\(r) or count \(c)")
            }
            if l == r {
                if l == 0 { zeros += c } else { intervals.append((abs(l), abs(l).nextUp, c)) }
            } else if l >= 0 {
                intervals.append((l, r, c))
            } else if r <= 0 {
                intervals.append((-r, -l, c))
            } else {
                intervals.append((0, -l, c * (-l) / (r - l)))
                intervals.append((0, r, c * r / (r - l)))
            }
        }
        let cuts = Array(Set(intervals.flatMap { [$0.lo, $0.hi] })).sorted()
        var folded = [Double](repeating: 0, count: Swift.max(cuts.count - 1, 0))
        for interval in intervals {
            var k = cuts.partitioningIndex { $0 >= interval.lo }
            while k < folded.count && cuts[k] < interval.hi {
                folded[k] += interval.count * (cuts[k + 1] - cuts[k]) / (interval.hi - interval.lo)
                k += 1
            }
        }
        self.init(checkedEdges: cuts.count >= 2 ? cuts : [], counts: cuts.count >= 2 ? folded : [],
                  zeroCount: zeros, nanCount: 0, infCount: 0, exponentialScale: nil, exponentialOffset: nil,
                  hasLinearBuckets: linearBuckets)
    }
}
