extension ExponentialHistogram {
    /// The most buckets one sign may span: 2^15 (256 KiB of counts). Recording or merging
    /// that would span more first downscales the whole histogram, as OpenTelemetry's
    /// exponential histogram does, so memory stays bounded whatever the values' range (at
    /// scale 3 every `Float` fits, 2 216 buckets; at scale 20 a range of 1e−9…1e2 would need
    /// 3.8·10⁷ buckets and is kept at scale 9 instead). Downscaling is exact (see
    /// `downscaled(by:)`); only resolution is lost.
    public static let maxBucketSpan = 1 << 15

    /// Adds `n` to bucket `index` of one sign, downscaling first if the span would exceed
    /// `maxBucketSpan`.
    mutating func addBucket(_ n: UInt64, at index: Int, negative isNegative: Bool) {
        addBuckets(BucketCounts(offset: index, counts: [n]), negative: isNegative)
    }

    /// Adds a run of buckets (at this histogram's scale) to one sign, downscaling both first
    /// if the union would span more than `maxBucketSpan` buckets.
    mutating func addBuckets(_ run: BucketCounts, negative isNegative: Bool) {
        guard let span = run.nonZeroSpan else { return }
        let k = downscaleNeeded(toInclude: span, negative: isNegative)
        let run = k > 0 ? run.downscaled(by: k) : run
        if k > 0 { self = downscaled(by: k) }
        if isNegative { negative.add(run) } else { positive.add(run) }
    }

    /// The smallest `k ≥ 0` such that, at scale `scale − k`, one sign's buckets together
    /// with `span` cover at most `maxBucketSpan` buckets (bounded by the coarsest scale).
    func downscaleNeeded(toInclude span: ClosedRange<Int>, negative isNegative: Bool) -> Int {
        // The stored run (zero padding included) bounds the non-zero span: when it and `span`
        // fit together, so does the union, with no scan of the padding on every recorded value.
        if (isNegative ? negative : positive).room(toCover: span) != nil { return 0 }
        let existing = (isNegative ? negative : positive).nonZeroSpan
        let low = Swift.min(span.lowerBound, existing?.lowerBound ?? span.lowerBound)
        let high = Swift.max(span.upperBound, existing?.upperBound ?? span.upperBound)
        var k = 0
        let coarsest = scale - Self.supportedScales.lowerBound
        while k < coarsest && (high >> k) - (low >> k) >= Self.maxBucketSpan { k += 1 }
        return k
    }
}
