import GRDB
import GRDBSQLite
import StatusdCore
import StatusdSync

/// How many changes the database had seen, by kind (`change_counters`, kept by triggers on every
/// write, whoever makes it: Migrations/0002_change_counters.sql).
///
/// A value computed from data read *after* the counters were read may be reused for as long as the
/// counters read again are the same: nothing it depends on has changed since. Caches of rendered
/// answers (`content`) and of credentials (`credentials`) rely on this instead of on invalidation
/// messages, which a CLI in another process could not send.
public struct ChangeCounters: Sendable, Equatable {
    /// Rows of projects, pages, components, incidents, their links and timelines written.
    public let content: Int64
    /// Credentials created, revoked, changed or deleted (not `last_used_at`).
    public let credentials: Int64

    public init(content: Int64, credentials: Int64) {
        self.content = content
        self.credentials = credentials
    }
}

extension Store {
    /// The counters now: one statement on a reader (inside `withReadSnapshot`, as that snapshot
    /// sees them).
    public func changeCounters() throws -> ChangeCounters {
        if BoundReader.current(for: self) != nil { return try read(Self.changeCounters) }
        let startedAt = MonotonicClock.now()
        let counters = try readOneStatement(Self.changeCounters)
        recentCounters.withLock { recent in
            if recent == nil || recent!.startedAt < startedAt { recent = (counters, startedAt) }
        }
        return counters
    }

    /// Counters at least as new as any read started at `time` (`MonotonicClock`) or later: a read
    /// another request started since then is handed out again instead of reading once more. A
    /// request passes when its bytes had all arrived, so every commit its client could have seen
    /// acknowledged is counted, as with a read of its own. Under load one read serves the requests
    /// that arrived together.
    public func changeCounters(readAfter time: UInt64) throws -> ChangeCounters {
        if BoundReader.current(for: self) == nil,
           let recent = recentCounters.withLock({ $0 }), recent.startedAt >= time {
            return recent.counters
        }
        return try changeCounters()
    }

    /// The counters as `db`'s transaction sees them. Stepped through the C API: it runs before
    /// every read, and GRDB's row decoding (column-name tables, boxed values) cost more than the
    /// statement itself.
    static func changeCounters(_ db: SQLDatabase) throws -> ChangeCounters {
        let sql = "SELECT content, credentials FROM change_counters WHERE id = 1"
        guard case .sqlite(let connection) = db.connection, case .sqlite(let statement) = try db.cachedStatement(sql: sql) else {
            let row = try db.cachedStatement(sql: sql).decodeFirst { ChangeCounters(content: $0[0], credentials: $0[1]) }
            return row ?? ChangeCounters(content: -1, credentials: -1)
        }
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        let code = sqlite3_step(handle)
        guard code == SQLITE_ROW else {
            if code == SQLITE_DONE { return ChangeCounters(content: -1, credentials: -1) }  // never: 0002 inserts the row
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection.sqliteConnection)))
        }
        return ChangeCounters(content: sqlite3_column_int64(handle, 0), credentials: sqlite3_column_int64(handle, 1))
    }
}

/// Credentials found by `Store.authenticate`, keyed by the SHA-256 of their secret and tagged with
/// the credentials counter read before they were looked up: valid while that counter holds, so a
/// revoke, by this process or the CLI, takes effect at the very next request. Never holds a secret.
final class CredentialCache: Sendable {
    private struct Entry {
        let credential: Credential
        let digest: [UInt8]
        let counter: Int64
    }

    /// More live credentials than this is unusual; past it the cache starts over.
    static let capacity = 4096
    private let entries = Locked<[[UInt8]: Entry]>([:])

    /// The credential whose secret hashes to `digest`, if it was found while the counter was `counter`.
    func credential(digest: [UInt8], counter: Int64) -> (credential: Credential, storedDigest: [UInt8])? {
        entries.withLock { entries in
            guard let entry = entries[digest] else { return nil }
            guard entry.counter == counter else {
                entries[digest] = nil
                return nil
            }
            return (entry.credential, entry.digest)
        }
    }

    func keep(_ credential: Credential, digest: [UInt8], counter: Int64) {
        entries.withLock { entries in
            if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
            entries[digest] = Entry(credential: credential, digest: digest, counter: counter)
        }
    }
}
