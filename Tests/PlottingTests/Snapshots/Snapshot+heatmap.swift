extension Snapshots {
    static let heatmap = ""
}
