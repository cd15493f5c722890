import Synchronization

/// One value per histogram scale, built on first use and then shared by every thread.
///
/// Each scale has an atomic word holding a retained reference to its value (0 until built):
/// a use is one acquiring load once the value exists. The first uses of a scale may race to
/// build it; one value is kept (compare-and-exchange from 0) and the others are dropped, so
/// `build` must be pure. Replaces a hand-written `static let` per scale. (A plain word, not
/// `AtomicLazyReference`, whose unspecialised `load()` looked up generic metadata on every
/// call and made `lowerBoundary(ofBucket:scale:)` a hot spot of `diagnose`.)
final class PerScaleCache<Value: AnyObject & Sendable>: Sendable {
    let scales: ClosedRange<Int>
    private let build: @Sendable (Int) -> Value
    private nonisolated(unsafe) let slots: UnsafeMutablePointer<Atomic<UInt>>

    init(scales: ClosedRange<Int>, build: @escaping @Sendable (Int) -> Value) {
        self.scales = scales
        self.build = build
        slots = .allocate(capacity: scales.count)
        for i in 0..<scales.count { (slots + i).initialize(to: Atomic<UInt>(0)) }
    }

    deinit {
        for i in 0..<scales.count {
            let word = slots[i].load(ordering: .acquiring)
            if word != 0 { Self.unmanaged(word).release() }
        }
        slots.deinitialize(count: scales.count)
        slots.deallocate()
    }

    /// The value of `scale`, which must lie in `scales`.
    subscript(scale: Int) -> Value {
        precondition(scales.contains(scale), "scale \(scale) outside \(scales)")
        let slot = slots + (scale - scales.lowerBound)
        let word = slot.pointee.load(ordering: .acquiring)
        if word != 0 { return Self.unmanaged(word).takeUnretainedValue() }
        let built = UInt(bitPattern: Unmanaged.passRetained(build(scale)).toOpaque())
        let (exchanged, existing) = slot.pointee.compareExchange(expected: 0, desired: built,
                                                                  successOrdering: .acquiringAndReleasing,
                                                                  failureOrdering: .acquiring)
        if exchanged { return Self.unmanaged(built).takeUnretainedValue() }
        Self.unmanaged(built).release()
        return Self.unmanaged(existing).takeUnretainedValue()
    }

    private static func unmanaged(_ word: UInt) -> Unmanaged<Value> {
        Unmanaged.fromOpaque(UnsafeRawPointer(bitPattern: word).unsafelyUnwrapped)
    }
}
