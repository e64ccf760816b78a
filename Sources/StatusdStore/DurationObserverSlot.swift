import StatusdSync
import Synchronization

/// Holds the closure `Store` tells the duration of every read and write (for `/metrics`), readable
/// without a lock: every store call reads it, from every handler thread at once, and a `Mutex`
/// there was the most contended lock of a GET. The closure sits in a class box (a bare closure in a
/// `Mutex` is reabstracted through the generic `inout` on every `withLock` and gains two thunks
/// each time); boxes are kept until the slot goes away, so a reader never sees a freed one.
final class DurationObserverSlot: Sendable {
    final class Box: Sendable {
        let observe: @Sendable (Duration) -> Void
        init(_ observe: @escaping @Sendable (Duration) -> Void) { self.observe = observe }
    }

    /// The last box's address (0: none), as an integer because raw pointers are not `Sendable`.
    private let latest = Atomic<UInt>(0)
    /// Every box ever set (one per `set`, in practice one per server started on the store).
    private let kept = Locked<[Box]>([])

    /// The observer from now on.
    func set(_ observe: @escaping @Sendable (Duration) -> Void) {
        let box = Box(observe)
        kept.withLock { boxes in
            boxes.append(box)
            latest.store(UInt(bitPattern: Unmanaged.passUnretained(box).toOpaque()), ordering: .releasing)
        }
    }

    /// The observer last set, if any.
    var current: Box? {
        guard let pointer = UnsafeRawPointer(bitPattern: latest.load(ordering: .acquiring)) else { return nil }
        return Unmanaged<Box>.fromOpaque(pointer).takeUnretainedValue()
    }
}
