/// Receives progress from the training loop.
public protocol TrainingProgress: AnyObject {
    func runStarted(_ run: RunSpec, index: Int, of count: Int, steps: Int)
    func stepFinished(step: Int, loss: Double)
    func runFinished(_ summary: TrainingSummary)
}
