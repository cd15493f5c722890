/// Streams the `LogEvent`s of a run's event files (or of a single file), one record at a
/// time: memory stays bounded by what the caller keeps.
///
/// Files are read in the given order with one `EventDecoder`, so a tag's plugin metadata
/// seen in an earlier file still applies in later ones. Damage and undecodable records
/// are collected in `warnings`; a file that cannot be opened is a warning too.
///
/// `filter` says which values to return (see `ReadFilter` and `EventDecoder`): records
/// holding none of them are skipped unparsed, yet still framed and CRC-checked.
public final class EventReader: Sequence, IteratorProtocol {
    /// The event files, in reading order.
    public let files: [String]
    /// The values returned.
    public let filter: ReadFilter
    /// Problems met so far, file by file (within a file, undecodable records as they are met,
    /// then framing damage).
    public var warnings: [LogWarning] { finishedWarnings + (records?.warnings ?? []) }

    private var decoder = EventDecoder()
    private var fileIndex = 0
    private var records: TFRecordReader?
    private var finishedWarnings: [LogWarning] = []

    /// Reads the values of `files` that `filter` wants, files in this order.
    public init(files: [String], filter: ReadFilter = .everything) {
        self.files = files
        self.filter = filter
    }

    /// Reads the files of `run` in name order.
    public convenience init(run: RunLocation, filter: ReadFilter = .everything) {
        self.init(files: run.files, filter: filter)
    }

    /// The next event, or nil after the last file.
    public func next() -> LogEvent? {
        while true {
            if let reader = records {
                while let decoded = reader.nextRecord({ offset, bytes in
                    decoder.decode(bytes, offset: offset, file: reader.path, filter: filter, warnings: &finishedWarnings)
                }) {
                    if let event = decoded { return event }
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
