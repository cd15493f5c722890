/// Streams the `LogEvent`s of a run's event files (or of a single file), one record at a
/// time: memory stays bounded by what the caller keeps.
///
/// Files are read in the given order with one `EventDecoder`, so a tag's plugin metadata
/// seen in an earlier file still applies in later ones. Damage and undecodable records
/// are collected in `warnings`; a file that cannot be opened is a warning too.
public final class EventReader: Sequence, IteratorProtocol {
    /// The event files, in reading order.
    public let files: [String]
    /// Problems met so far, file by file (within a file, undecodable records as they are met,
    /// then framing damage).
    public var warnings: [LogWarning] { finishedWarnings + (records?.warnings ?? []) }

    private var decoder = EventDecoder()
    private var fileIndex = 0
    private var records: TFRecordReader?
    private var finishedWarnings: [LogWarning] = []

    /// Reads `files` in this order.
    public init(files: [String]) {
        self.files = files
    }

    /// Reads the files of `run` in name order.
    public convenience init(run: RunLocation) {
        self.init(files: run.files)
    }

    /// The next event, or nil after the last file.
    public func next() -> LogEvent? {
        while true {
            if let reader = records {
                while let record = reader.next() {
                    if let event = decoder.decode(record, file: reader.path, warnings: &finishedWarnings) {
                        return event
                    }
                }
                finishedWarnings.append(contentsOf: reader.warnings)
                records = nil
            }
            guard fileIndex < files.count else { return nil }
            let path = files[fileIndex]
            fileIndex += 1
            do {
                records = try TFRecordReader(path: path)
            } catch {
                finishedWarnings.append(LogWarning(file: path, offset: 0, message: "\(error)"))
            }
        }
    }
}
