/// A model the training loop can drive: parameters in a flat store, and one call that
/// zeroes the gradients, runs forward and backward on a batch and returns the loss.
public protocol TrainableModel<Scalar>: AnyObject {
    associatedtype Scalar: TrainingScalar
    var parameters: ParameterStore<Scalar> { get }
    /// Zeroes gradients, runs forward and backward, returns the mean masked loss.
    func lossAndGradient(_ batch: Batch) -> Double
    /// Forward only.
    func loss(_ batch: Batch) -> Double
}

/// One minibatch. Token tasks fill `tokens`; feature tasks fill `features`.
/// Targets and the loss mask have one entry per predicted position (size · length).
public struct Batch: Sendable {
    public var size: Int
    public var length: Int
    public var tokens: [Int32]
    public var features: [Double]
    public var featureWidth: Int
    public var targets: [Int32]
    public var lossMask: [Bool]

    public init(size: Int, length: Int, featureWidth: Int = 0) {
        self.size = size
        self.length = length
        self.featureWidth = featureWidth
        tokens = featureWidth == 0 ? [Int32](repeating: 0, count: size * length) : []
        features = [Double](repeating: 0, count: size * featureWidth)
        targets = [Int32](repeating: 0, count: size * length)
        lossMask = [Bool](repeating: false, count: size * length)
    }
}

/// PyTorch's default initialisers, over our seeded generator.
enum Initialize {
    /// U(−bound, bound).
    static func uniform<T: TrainingScalar>(_ p: UnsafeMutablePointer<T>, count: Int, bound: Double,
                                           rng: inout Xoshiro256) {
        for i in 0..<count { p[i] = T(rng.uniform(-bound, bound)) }
    }

    /// N(0, std²).
    static func normal<T: TrainingScalar>(_ p: UnsafeMutablePointer<T>, count: Int, std: Double,
                                          rng: inout Xoshiro256) {
        for i in 0..<count { p[i] = T(std * rng.normal()) }
    }

    static func fill<T: TrainingScalar>(_ p: UnsafeMutablePointer<T>, count: Int, value: T) {
        p.update(repeating: value, count: count)
    }
}
