import TensorBoardLog

/// The diagnosis of one run: which series it read and what it found.
public struct RunDiagnosis: Sendable {
    /// The run's name relative to its logdir.
    public var run: String
    /// The scalar tag read as the loss (nil when the run has none).
    public var lossTag: String?
    /// The histogram tags read as gradients, sorted.
    public var gradTags: [String]
    /// The findings, most severe first.
    public var findings: [Finding]

    public init(run: String, lossTag: String?, gradTags: [String], findings: [Finding]) {
        self.run = run
        self.lossTag = lossTag
        self.gradTags = gradTags
        self.findings = findings
    }
}

/// Which series a diagnosis reads.
public struct DiagnosisOptions: Sendable {
    /// A regular expression that a gradient histogram tag must match (anywhere in the
    /// tag). Nil: every histogram tag containing `grad`, case-insensitively.
    public var gradTagPattern: String?
    /// The scalar tag of the loss. Nil: the tag whose last path component contains
    /// `loss`, with `loss` itself preferred.
    public var lossTag: String?

    public init(gradTagPattern: String? = nil, lossTag: String? = nil) {
        self.gradTagPattern = gradTagPattern
        self.lossTag = lossTag
    }

    /// The gradient histogram tags: those matching `gradTagPattern` (none when it is not a
    /// regular expression), else those containing `grad` in any case.
    public var gradientTags: TagSelection {
        guard let gradTagPattern else { return .matching { $0.lowercased().contains("grad") } }
        return TagSelection.containing(pattern: gradTagPattern) ?? .none
    }

    /// What a diagnosis reads of a run: the gradient histograms, every scalar (loss, learning
    /// rate, ρt…; scalars are small) and the configuration.
    public var readFilter: ReadFilter {
        ReadFilter(scalars: .all, histograms: gradientTags, configuration: true)
    }
}
