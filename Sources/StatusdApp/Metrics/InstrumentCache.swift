import StatusdSync
import Synchronization

/// Metric handles by label set, read on every request without taking a lock.
///
/// A `Mutex` around one dictionary was the most contended lock of a GET once the store's were gone
/// (16 handler threads recording at once). Lookups here read an immutable dictionary published
/// through one atomic pointer; a miss (a new route/method/status, a handful per process) copies the
/// dictionary under a lock and publishes the copy. Every published dictionary is kept until the
/// cache goes away, so a reader never holds a freed one (they are small and few).
final class InstrumentCache<Key: Hashable & Sendable, Instruments: Sendable>: Sendable {
    private final class Published: Sendable {
        let table: [Key: Instruments]
        init(_ table: [Key: Instruments]) { self.table = table }
    }

    /// The latest `Published` box's address, as an integer (raw pointers are not `Sendable`).
    private let latest: Atomic<UInt>
    private let kept: Locked<[Published]>

    init() {
        let empty = Published([:])
        latest = Atomic(UInt(bitPattern: Unmanaged.passUnretained(empty).toOpaque()))
        kept = Locked([empty])
    }

    /// The handles for `key`, made by `make` (once, under the lock) the first time `key` is seen.
    func instruments(for key: Key, make: (Key) -> Instruments) -> Instruments {
        if let found = current.table[key] { return found }
        return kept.withLock { kept in
            let table = current.table
            if let found = table[key] { return found }
            let made = make(key)
            var grown = table
            grown[key] = made
            let published = Published(grown)
            kept.append(published)
            latest.store(UInt(bitPattern: Unmanaged.passUnretained(published).toOpaque()), ordering: .releasing)
            return made
        }
    }

    private var current: Published {
        // Never 0: `init` publishes an empty table.
        let pointer = UnsafeRawPointer(bitPattern: latest.load(ordering: .acquiring))!
        return Unmanaged<Published>.fromOpaque(pointer).takeUnretainedValue()
    }
}
