/// All parameters of a model in one flat buffer, with a gradient buffer of the same layout
/// and a table of named tensors (PyTorch-style names such as `blocks.0.att.in_proj_weight`).
/// Optimizers run over the whole flat buffer; logging slices it per tensor.
public final class ParameterStore<Scalar: TrainingScalar> {
    /// One named parameter tensor: a contiguous slice of the flat buffers.
    public struct Tensor: Sendable, Equatable {
        public let name: String
        public let shape: [Int]
        public let offset: Int
        public var count: Int { shape.reduce(1, *) }
    }

    public private(set) var tensors: [Tensor] = []
    public let values: Buffer<Scalar>
    public let gradients: Buffer<Scalar>

    /// Lays out tensors in order; shapes must have positive sizes.
    public init(_ specs: [(name: String, shape: [Int])]) {
        var offset = 0
        for spec in specs {
            let t = Tensor(name: spec.name, shape: spec.shape, offset: offset)
            tensors.append(t)
            offset += t.count
        }
        values = Buffer(count: offset)
        gradients = Buffer(count: offset)
    }

    public var count: Int { values.count }

    public func index(of name: String) -> Int? { tensors.firstIndex { $0.name == name } }

    /// Base pointer of a tensor's values.
    public func value(_ i: Int) -> UnsafeMutablePointer<Scalar> { values.base + tensors[i].offset }
    /// Base pointer of a tensor's gradient.
    public func gradient(_ i: Int) -> UnsafeMutablePointer<Scalar> { gradients.base + tensors[i].offset }

    public func valueBuffer(_ i: Int) -> UnsafeMutableBufferPointer<Scalar> {
        .init(start: value(i), count: tensors[i].count)
    }
    public func gradientBuffer(_ i: Int) -> UnsafeMutableBufferPointer<Scalar> {
        .init(start: gradient(i), count: tensors[i].count)
    }

    public func zeroGradients() { gradients.zero() }
}
