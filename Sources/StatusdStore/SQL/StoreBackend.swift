import GRDB
import StatusdPostgres

/// Where a store keeps its rows: a SQLite file (the embedded default) or a PostgreSQL database
/// (several statusd instances on one database). The store's code is the same for both; this is
/// where reads and write transactions are opened on one or the other.
enum StoreBackend: Sendable {
    case sqlite(SQLiteFile)
    case postgres(PostgresPool)

    var writeTransactions: any WriteTransactions {
        switch self {
        case .sqlite(let file): file
        case .postgres(let pool): pool
        }
    }
}

/// A SQLite file in WAL mode: GRDB's pool (its writer and readers) and the store's own snapshot
/// readers, cheaper to check out (see `SnapshotReaders`).
final class SQLiteFile: WriteTransactions {
    let pool: DatabasePool
    let snapshotReaders: SnapshotReaders

    init(pool: DatabasePool, snapshotReaders: SnapshotReaders) {
        self.pool = pool
        self.snapshotReaders = snapshotReaders
    }

    /// `BEGIN IMMEDIATE`: the write lock is taken at once, so a batch never fails half-way for
    /// another connection's lock.
    func inWriteTransaction(_ body: (SQLDatabase) throws -> Void) throws {
        try pool.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                try body(SQLDatabase(db))
                return .commit
            }
        }
    }

    /// `body` in one read transaction on a snapshot reader, else on the pool's.
    func read<T>(_ body: (SQLDatabase) throws -> T) throws -> T {
        if let result = try snapshotReaders.read({ try body(SQLDatabase($0)) }) { return result }
        return try pool.read { try body(SQLDatabase($0)) }
    }

    /// `body` for one statement, outside a transaction (the statement is its own snapshot).
    func readOneStatement<T>(_ body: (SQLDatabase) throws -> T) throws -> T {
        if let result = try snapshotReaders.read(inTransaction: false, { try body(SQLDatabase($0)) }) { return result }
        return try pool.read { try body(SQLDatabase($0)) }
    }
}

extension PostgresPool: WriteTransactions {
    func inWriteTransaction(_ body: (SQLDatabase) throws -> Void) throws {
        try withWriter { session in
            try session.begin()
            do {
                try body(SQLDatabase(session))
            } catch {
                session.rollback()
                throw error
            }
            try session.commit()
        }
    }

    /// `body` in one read-only REPEATABLE READ transaction: every statement sees one snapshot.
    func read<T>(_ body: (SQLDatabase) throws -> T) throws -> T {
        try withReader { session in
            try session.begin(readOnly: true)
            let value = try body(SQLDatabase(session))
            try session.commit()
            return value
        }
    }

    /// `body` for one statement, outside a transaction.
    func readOneStatement<T>(_ body: (SQLDatabase) throws -> T) throws -> T {
        try withReader { session in try body(SQLDatabase(session)) }
    }
}
