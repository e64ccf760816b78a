import CSQLiteTuning
import GRDB

/// Opens the one SQLite file the store uses, with every PRAGMA set in this one place.
enum DatabaseSetup {
    /// How long a connection waits on another process's lock (e.g. the CLI writing while `serve` runs).
    static let busyTimeoutSeconds: Double = 5

    /// SQLite's process-wide settings, made once before the store opens its first connection (see CSQLiteTuning).
    /// Both only remove locking, so a process where SQLite was initialised earlier works as before.
    static let processSettings: Void = {
        _ = statusd_sqlite_use_multithread_mode()
        _ = statusd_sqlite_disable_memory_statistics()
    }()

    static func openPool(path: String) throws -> DatabasePool {
        var configuration = Configuration()
        configuration.label = "statusd"
        // https://www.sqlite.org/pragma.html#pragma_foreign_keys — GRDB runs `PRAGMA foreign_keys = ON`.
        configuration.foreignKeysEnabled = true
        // https://www.sqlite.org/pragma.html#pragma_busy_timeout — GRDB calls sqlite3_busy_timeout.
        configuration.busyMode = .timeout(busyTimeoutSeconds)
        configuration.maximumReaderCount = 8
        configuration.prepareDatabase { db in
            // https://www.sqlite.org/pragma.html#pragma_synchronous — FULL: a commit is on disk (WAL
            // synced) before it returns, so an acknowledged write survives kill -9 and power loss.
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        // https://www.sqlite.org/wal.html — DatabasePool puts the file in WAL mode
        // (`PRAGMA journal_mode = WAL`, https://www.sqlite.org/pragma.html#pragma_journal_mode).
        let pool = try DatabasePool(path: path, configuration: configuration)
        // DatabasePool sets its writer back to `synchronous = NORMAL` after prepareDatabase:
        // https://www.sqlite.org/pragma.html#pragma_synchronous — set FULL again on the writer.
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // https://www.sqlite.org/pragma.html#pragma_temp_store — each group-commit writer runs in a
            // SAVEPOINT whose statement journal would otherwise spill to a temporary file past 64 KiB
            // (https://www.sqlite.org/tempfiles.html#stmtjrnl): keep it in memory.
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
            // https://www.sqlite.org/pragma.html#pragma_journal_size_limit — when the WAL restarts, cut
            // the file back to 4 MiB (about one automatic checkpoint's worth) instead of keeping its
            // high-water size on disk.
            try db.execute(sql: "PRAGMA journal_size_limit = 4194304")
        }
        return pool
    }

    /// A read-only connection to the pool's WAL file for `SnapshotReaders`: same busy timeout and
    /// foreign keys as the pool's readers; `SQLITE_OPEN_READONLY`, so it can never write.
    static func openSnapshotReader(path: String) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.label = "statusd.snapshot"
        configuration.readonly = true
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(busyTimeoutSeconds)
        configuration.prepareDatabase { db in
            // https://www.sqlite.org/pragma.html#pragma_cache_size — one reader per handler thread:
            // 512 KiB of page cache each (not the default 2 MiB). Under writes every commit empties
            // a reader's cache anyway, repeated reads are answered from the response cache, and the
            // file's pages stay in the OS cache; a bigger cache only made resident memory creep up
            // as the database grew.
            try db.execute(sql: "PRAGMA cache_size = -512")
        }
        return try DatabaseQueue(path: path, configuration: configuration)
    }
}
