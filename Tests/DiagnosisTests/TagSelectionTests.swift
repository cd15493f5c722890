import Diagnosis
import Histograms
import TensorBoardLog
import Testing

@Suite("Diagnosis tag selection")
struct TagSelectionTests {
    static func run(histograms: [String], scalars: [String]) -> RunData {
        var run = RunData(name: "r")
        let histogram = HistogramValue.exponential(ExponentialHistogram(scale: 3))
        for tag in histograms { run.histograms[tag] = [HistogramPoint(step: 1, wallTime: 0, histogram: histogram)] }
        for tag in scalars { run.scalars[tag] = [ScalarPoint(step: 1, wallTime: 0, value: 1)] }
        return run
    }

    @Test func gradientTagsContainGradInAnyCase() {
        let run = Self.run(histograms: ["grad/abs_all", "Gradients/w", "layer.weight.grad", "bias_grad", "weights/w", "update/w"],
                           scalars: [])
        let diagnosis = Diagnoser.diagnose(run, options: DiagnosisOptions())
        #expect(diagnosis.gradTags == ["Gradients/w", "bias_grad", "grad/abs_all", "layer.weight.grad"])
    }

    @Test func patternOverridesTheGradRule() {
        let run = Self.run(histograms: ["grad/abs_all", "weights/w", "weights/b"], scalars: [])
        let diagnosis = Diagnoser.diagnose(run, options: DiagnosisOptions(gradTagPattern: "^weights/"))
        #expect(diagnosis.gradTags == ["weights/b", "weights/w"])
    }

    @Test(arguments: [
        (["train/loss", "loss", "val/loss"], "loss"),
        (["a/train_loss", "b/loss", "lr"], "b/loss"),
        (["z/Loss_total", "lr", "loss_scale/x"], "z/Loss_total"),
        (["lr", "accuracy"], nil),
    ] as [([String], String?)])
    func lossTagPrefersLoss(tags: [String], expected: String?) {
        let diagnosis = Diagnoser.diagnose(Self.run(histograms: [], scalars: tags), options: DiagnosisOptions())
        #expect(diagnosis.lossTag == expected)
    }

    @Test func lossTagOptionOverrides() {
        let run = Self.run(histograms: [], scalars: ["loss", "val/nll"])
        #expect(Diagnoser.diagnose(run, options: DiagnosisOptions(lossTag: "val/nll")).lossTag == "val/nll")
        #expect(Diagnoser.diagnose(run, options: DiagnosisOptions(lossTag: "missing")).lossTag == nil)
    }
}
