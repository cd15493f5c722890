/// A source of seeded, reproducible minibatches.
public protocol TrainingTask: Sendable {
    /// Tokens per sequence fed to the model (1 for feature tasks).
    var length: Int { get }
    /// Feature width (0 for token tasks).
    var featureWidth: Int { get }
    /// Number of output classes.
    var classes: Int { get }
    /// Loss of uniform guessing over the classes that can occur.
    var chanceLoss: Double { get }
    /// Overwrites `batch` (already shaped by ``makeBatch(size:)``) with a fresh sample.
    func fill(_ batch: inout Batch, using rng: inout Xoshiro256)
}

extension TrainingTask {
    public func makeBatch(size: Int) -> Batch { Batch(size: size, length: length, featureWidth: featureWidth) }
}
