import Histograms

/// The distribution of gradient magnitudes |g| at one step, as the plots consume it: a step
/// and Histograms' `MagnitudeHistogram`, whose members it exposes (`slice.edges`,
/// `slice.counts`, `slice.zeroCount`, …). All the maths (folding, merging, rebinning,
/// quantiles) lives in Histograms; the plots only decide how to show it.
@dynamicMemberLookup
public struct HistogramSlice: Sendable, Hashable {
    public var step: Int
    public var magnitudes: MagnitudeHistogram

    public init(step: Int, magnitudes: MagnitudeHistogram) {
        self.step = step
        self.magnitudes = magnitudes
    }

    public subscript<Value>(dynamicMember keyPath: WritableKeyPath<MagnitudeHistogram, Value>) -> Value {
        get { magnitudes[keyPath: keyPath] }
        set { magnitudes[keyPath: keyPath] = newValue }
    }

    public subscript<Value>(dynamicMember keyPath: KeyPath<MagnitudeHistogram, Value>) -> Value {
        magnitudes[keyPath: keyPath]
    }

    /// A slice from explicit magnitude buckets (see `MagnitudeHistogram.init(edges:…)`);
    /// throws `PlotError.invalidArgument` naming the step.
    public init(step: Int, edges: [Double], counts: [Double], zeroCount: Double = 0, nanCount: Double = 0,
                infCount: Double = 0, exponentialScale: Int? = nil, exponentialOffset: Int? = nil,
                hasLinearBuckets: Bool = false) throws {
        try self.init(step: step) {
            try MagnitudeHistogram(edges: edges, counts: counts, zeroCount: zeroCount, nanCount: nanCount,
                                   infCount: infCount, exponentialScale: exponentialScale,
                                   exponentialOffset: exponentialOffset, hasLinearBuckets: hasLinearBuckets)
        }
    }

    /// The magnitudes of an exponential histogram at full resolution (`MagnitudeHistogram.init(_:)`).
    public init(step: Int, histogram: ExponentialHistogram) {
        self.init(step: step, magnitudes: MagnitudeHistogram(histogram))
    }

    /// A foreign histogram of signed values folded onto |g|
    /// (`MagnitudeHistogram.init(signedEdges:counts:linearBuckets:)`).
    public init(step: Int, signedEdges: [Double], counts: [Double], linearBuckets: Bool = false) throws {
        try self.init(step: step) { try MagnitudeHistogram(signedEdges: signedEdges, counts: counts, linearBuckets: linearBuckets) }
    }

    private init(step: Int, _ make: () throws -> MagnitudeHistogram) throws {
        do { self.init(step: step, magnitudes: try make()) } catch {
            throw PlotError.invalidArgument("histogram at step \(step): \(error)")
        }
    }

    /// The sum of slices that share a bucket grid (`MagnitudeHistogram.merged`), carrying the
    /// step of the first, or nil when they do not share one.
    public static func merged(_ slices: [HistogramSlice]) -> HistogramSlice? {
        guard let first = slices.first, let sum = MagnitudeHistogram.merged(slices.map(\.magnitudes)) else { return nil }
        return HistogramSlice(step: first.step, magnitudes: sum)
    }
}
