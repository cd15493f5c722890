extension Snapshots {
    static let stackedHistogram = ""
}
