import Histograms

/// The optional `logUpdates` histograms of one step, each in its own buffer:
/// `update/abs_all`, |Δθ| = |θ_before − θ_after| over all parameters, and
/// `optimizer/adaptive_step`, the optimizer's per-element adaptive step size.
final class UpdateLog {
    private let valuesBefore: Buffer<Float>
    private let updateMagnitudes: Buffer<Float>
    private let adaptiveSteps: Buffer<Float>
    private let scale: Int

    init(count: Int, scale: Int) {
        valuesBefore = Buffer(count: count)
        updateMagnitudes = Buffer(count: count)
        adaptiveSteps = Buffer(count: count)
        self.scale = scale
    }

    /// Saves θ before the optimizer step.
    func saveValues(_ values: Buffer<Float>) {
        valuesBefore.base.update(from: values.base, count: values.count)
    }

    /// The step's histograms, after the optimizer has moved `values`.
    func histograms(values: Buffer<Float>, optimizer: any Optimizer, learningRate: Double)
        -> [(String, ExponentialHistogram)] {
        let before = valuesBefore.base, after = values.base, delta = updateMagnitudes.base
        for i in 0..<values.count { delta[i] = abs(before[i] - after[i]) }
        var result = [("update/abs_all", record(updateMagnitudes))]
        if optimizer.adaptiveStepSizes(learningRate: learningRate, into: adaptiveSteps.buffer) {
            result.append(("optimizer/adaptive_step", record(adaptiveSteps)))
        }
        return result
    }

    private func record(_ buffer: Buffer<Float>) -> ExponentialHistogram {
        var h = ExponentialHistogram(scale: scale)
        h.record(contentsOf: UnsafeBufferPointer(buffer.buffer))
        return h
    }
}
