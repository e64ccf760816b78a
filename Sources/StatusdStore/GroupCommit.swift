import GRDB
import Synchronization

/// Group commit for the store's one write path: writers that queue up while the writer connection
/// is busy are committed together, in one `BEGIN IMMEDIATE … COMMIT` and so one WAL sync, each in
/// its own SAVEPOINT so that a failing writer rolls back only its own changes and gets its own error.
///
/// No timer: whoever gets the writer connection takes everything queued at that moment (a lone
/// writer commits alone, at once). A caller returns only after the batch holding its write has
/// committed (durably, with `synchronous = FULL`) or failed.
final class GroupCommit: Sendable {
    private let pending = Mutex<[any BatchedWrite]>([])
    /// Number of transactions committed and of writes they held, for tests and benchmarks.
    private let counters = Mutex<(batches: Int, writes: Int)>((0, 0))

    /// Runs `body` in a transaction shared with whatever other writers are queued, on `pool`'s writer.
    func write<T>(on pool: DatabasePool, _ body: (Database) throws -> T) throws -> T {
        // The job never outlives this call: it is queued here, and run and released by a leader
        // holding the writer before this caller can get the writer itself (the writer is serial).
        try withoutActuallyEscaping(body) { body in
            let job = WriteJob(body)
            pending.withLock { $0.append(job) }
            pool.writeWithoutTransaction { db in
                let batch = pending.withLock { queued in
                    defer { queued.removeAll(keepingCapacity: true) }
                    return queued
                }
                // Empty: an earlier leader already committed this caller's write with its own batch.
                if !batch.isEmpty { commit(batch, db) }
            }
            return try job.takeOutcome()
        }
    }

    /// Writers queued and not yet taken by a leader.
    var queuedCount: Int {
        pending.withLock { $0.count }
    }

    /// Transactions committed so far and the writes they held (`writes / batches` is the mean batch).
    var statistics: (batches: Int, writes: Int) {
        counters.withLock { $0 }
    }

    /// One transaction for the whole batch. A failed BEGIN or COMMIT fails every write of the batch
    /// that had succeeded: none of them is durable.
    private func commit(_ batch: [any BatchedWrite], _ db: Database) {
        do {
            try db.inTransaction(.immediate) {
                for job in batch { job.run(db) }
                return .commit
            }
            counters.withLock { $0.batches += 1; $0.writes += batch.count }
        } catch {
            for job in batch { job.transactionFailed(error) }
        }
    }
}

/// One queued writer, type-erased so that writers returning different types share a batch.
protocol BatchedWrite: AnyObject, Sendable {
    /// Runs the write inside its own savepoint of the batch's transaction, keeping its outcome.
    func run(_ db: Database)
    /// The batch's transaction did not commit: a write that had succeeded fails with `error`.
    func transactionFailed(_ error: any Error)
}

/// A writer's body and, once its batch is done, its outcome.
// @unchecked Sendable: `body` and `outcome` are touched by the leader while it holds the (serial)
// writer connection, and by the caller only after it has held that writer itself, which orders them.
private final class WriteJob<T>: BatchedWrite, @unchecked Sendable {
    private var body: ((Database) throws -> T)?
    private var outcome: Result<T, any Error>?

    init(_ body: @escaping (Database) throws -> T) {
        self.body = body
    }

    func run(_ db: Database) {
        guard let body else { return }
        self.body = nil
        do {
            var value: T?
            try db.inSavepoint {
                value = try body(db)
                return .commit
            }
            outcome = .success(value!)
        } catch {
            outcome = .failure(error)
        }
    }

    func transactionFailed(_ error: any Error) {
        body = nil
        if case .failure = outcome { return }
        outcome = .failure(error)
    }

    func takeOutcome() throws -> T {
        guard let outcome else {
            preconditionFailure("a queued write was not run by the writer that took it")
        }
        self.outcome = nil
        return try outcome.get()
    }
}
