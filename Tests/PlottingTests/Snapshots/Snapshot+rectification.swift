extension Snapshots {
    static let rectification = ""
}
