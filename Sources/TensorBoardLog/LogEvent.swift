/// One decoded event of an event file: the values of a summary we understand, with
/// the event's step and wall time.
public struct LogEvent: Sendable, Equatable {
    /// Offset of the event's record in its file.
    public var offset: Int
    /// Seconds since 1970 (float64, as written).
    public var wallTime: Double
    public var step: Int64
    /// Set on the first event of a file ("brain.Event:2").
    public var fileVersion: String?
    /// The scalar and histogram values of the event's summary, in order; values of other
    /// kinds (images, audio, text, graphs…) are left out.
    public var values: [LogValue]
    /// The run configuration that the event records (hparams plugin's session start), if any.
    public var configuration: RunConfiguration?

    public init(offset: Int, wallTime: Double, step: Int64, fileVersion: String? = nil, values: [LogValue]) {
        self.offset = offset
        self.wallTime = wallTime
        self.step = step
        self.fileVersion = fileVersion
        self.values = values
    }
}

/// A tagged value of a summary.
public struct LogValue: Sendable, Equatable {
    public var tag: String
    public var content: Content

    /// What a value holds.
    public enum Content: Sendable, Equatable {
        /// `simple_value`, or a rank-0 float/double tensor.
        case scalar(Double)
        case histogram(HistogramValue)
    }

    public init(tag: String, content: Content) {
        self.tag = tag
        self.content = content
    }
}
