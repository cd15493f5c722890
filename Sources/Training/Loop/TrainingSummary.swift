/// What a finished (or stopped) run reports.
public struct TrainingSummary: Sendable, Equatable {
    public var runName: String
    public var stepsRequested: Int
    public var stepsCompleted: Int
    /// Loss at the last completed step (NaN/∞ if that is how the run ended).
    public var finalLoss: Double
    /// Mean loss over each tenth of the requested steps (fewer entries if stopped early).
    public var lossByTenths: [Double]
    /// log₁₀ of the median |g| over all parameters at step 1 and step 10 (nil if not reached
    /// or histograms were off).
    public var medianLog10GradStep1: Double?
    public var medianLog10GradStep10: Double?
    /// First step whose loss was NaN or ±∞; the run stops there.
    public var nonFiniteLossStep: Int?
    /// Stopped by Ctrl-C (or ``Interrupt/request()``).
    public var interrupted: Bool
    /// Median wall time of one step (model, logging and optimizer), seconds.
    public var medianStepSeconds: Double
    /// Loss of uniform guessing on the task.
    public var chanceLoss: Double

    public var sawNonFiniteLoss: Bool { nonFiniteLossStep != nil }

    /// One line for the terminal.
    public var line: String {
        let tenths = lossByTenths.map { String(format: "%.3f", $0) }.joined(separator: " ")
        var s = "\(runName): \(stepsCompleted)/\(stepsRequested) steps, final loss "
            + String(format: "%.4f", finalLoss) + " (chance " + String(format: "%.3f", chanceLoss) + ")"
        if let a = medianLog10GradStep1, let b = medianLog10GradStep10 {
            s += String(format: ", median log10|g| step1 %.2f step10 %.2f", a, b)
        }
        s += String(format: ", %.2f ms/step", medianStepSeconds * 1e3)
        s += "; loss by tenths [\(tenths)]"
        if let t = nonFiniteLossStep { s += "; NON-FINITE LOSS at step \(t)" }
        if interrupted { s += "; interrupted" }
        return s
    }
}

import Foundation
