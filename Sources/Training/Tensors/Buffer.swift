/// A fixed-size, zero-initialised heap buffer with a stable base address, for parameters,
/// gradients and preallocated activations. Reference semantics; not shared across threads.
public final class Buffer<Scalar: TrainingScalar> {
    public let count: Int
    public let base: UnsafeMutablePointer<Scalar>

    public init(count: Int) {
        self.count = count
        base = .allocate(capacity: max(count, 1))
        base.initialize(repeating: 0, count: max(count, 1))
    }

    deinit { base.deallocate() }

    public subscript(i: Int) -> Scalar {
        get { base[i] }
        set { base[i] = newValue }
    }

    public var buffer: UnsafeMutableBufferPointer<Scalar> { .init(start: base, count: count) }

    public func zero() { base.update(repeating: 0, count: count) }

    public var array: [Scalar] { Array(buffer) }
}
