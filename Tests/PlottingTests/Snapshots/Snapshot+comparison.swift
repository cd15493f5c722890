extension Snapshots {
    static let comparison = ""
}
