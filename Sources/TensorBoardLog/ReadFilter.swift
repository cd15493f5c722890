/// What a read keeps: scalar and histogram tags, and whether the run configuration
/// (hparams) is read. Records holding nothing the filter wants are skipped without decoding
/// their protobuf payload, but their framing (length, length CRC and data CRC) is still
/// checked, so damage in a skipped record is still a warning (see `EventDecoder`).
public struct ReadFilter: Sendable {
    /// The scalar tags to keep.
    public var scalars: TagSelection
    /// The histogram tags to keep.
    public var histograms: TagSelection
    /// Whether hparams values (the run configuration) are read.
    public var configuration: Bool

    public init(scalars: TagSelection = .none, histograms: TagSelection = .none, configuration: Bool = false) {
        self.scalars = scalars
        self.histograms = histograms
        self.configuration = configuration
    }

    /// Every value of every kind (the default of every reader).
    public static let everything = ReadFilter(scalars: .all, histograms: .all, configuration: true)

    /// Only scalars, of `tags`.
    public static func scalars(_ tags: TagSelection = .all) -> ReadFilter { ReadFilter(scalars: tags) }

    /// Only histograms, of `tags`.
    public static func histograms(_ tags: TagSelection = .all) -> ReadFilter { ReadFilter(histograms: tags) }

    /// Whether the filter keeps everything (the reader then decodes every record in full).
    var isEverything: Bool {
        if case .all = scalars, case .all = histograms, configuration { return true }
        return false
    }

    /// Whether a value of `kind` with `tag` is kept.
    func wants(_ kind: ValueKind, tag: String) -> Bool {
        switch kind {
        case .scalar: scalars.contains(tag)
        case .histogram: histograms.contains(tag)
        case .configuration: configuration
        case .other: false
        }
    }

    /// What a summary value holds, as far as the filter is concerned.
    enum ValueKind {
        case scalar, histogram, configuration, other
    }
}

/// A set of tags: none, all, exact names, or those a predicate accepts (for example a
/// regular expression's match).
public enum TagSelection: Sendable {
    case none
    case all
    case named(Set<String>)
    case matching(@Sendable (String) -> Bool)

    /// Exactly these tags.
    public static func named(_ tags: String...) -> TagSelection { .named(Set(tags)) }

    /// The tags in which the regular expression `pattern` finds a match (anywhere in the
    /// tag); nil when `pattern` is not a regular expression.
    public static func containing(pattern: String) -> TagSelection? {
        guard let matcher = TagPatternMatcher(pattern) else { return nil }
        return .matching(matcher.matches)
    }

    public func contains(_ tag: String) -> Bool {
        switch self {
        case .none: false
        case .all: true
        case .named(let names): names.contains(tag)
        case .matching(let predicate): predicate(tag)
        }
    }
}
