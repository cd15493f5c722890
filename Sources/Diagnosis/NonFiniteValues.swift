/// NaN or ±Inf: the first step at which they appear in the loss or in a gradient
/// histogram (our NaN/Inf counters; `num − Σ bucket` in a foreign `HistogramProto`).
struct NonFiniteDetector {
    func findings(in series: DiagnosisSeries) -> [Finding] {
        var sources: [(step: Int64, tag: String, count: Double?)] = []
        if let tag = series.lossTag, let bad = series.loss.first(where: { !$0.value.isFinite }) {
            sources.append((bad.step, tag, nil))
        }
        for tag in series.gradTags {
            if let bad = series.statistics(tag).first(where: { ($0.nonFiniteCount ?? 0) > 0 }) {
                sources.append((bad.step, tag, bad.nonFiniteCount))
            }
        }
        guard let first = sources.min(by: { ($0.step, $0.tag) < ($1.step, $1.tag) }) else { return [] }
        let atFirst = sources.filter { $0.step == first.step }.map(\.tag).sorted()
        var evidence = [
            Evidence("first_step", .number(Double(first.step)), "first step with NaN or ±Inf"),
            Evidence("tags", .text(atFirst.joined(separator: ", ")), "tags with NaN or ±Inf at step \(first.step)"),
        ]
        if let count = first.count {
            evidence.append(Evidence("count", .number(count), "non-finite values in \(first.tag) at step \(first.step)"))
        }
        let what = first.tag == series.lossTag ? "the loss" : first.tag
        return [Finding(
            kind: .nanInf, severity: .critical, tag: first.tag, firstStep: first.step,
            lastStep: sources.map(\.step).max(), evidence: evidence,
            summary: "NaN or ±Inf first at step \(first.step) in \(what)",
            remedy: "lower the learning rate or clip the gradient norm; look for log(0), division by zero "
                + "or overflow in \(what) at step \(first.step), and for a larger ε in the optimizer")]
    }
}
