import GRDB
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Read-only connections for `Store.withReadSnapshot`, one per concurrent request, kept for reuse.
///
/// `DatabasePool.read` costs a GET more than its queries: its reader pool takes a barrier
/// `DispatchQueue.sync` (GRDB's `ReadWriteLock`) to check a reader out and again to check it in,
/// which under 16 handler threads parks and wakes threads on every request, and it prepares
/// `BEGIN`/`COMMIT` afresh each time. Here a checkout is one compare-and-swap on a slot (each thread
/// starts at its own slot, so threads rarely meet; a `Mutex` here was contended too), the
/// connection's own serial queue is uncontended (so `sync` runs inline on the calling thread), and
/// the snapshot is opened and closed with cached statements. The connections are
/// `SQLITE_OPEN_READONLY` on the same WAL file, so they see every committed write, like the pool's.
final class SnapshotReaders: Sendable {
    /// More concurrent snapshots than this (more than handler threads) use the pool instead.
    static let slotCount = 32

    private let path: String
    private let slots: [Slot]

    init(path: String) {
        self.path = path
        slots = (0..<Self.slotCount).map { _ in Slot() }
    }

    /// Runs `body` inside one deferred read transaction on an idle reader (opened when a slot is
    /// empty), or returns nil without running it when every slot is busy. Without `inTransaction`,
    /// each statement of `body` is its own snapshot (for a single one, the cheapest read there is).
    func read<T>(inTransaction: Bool = true, _ body: (Database) throws -> T) throws -> T? {
        guard let slot = try checkOut(), let reader = slot.reader else { return nil }
        defer { slot.state.store(Slot.idle, ordering: .releasing) }
        return try reader.unsafeRead { db in
            guard inTransaction else { return try body(db) }
            try db.cachedStatement(sql: "BEGIN DEFERRED TRANSACTION").execute()
            do {
                let result = try body(db)
                try db.cachedStatement(sql: "COMMIT").execute()
                return result
            } catch {
                try? db.cachedStatement(sql: "ROLLBACK").execute()
                throw error
            }
        }
    }

    /// A slot now `busy` for the caller, with its reader; nil when all are busy.
    private func checkOut() throws -> Slot? {
        // Thread descriptors sit at large aligned strides: mix the bits, use the high ones.
        let start = Int((UInt(bitPattern: Int(bitPattern: pthread_self())) &* 0x9E37_79B9_7F4A_7C15) >> 33) % Self.slotCount
        for step in 0..<Self.slotCount {
            let slot = slots[(start + step) % Self.slotCount]
            if slot.state.compareExchange(expected: Slot.idle, desired: Slot.busy, ordering: .acquiring).exchanged {
                return slot
            }
        }
        for step in 0..<Self.slotCount {
            let slot = slots[(start + step) % Self.slotCount]
            if slot.state.compareExchange(expected: Slot.empty, desired: Slot.busy, ordering: .acquiring).exchanged {
                do {
                    slot.reader = try DatabaseSetup.openSnapshotReader(path: path)
                } catch {
                    slot.state.store(Slot.empty, ordering: .releasing)
                    throw error
                }
                return slot
            }
        }
        return nil
    }

    /// One reader place: `empty` (no connection yet), `idle`, or `busy` (owned by one thread, the
    /// only one that touches `reader` then; the atomic's acquire/release orders those accesses).
    private final class Slot: @unchecked Sendable {
        static let empty = 0, idle = 1, busy = 2
        let state = Atomic<Int>(empty)
        var reader: DatabaseQueue?
    }
}
