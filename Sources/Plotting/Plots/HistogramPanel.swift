/// One run's histograms for a panel of a histogram plot (several panels compare runs).
public struct HistogramPanel: Sendable {
    public var title: String?
    public var slices: [HistogramSlice]
    public init(title: String? = nil, slices: [HistogramSlice]) {
        self.title = title
        self.slices = slices.sorted { $0.step < $1.step }
    }
}

/// Annotation text for NaN and ∞ counts ("" when there are none).
func nonFiniteNote(nanCount: Double, infCount: Double) -> String {
    var parts: [String] = []
    if nanCount > 0 { parts.append("NaN \(TickFormat.compact(nanCount))") }
    if infCount > 0 { parts.append("∞ \(TickFormat.compact(infCount))") }
    return parts.joined(separator: ", ")
}
