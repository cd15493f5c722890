import Diagnosis
import Foundation

/// The readable table of `gradscope diagnose`.
enum DiagnosisTable {
    static func text(_ diagnosis: RunDiagnosis) -> String {
        var lines = ["run \(diagnosis.run)",
                     "  loss: \(diagnosis.lossTag ?? "none")",
                     "  gradients: " + tagList(diagnosis.gradTags)]
        guard !diagnosis.findings.isEmpty else { return (lines + ["  no findings"]).joined(separator: "\n") }
        for finding in diagnosis.findings {
            let steps = finding.stepRangeText
            lines.append("  " + [finding.severity.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0),
                                 finding.kind.rawValue.padding(toLength: 22, withPad: " ", startingAt: 0),
                                 finding.tag ?? "(run)", steps].filter { !$0.isEmpty }.joined(separator: "  "))
            lines.append("      " + finding.summary)
            for evidence in finding.evidence {
                lines.append("      · \(evidence.description): \(evidence.value.text)")
            }
            lines.append("      remedy: " + finding.remedy)
        }
        return lines.joined(separator: "\n")
    }

    static func tagList(_ tags: [String]) -> String {
        guard !tags.isEmpty else { return "none" }
        let shown = tags.count <= 6 ? tags : Array(tags.prefix(5))
        return shown.joined(separator: ", ") + (tags.count > shown.count ? ", … (\(tags.count) tags)" : "")
    }
}

/// The JSON document of `gradscope diagnose --json`:
/// `{"runs":[{"run","loss_tag","grad_tags":[…],"findings":[{"kind","severity","tag",
/// "first_step","last_step","evidence":{name: value},"remedy"}]}]}`. Absent values are
/// `null`; non-finite numbers are the strings "nan", "inf" and "-inf".
enum DiagnosisJSON {
    static func text(_ diagnoses: [RunDiagnosis]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: try encoder.encode(["runs": diagnoses.map(Run.init)]), as: UTF8.self)
    }

    struct Run: Encodable {
        var diagnosis: RunDiagnosis
        enum Keys: String, CodingKey { case run, lossTag = "loss_tag", gradTags = "grad_tags", findings }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(diagnosis.run, forKey: .run)
            try c.encode(diagnosis.lossTag, forKey: .lossTag)
            try c.encode(diagnosis.gradTags, forKey: .gradTags)
            try c.encode(diagnosis.findings.map(FindingJSON.init), forKey: .findings)
        }
    }

    struct FindingJSON: Encodable {
        var finding: Finding
        enum Keys: String, CodingKey {
            case kind, severity, tag, firstStep = "first_step", lastStep = "last_step", evidence, remedy
        }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(finding.kind.rawValue, forKey: .kind)
            try c.encode(finding.severity.rawValue, forKey: .severity)
            try c.encode(finding.tag, forKey: .tag)
            try c.encode(finding.firstStep, forKey: .firstStep)
            try c.encode(finding.lastStep, forKey: .lastStep)
            try c.encode(EvidenceJSON(evidence: finding.evidence), forKey: .evidence)
            try c.encode(finding.remedy, forKey: .remedy)
        }
    }

    struct EvidenceJSON: Encodable {
        var evidence: [Evidence]
        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            for item in evidence {
                let key = Key(stringValue: item.name)
                switch item.value {
                case .number(let x): try c.encode(x, forKey: key)
                case .steps(let steps): try c.encode(steps, forKey: key)
                case .text(let s): try c.encode(s, forKey: key)
                }
            }
        }
    }
}
