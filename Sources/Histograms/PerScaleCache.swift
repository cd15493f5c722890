import Synchronization

/// One value per histogram scale, built on first use and then shared by every thread.
///
/// Each scale has an `AtomicLazyReference`: a use is one atomic load once the value exists.
/// The first uses of a scale may race to build it; one value is kept and the others are
/// dropped, so `build` must be pure. Replaces a hand-written `static let` per scale.
final class PerScaleCache<Value: AnyObject & Sendable>: Sendable {
    let scales: ClosedRange<Int>
    private let build: @Sendable (Int) -> Value
    private nonisolated(unsafe) let slots: UnsafeMutablePointer<AtomicLazyReference<Value>>

    init(scales: ClosedRange<Int>, build: @escaping @Sendable (Int) -> Value) {
        self.scales = scales
        self.build = build
        slots = .allocate(capacity: scales.count)
        for i in 0..<scales.count { (slots + i).initialize(to: AtomicLazyReference()) }
    }

    deinit {
        slots.deinitialize(count: scales.count)
        slots.deallocate()
    }

    /// The value of `scale`, which must lie in `scales`.
    subscript(scale: Int) -> Value {
        precondition(scales.contains(scale), "scale \(scale) outside \(scales)")
        let slot = slots + (scale - scales.lowerBound)
        if let value = slot.pointee.load() { return value }
        return slot.pointee.storeIfNil(build(scale))
    }
}
