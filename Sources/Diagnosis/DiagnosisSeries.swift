import TensorBoardLog

/// The series of a run that the detectors read, chosen by `DiagnosisOptions`.
///
/// - Gradients: the histogram tags that contain `grad` (case-insensitively), or those
///   that match `gradTagPattern`.
/// - Loss: `lossTag`, or else the scalar tag whose last path component contains `loss`
///   (case-insensitively), preferring `loss` itself, then a last component equal to
///   `loss`, then the first such tag in sorted order.
struct DiagnosisSeries {
    let run: RunData
    let gradTags: [String]
    let lossTag: String?
    /// The statistics of every gradient histogram, by tag, in file order.
    private let statisticsByTag: [String: [GradientStatistics]]

    init(_ run: RunData, options: DiagnosisOptions) {
        self.run = run
        gradTags = run.histogramTags.filter(options.gradientTags.contains)
        lossTag = options.lossTag.map { run.scalars[$0] == nil ? nil : $0 } ?? Self.lossTag(in: run.scalarTags)
        var statistics: [String: [GradientStatistics]] = [:]
        for tag in gradTags { statistics[tag] = (run.histograms[tag] ?? []).map(GradientStatistics.init) }
        statisticsByTag = statistics
    }

    /// The statistics of a gradient tag's histograms in file order.
    func statistics(_ tag: String) -> [GradientStatistics] { statisticsByTag[tag] ?? [] }

    var configuration: RunConfiguration { run.configuration }

    /// Every step at which the run logged the loss or a gradient histogram, ascending.
    var steps: [Int64] {
        var steps = Set(loss.map(\.step))
        if let tag = allGradientsTag ?? gradTags.first { steps.formUnion(statistics(tag).map(\.step)) }
        return steps.sorted()
    }

    /// Whether the learning rate warms up: the configuration records warmup steps, or an
    /// `lr` scalar (last component `lr` or `learning_rate`) starts below half its median.
    var warmsUp: Bool {
        if let warmup = configuration.number("warmup"), warmup > 0 { return true }
        guard let tag = run.scalarTags.first(where: { ["lr", "learning_rate"].contains(Self.lastComponent($0).lowercased()) }),
              let lr = run.scalars[tag], let first = lr.first?.value, first.isFinite else { return false }
        return first < 0.5 * RunningMedian.median(lr.map(\.value).filter(\.isFinite))
    }

    /// The loss in step order (empty without a loss tag).
    var loss: [ScalarPoint] { lossTag.flatMap { run.scalars[$0] } ?? [] }

    /// The histograms of a gradient tag in file order.
    func histograms(_ tag: String) -> [HistogramPoint] { run.histograms[tag] ?? [] }

    /// The gradient tag that stands for all parameters together: the one whose last path
    /// component contains `all`, preferring `grad/abs_all`; else the only gradient tag;
    /// else nil.
    var allGradientsTag: String? {
        if gradTags.contains("grad/abs_all") { return "grad/abs_all" }
        if let all = gradTags.first(where: { Self.lastComponent($0).lowercased().contains("all") }) { return all }
        return gradTags.count == 1 ? gradTags[0] : nil
    }

    /// The gradient tags of single tensors: every gradient tag but `allGradientsTag`.
    var tensorTags: [String] {
        let all = allGradientsTag
        return gradTags.filter { $0 != all }
    }

    static func lossTag(in tags: [String]) -> String? {
        let candidates = tags.filter { lastComponent($0).lowercased().contains("loss") }
        if candidates.contains("loss") { return "loss" }
        return candidates.first { lastComponent($0).lowercased() == "loss" } ?? candidates.first
    }

    static func lastComponent(_ tag: String) -> Substring {
        tag.split(separator: "/", omittingEmptySubsequences: false).last ?? Substring(tag)
    }
}
