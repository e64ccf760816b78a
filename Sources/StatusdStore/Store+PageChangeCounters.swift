import GRDB
import GRDBSQLite
import StatusdCore
import StatusdSync

/// Per-page change counters (Migrations/0012): an answer made from one page's data stays valid
/// while that page's counter holds, however much other pages change.
extension Store {
    /// The page's counter now (0 for a page never written since 0012): inside `withReadSnapshot`,
    /// as that snapshot sees it, which is exactly what the answer rendered in it was made from.
    public func pageVersion(_ statusPageId: String) throws -> Int64 {
        let body = { (db: SQLDatabase) in try Self.pageVersion(statusPageId, db) }
        if BoundReader.current(for: self) != nil { return try read(body) }
        let startedAt = MonotonicClock.now()
        let version = try readOneStatement(body)
        recentPageVersions.withLock { recent in
            if recent.count >= Self.recentPageVersionsCapacity { recent.removeAll(keepingCapacity: true) }
            if let known = recent[statusPageId], known.startedAt >= startedAt { return }
            recent[statusPageId] = (version, startedAt)
        }
        return version
    }

    /// The page's counter as a read started at `time` (`MonotonicClock`) or later sees it: one that
    /// another request started since is handed out again (see `changeCounters(readAfter:)`).
    public func pageVersion(_ statusPageId: String, readAfter time: UInt64) throws -> Int64 {
        if BoundReader.current(for: self) == nil,
           let recent = recentPageVersions.withLock({ $0[statusPageId] }), recent.startedAt >= time {
            return recent.version
        }
        return try pageVersion(statusPageId)
    }

    /// Pages whose recent counter reads are remembered; past it the memory starts over.
    static let recentPageVersionsCapacity = 4096

    /// Stepped through the C API, like `changeCounters(_:)`: it runs on every cached answer.
    static func pageVersion(_ statusPageId: String, _ db: SQLDatabase) throws -> Int64 {
        let sql = "SELECT version FROM page_change_counters WHERE status_page_id = ?"
        guard case .sqlite(let connection) = db.connection, case .sqlite(let statement) = try db.cachedStatement(sql: sql) else {
            return try db.cachedStatement(sql: sql).decodeFirst([statusPageId]) { $0[0] as Int64 } ?? 0
        }
        try statement.setArguments([statusPageId])
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return sqlite3_column_int64(handle, 0)
        case SQLITE_DONE: return 0
        case let code:
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection.sqliteConnection)))
        }
    }
}
