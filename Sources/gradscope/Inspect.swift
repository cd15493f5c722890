import ArgumentParser
import Diagnosis
import Foundation
import TensorBoardLog

/// `gradscope inspect`: what a logdir holds, and how its histograms look at a few steps.
struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List a logdir's runs and tags, with a summary of each histogram tag.",
        discussion: """
            For each histogram tag, one line per sampled step gives the median and the 1st \
            and 99th percentiles of |x| and the zero, NaN and Inf counts (for PyTorch's \
            histograms, which drop NaN and Inf from their buckets, NaN+Inf is num − Σ bucket). \
            Steps are sampled \
            at positions 1, 10, 100, … of the series and at its last step.
            """)

    @Argument(help: "A logdir, a run directory or a single event file.")
    var logdir: String

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func run() throws {
        let runs = try LoadedRuns(logdirs: [logdir]).data.map(RunReport.init)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            encoder.nonConformingFloatEncodingStrategy = .convertToString(
                positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
            print(String(decoding: try encoder.encode(["runs": runs]), as: UTF8.self))
        } else {
            print(runs.map(\.text).joined(separator: "\n\n"))
        }
    }
}

/// What `inspect` says about one run.
struct RunReport: Encodable {
    var run: String
    var warnings: [String]
    var tags: [TagReport]

    init(_ data: RunData) {
        run = data.name
        warnings = data.warnings.map(\.description)
        tags = data.scalarTags.map { TagReport(tag: $0, scalars: data.scalars[$0]!) }
            + data.histogramTags.map { TagReport(tag: $0, histograms: data.histograms[$0]!) }
    }

    var text: String {
        var lines = ["run \(run)" + (warnings.isEmpty ? "" : "  (\(warnings.count) warnings)")]
        let width = tags.map(\.tag.count).max() ?? 0
        for tag in tags {
            lines.append("  " + [tag.kind.padding(toLength: 9, withPad: " ", startingAt: 0),
                                 tag.tag.padding(toLength: width, withPad: " ", startingAt: 0),
                                 "\(tag.steps) steps", "\(tag.firstStep)…\(tag.lastStep)"]
                .joined(separator: "  "))
            guard let summaries = tag.summaries else { continue }
            lines.append("      " + SummaryLine.header)
            lines += summaries.map { "      " + $0.text }
        }
        return lines.joined(separator: "\n")
    }
}

/// One tag of a run.
struct TagReport: Encodable {
    var tag: String
    var kind: String
    var steps: Int
    var firstStep: Int64
    var lastStep: Int64
    var summaries: [SummaryLine]?

    enum CodingKeys: String, CodingKey {
        case tag, kind, steps, summaries
        case firstStep = "first_step", lastStep = "last_step"
    }

    init(tag: String, scalars: [ScalarPoint]) {
        self.tag = tag
        kind = "scalar"
        steps = scalars.count
        firstStep = scalars.first?.step ?? 0
        lastStep = scalars.last?.step ?? 0
    }

    init(tag: String, histograms: [HistogramPoint]) {
        self.tag = tag
        kind = "histogram"
        steps = histograms.count
        firstStep = histograms.first?.step ?? 0
        lastStep = histograms.last?.step ?? 0
        summaries = Self.samplePositions(count: histograms.count).map {
            SummaryLine(step: histograms[$0].step, MagnitudeSummary(histograms[$0].histogram))
        }
    }

    /// Positions 0, 9, 99, 999, … below `count`, and the last one.
    static func samplePositions(count: Int) -> [Int] {
        guard count > 0 else { return [] }
        var positions: [Int] = []
        var next = 1
        while next <= count {
            positions.append(next - 1)
            next *= 10
        }
        if positions.last != count - 1 { positions.append(count - 1) }
        return positions
    }
}

/// The summary of one histogram, as a table row or JSON object.
struct SummaryLine: Encodable {
    var step: Int64
    var summary: MagnitudeSummary

    init(step: Int64, _ summary: MagnitudeSummary) {
        self.step = step
        self.summary = summary
    }

    enum CodingKeys: String, CodingKey {
        case step, p01 = "p01_abs", median = "median_abs", p99 = "p99_abs"
        case zeros = "zero_count", nan = "nan_count"
        case positiveInfinity = "pos_inf_count", negativeInfinity = "neg_inf_count"
        case nonFinite = "non_finite_count"
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(step, forKey: .step)
        try container.encode(summary.p01, forKey: .p01)
        try container.encode(summary.median, forKey: .median)
        try container.encode(summary.p99, forKey: .p99)
        try container.encode(summary.zeroCount, forKey: .zeros)
        try container.encode(summary.nanCount, forKey: .nan)
        try container.encode(summary.positiveInfinityCount, forKey: .positiveInfinity)
        try container.encode(summary.negativeInfinityCount, forKey: .negativeInfinity)
        try container.encode(summary.nonFiniteCount, forKey: .nonFinite)
    }

    static let header = columns(["step", "median|x|", "p1|x|", "p99|x|", "zeros", "NaN", "Inf", "NaN+Inf"])

    /// Cells padded to a fixed width, without trailing blanks.
    static func columns(_ cells: [String]) -> String {
        let padded = cells.dropLast().map { $0.padding(toLength: 10, withPad: " ", startingAt: 0) }
        return (padded + [cells.last ?? ""]).joined(separator: " ")
    }

    var text: String {
        let infinities: Double? = summary.positiveInfinityCount.map { $0 + (summary.negativeInfinityCount ?? 0) }
        return Self.columns([String(step), Self.number(summary.median), Self.number(summary.p01),
                             Self.number(summary.p99), Self.count(summary.zeroCount),
                             Self.count(summary.nanCount), Self.count(infinities), Self.count(summary.nonFiniteCount)])
    }

    private static func number(_ x: Double?) -> String {
        guard let x else { return "—" }
        return String(format: "%.3g", x)
    }

    private static func count(_ x: Double?) -> String {
        guard let x else { return "—" }
        return String(format: "%.0f", x)
    }
}
