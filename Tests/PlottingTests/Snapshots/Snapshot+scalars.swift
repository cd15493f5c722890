extension Snapshots {
    static let scalars = ""
}
