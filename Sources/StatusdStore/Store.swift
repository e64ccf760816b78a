import Foundation
import GRDB
import StatusdCore
import StatusdPostgres
import StatusdSync

/// The one store both API shapes read and write. Thread-safe; every call is synchronous and runs
/// its writes in a single durable transaction through one write path (`write(_:)`).
public final class Store: Sendable {
    /// The project that pages created by an all-projects credential go to (`default`).
    public static let defaultProjectId = "default"

    /// The SQLite file or the PostgreSQL database the rows are in.
    let backend: StoreBackend
    /// Batches concurrent writers into one transaction and one sync (see `write(_:)`).
    let groupCommit = GroupCommit()
    /// Told how long each read and write took (including waiting for the writer), for metrics.
    let durationObserver = DurationObserverSlot()
    /// Whether writes are failing for a reason of the machine's (a full disk), for the log.
    let storageHealth = StorageHealth()
    /// Credentials already looked up, valid while the credentials change counter holds.
    let credentialCache = CredentialCache()
    /// The newest change counters read outside a snapshot, and when (`MonotonicClock`) that read
    /// started: what `changeCounters(readAfter:)` may hand out again.
    let recentCounters = Locked<(counters: ChangeCounters, startedAt: UInt64)?>(nil)
    /// The same for each page's change counter (`pageVersion(_:readAfter:)`), by page id.
    let recentPageVersions = Locked<[String: (version: Int64, startedAt: UInt64)]>([:])
    /// Sort keys at deep list positions, so deep pages seek instead of walking the index.
    let listAnchors: ListAnchors
    /// When each credential's last `last_used_at` write was queued, by credential id.
    let lastUsedQueued = Locked<[String: Int64]>([:])
    /// Bounds the WAL file once `keepWALSmall` has been called (servers; not one-shot CLI commands).
    private let walCheckpointer = Locked<WALCheckpointer?>(nil)
    /// The file this store opened, or the PostgreSQL URL with its password hidden.
    public let path: String
    /// Migrations applied when this store opened the file (empty when it was up to date).
    public let migrationsApplied: [String]
    /// "Now" for every timestamp the store writes: the wall clock, or a manual one for test suites.
    public let clock: StoreClock
    /// Where new ids come from: random version 7 UUIDs, or a counter for test suites.
    public let ids: IdSource
    /// Whether the file has the scheduled maintenance tables (Migrations/0010); false only for a
    /// store opened with fewer migrations (tests of upgrades), which then derives status from
    /// incidents alone.
    let hasMaintenanceTables: Bool
    /// Whether the file has the subscribers table (Migrations/0011); false only for a store opened
    /// with fewer migrations.
    let hasSubscriberTable: Bool
    /// Whether the file has the webhook and outbox tables (Migrations/0013); false only for a store
    /// opened with fewer migrations, which then enqueues no deliveries.
    let hasOutboxTables: Bool
    /// Whether the file has the idempotency key table (Migrations/0016); false only for a store
    /// opened with fewer migrations, which then cannot take keyed writes.
    let hasIdempotencyTable: Bool
    /// The (credential, Idempotency-Key) pairs whose first request is running in this process.
    let idempotencyClaims = IdempotencyClaims()
    /// Told after each commit that wrote deliveries (`onOutboxWrite`).
    let outboxObservers = OutboxObservers()
    /// Renders delivery bodies (`writeEventPayloads(with:)`).
    let payloadWriter = Locked<(any EventPayloadWriting)?>(nil)
    /// Whether subscriber mail is enqueued (`enqueueSubscriberMail(_:)`): only a server with an
    /// SMTP server configured turns it on, so no mail waits in the outbox for a sender never run.
    let mailEnabled = Locked<Bool>(false)
    /// Whether the file has the audit log (Migrations/0018); false only for a store opened with
    /// fewer migrations, which then records nothing.
    let hasAuditTable: Bool
    /// Who writes outside `Store.withAuditActor` are recorded for (`attributeUnboundWrites(to:)`).
    let unboundAuditActor = Locked<AuditActor>(.statusd)

    /// Opens (creating if needed) the SQLite file, applies `Migrations/`, refuses a newer schema.
    public convenience init(path: String, clock: StoreClock = .wall(), ids: IdSource = .random()) throws {
        try self.init(path: path, migrator: Migrator.bundled(), clock: clock, ids: ids)
    }

    init(
        path: String, migrator: Migrator, listAnchorMinimumOffset: Int = 1000, clock: StoreClock = .wall(),
        ids: IdSource = .random()
    ) throws {
        DatabaseSetup.processSettings
        self.path = path
        self.clock = clock
        self.ids = ids
        listAnchors = ListAnchors(minimumOffset: listAnchorMinimumOffset)
        try migrator.refuseIfAhead(path: path)
        let pool = try DatabaseSetup.openPool(path: path)
        backend = .sqlite(SQLiteFile(pool: pool, snapshotReaders: SnapshotReaders(path: path)))
        migrationsApplied = try migrator.migrate(pool)
        (hasMaintenanceTables, hasSubscriberTable, hasOutboxTables, hasIdempotencyTable, hasAuditTable) =
            // On the writer the migrator just used: a pool reader opened here would stay open, with
            // its own schema and page cache, on a server whose reads go to the snapshot readers.
            try pool.writeWithoutTransaction { db in try Self.optionalTables(SQLDatabase(db)) }
    }

    /// Opens the PostgreSQL database at `url`, applying `Migrations/postgres/` under an advisory
    /// lock (instances starting together migrate once), and refuses a newer schema.
    public convenience init(postgres url: PostgresURL, clock: StoreClock = .wall(), ids: IdSource = .random()) throws {
        try self.init(postgres: url, migrator: PostgresMigrator.bundled(), clock: clock, ids: ids)
    }

    init(
        postgres url: PostgresURL, migrator: PostgresMigrator, listAnchorMinimumOffset: Int = 1000,
        clock: StoreClock = .wall(), ids: IdSource = .random()
    ) throws {
        path = url.redacted
        self.clock = clock
        self.ids = ids
        listAnchors = ListAnchors(minimumOffset: listAnchorMinimumOffset)
        let pool = PostgresPool(url: url)
        backend = .postgres(pool)
        migrationsApplied = try pool.withWriter { session in try migrator.migrate(session.connection) }
        (hasMaintenanceTables, hasSubscriberTable, hasOutboxTables, hasIdempotencyTable, hasAuditTable) =
            try pool.withWriter { session in try Self.optionalTables(SQLDatabase(session)) }
    }

    /// Which of the tables later migrations added the database has (all, but in tests of upgrades).
    private static func optionalTables(_ db: SQLDatabase) throws -> (Bool, Bool, Bool, Bool, Bool) {
        (try db.tableExists("scheduled_maintenance"), try db.tableExists("subscribers"),
         try db.tableExists("deliveries"), try db.tableExists("idempotency_keys"), try db.tableExists("audit_log"))
    }

    /// Whether the rows are in PostgreSQL (else in a SQLite file).
    public var isPostgres: Bool {
        if case .postgres = backend { return true }
        return false
    }

    /// The SQLite file's pool, for what only SQLite has (backups, checkpoints, its tests).
    var sqlitePool: DatabasePool {
        get throws {
            guard case .sqlite(let file) = backend else { throw BackupUnsupported() }
            return file.pool
        }
    }

    /// From now on, checks the WAL every `interval` and empties it with a TRUNCATE checkpoint when it
    /// is over `limitBytes` (see `WALCheckpointer`). For long-running servers; calling it again
    /// replaces the earlier schedule.
    public func keepWALSmall(limitBytes: Int = 8 << 20, interval: Duration = .seconds(5)) {
        guard case .sqlite(let file) = backend else { return }  // PostgreSQL keeps its own WAL
        let pool = file.pool
        let milliseconds = Int(interval.components.seconds * 1000 + interval.components.attoseconds / 1_000_000_000_000_000)
        let checkpointer = WALCheckpointer(
            pool: pool, walPath: path + "-wal", limitBytes: limitBytes, interval: .milliseconds(max(1, milliseconds)))
        walCheckpointer.withLock { $0 = checkpointer }
    }

    /// `SELECT 1` on a reader: for `/readyz`.
    public func ping() throws {
        _ = try readOneStatement { db in try Int.fetchOne(db, sql: "SELECT 1") }
    }

    // MARK: The one write path

    /// Runs `body` in a `BEGIN IMMEDIATE` transaction on the writer and returns once it is durably
    /// committed (`synchronous = FULL`). Writers that arrive together share one transaction and one
    /// sync (group commit), each in its own savepoint: a throw rolls back only that writer's changes
    /// and is rethrown to it. Every write of the store goes through here. Inside `withWriteScope`
    /// it runs in a savepoint of that scope's transaction instead.
    func write<T>(_ body: (SQLDatabase) throws -> T) throws -> T {
        if let scoped = BoundReader.currentWriter(for: self) {
            return try scoped.inSavepoint { try body(scoped) }
        }
        // Taken on the caller's thread: the group commit may run the body on another.
        let actor = currentAuditActor
        do {
            let value = try timed {
                try groupCommit.write(on: backend.writeTransactions) { db in try AuditScope.$actor.withValue(actor) { try body(db) } }
            }
            storageHealth.writeSucceeded()
            return value
        } catch {
            if let trouble = StorageTrouble(error) { storageHealth.writeFailed(trouble, error) }
            throw error
        }
    }

    /// Calls `observer` when writes start failing for a `StorageTrouble` (again at most once a
    /// minute while they keep failing) and when one commits again: for the server's log.
    public func observeStorageHealth(_ observer: @escaping @Sendable (StorageEvent) -> Void) {
        storageHealth.observe(observer)
    }

    /// Transactions the write path has committed since the store opened and the writes they held
    /// (`writes / transactions` is the mean group-commit batch): for benchmarks and diagnostics.
    public var writeStatistics: (transactions: Int, writes: Int) {
        let statistics = groupCommit.statistics
        return (statistics.batches, statistics.writes)
    }

    /// Runs `body` on a WAL reader: a consistent snapshot, concurrent with the writer (inside
    /// `withReadSnapshot`, on the reader bound to this thread; else on an idle snapshot reader,
    /// cheaper to check out than the pool's, or on the pool's when all are busy).
    func read<T>(_ body: (SQLDatabase) throws -> T) throws -> T {
        if let bound = BoundReader.current(for: self) { return try timed { try body(bound) } }
        return try timed {
            switch backend {
            case .sqlite(let file): try file.read(body)
            case .postgres(let pool): try pool.read(body)
            }
        }
    }

    /// Runs `body`, one statement, outside a transaction: the statement is its own snapshot, and
    /// costs no BEGIN and COMMIT. For the change counters' checks before cached answers and for
    /// `/readyz`, so not timed (`/metrics`' database time is the reads and writes behind answers).
    func readOneStatement<T>(_ body: (SQLDatabase) throws -> T) throws -> T {
        if let bound = BoundReader.current(for: self) { return try body(bound) }
        switch backend {
        case .sqlite(let file): return try file.readOneStatement(body)
        case .postgres(let pool): return try pool.readOneStatement(body)
        }
    }

    /// Calls `observer` with the duration of every read and write from now on (`/metrics`' database time).
    public func observeDatabaseTime(_ observer: @escaping @Sendable (Duration) -> Void) {
        durationObserver.set(observer)
    }

    private func timed<T>(_ body: () throws -> T) rethrows -> T {
        guard let observer = durationObserver.current else { return try body() }
        let started = ContinuousClock.now
        defer { observer.observe(ContinuousClock.now - started) }
        return try body()
    }

    // MARK: Helpers shared by the extensions

    /// A new id: a lowercase, time-ordered UUID (version 7), or the next counted one (`IdSource`).
    func newId() throws -> String {
        try ids.next(millisecondsSince1970: now())
    }

    /// The store clock's now, in milliseconds since the epoch.
    func now() -> Int64 {
        clock.now().millisecondsSince1970
    }

    /// `id` if given (after checking it is free in `table`), else a new UUID.
    func claimId(_ id: String?, in table: String, _ db: SQLDatabase) throws -> String {
        guard let id else {
            var made = try newId()
            // A counted id may already be a fixture's (pasted from an earlier run): take the next.
            while ids.isDeterministic, try Self.exists(table, id: made, db) { made = try newId() }
            return made
        }
        if try Bool.fetchOne(
            db.cachedStatement(sql: "SELECT EXISTS(SELECT 1 FROM \(table) WHERE id = ?)"), arguments: [id]) == true {
            throw StoreError.duplicate(field: "id", value: id)
        }
        return id
    }

    static func exists(_ table: String, id: String, _ db: SQLDatabase) throws -> Bool {
        try Bool.fetchOne(
            db.cachedStatement(sql: "SELECT EXISTS(SELECT 1 FROM \(table) WHERE id = ?)"), arguments: [id]) == true
    }
}

extension Store {
    /// `PRAGMA integrity_check` on a reader: `["ok"]` for a sound file, else SQLite's findings.
    /// https://www.sqlite.org/pragma.html#pragma_integrity_check
    /// PostgreSQL checks its pages itself (and has no such statement): `["ok"]` once it answers.
    public func integrityCheck() throws -> [String] {
        switch backend {
        case .sqlite(let file): try file.pool.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
        case .postgres: try readOneStatement { db in try Int.fetchOne(db, sql: "SELECT 1") }.map { _ in ["ok"] } ?? []
        }
    }
}
