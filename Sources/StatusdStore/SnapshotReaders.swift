import GRDB
import Synchronization

/// Read-only connections for `Store.withReadSnapshot`, one per concurrent request, kept for reuse.
///
/// `DatabasePool.read` costs a GET more than its queries: its reader pool takes a barrier
/// `DispatchQueue.sync` (GRDB's `ReadWriteLock`) to check a reader out and again to check it in,
/// which under 16 handler threads parks and wakes threads on every request, and it prepares
/// `BEGIN`/`COMMIT` afresh each time. Here a checkout is a short `Mutex` pop, the connection's own
/// serial queue is uncontended (so `sync` runs inline on the calling thread), and the snapshot is
/// opened and closed with cached statements. The connections are `SQLITE_OPEN_READONLY` on the
/// same WAL file, so they see every committed write, like the pool's readers.
final class SnapshotReaders: Sendable {
    /// More connections than this (more concurrent snapshots than handler threads) use the pool.
    static let maximumCount = 32

    private struct State {
        var idle: [DatabaseQueue] = []
        var created = 0
    }

    private let path: String
    private let state = Mutex(State())

    init(path: String) {
        self.path = path
    }

    /// Runs `body` inside one deferred read transaction on an idle reader (opened when none is),
    /// or returns nil without running it when `maximumCount` readers are all busy.
    func read<T>(_ body: (Database) throws -> T) throws -> T? {
        guard let reader = try checkOut() else { return nil }
        defer { state.withLock { $0.idle.append(reader) } }
        return try reader.unsafeRead { db in
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

    private func checkOut() throws -> DatabaseQueue? {
        let reuse: DatabaseQueue?? = state.withLock { state in
            if let reader = state.idle.popLast() { return reader }
            guard state.created < Self.maximumCount else { return .some(nil) }
            state.created += 1
            return nil
        }
        if let reuse { return reuse }
        do {
            return try DatabaseSetup.openSnapshotReader(path: path)
        } catch {
            state.withLock { $0.created -= 1 }
            throw error
        }
    }
}
