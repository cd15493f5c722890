/// One problem that a detector found in a run, with the evidence that shows it and what to
/// do about it.
public struct Finding: Sendable, Equatable {
    /// What was found. The raw values are the names used by `--fail-on` and in JSON.
    public enum Kind: String, CaseIterable, Sendable {
        case warmupPathology = "warmup-pathology"
        case vanishing
        case exploding
        case nanInf = "nan-inf"
        case deadParameters = "dead-parameters"
        case rectification
        case adaptiveStepVariance = "adaptive-step-variance"
    }

    /// How much the finding matters, in increasing order.
    public enum Severity: String, Sendable, Comparable, CaseIterable {
        /// Worth knowing; the run may be fine.
        case info
        /// Likely hurts training.
        case warning
        /// The run is broken.
        case critical

        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }

        private var rank: Int {
            switch self {
            case .info: 0
            case .warning: 1
            case .critical: 2
            }
        }
    }

    public var kind: Kind
    public var severity: Severity
    /// The tag the finding is about (nil when it concerns the run as a whole).
    public var tag: String?
    /// The first and last step the finding covers.
    public var firstStep: Int64?
    public var lastStep: Int64?
    /// The values that show it, in the order a reader should see them.
    public var evidence: [Evidence]
    /// One line for people.
    public var summary: String
    /// What to do.
    public var remedy: String

    public init(kind: Kind, severity: Severity, tag: String? = nil, firstStep: Int64? = nil, lastStep: Int64? = nil,
                evidence: [Evidence], summary: String, remedy: String) {
        self.kind = kind
        self.severity = severity
        self.tag = tag
        self.firstStep = firstStep
        self.lastStep = lastStep
        self.evidence = evidence
        self.summary = summary
        self.remedy = remedy
    }
}

/// A named value that backs a finding, with a one-line description for people.
public struct Evidence: Sendable, Equatable {
    /// What the evidence holds.
    public enum Value: Sendable, Equatable {
        case number(Double)
        case steps([Int64])
        case text(String)
    }

    /// A stable identifier (the key in JSON), such as `collapse_decades`.
    public var name: String
    public var value: Value
    /// One line for people, such as "decades by which the median |g| fell".
    public var description: String

    public init(_ name: String, _ value: Value, _ description: String) {
        self.name = name
        self.value = value
        self.description = description
    }
}
