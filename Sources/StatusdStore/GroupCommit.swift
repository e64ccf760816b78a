import Dispatch
import GRDB
import StatusdSync

/// Group commit for the store's one write path: writers that queue up while a transaction is being
/// committed are committed together, in one `BEGIN IMMEDIATE … COMMIT` and so one WAL sync, each in
/// its own SAVEPOINT so that a failing writer rolls back only its own changes and gets its own error.
///
/// One writer at a time leads: it takes everything queued at that moment (no timer: a lone writer
/// commits alone, at once), commits it on the pool's writer, wakes the writers of that batch and hands
/// leadership to the first writer that queued meanwhile. A caller returns only after the batch holding
/// its write has committed (durably, with `synchronous = FULL`) or failed.
final class GroupCommit: Sendable {
    private struct State {
        var pending: [any BatchedWrite] = []
        /// A leader is committing (or about to): new writers queue and wait for their turn.
        var leading = false
    }

    private let state = Locked(State())
    /// Number of transactions committed and of writes they held, for tests and benchmarks.
    private let counters = Locked<(batches: Int, writes: Int)>((0, 0))

    /// Runs `body` in a transaction shared with whatever other writers are queued, on `pool`'s writer.
    func write<T>(on pool: DatabasePool, _ body: (Database) throws -> T) throws -> T {
        // The job never outlives this call: the caller returns only once a leader has run it and
        // released its body (or failed it), and no leader keeps it after that.
        try withoutActuallyEscaping(body) { body in
            let job = WriteJob(body)
            let leads = state.withLock { state in
                state.pending.append(job)
                defer { state.leading = true }
                return !state.leading
            }
            if leads || job.waitForTurn() == .lead {
                lead(on: pool)
            }
            return try job.takeOutcome()
        }
    }

    /// Writers queued and not yet taken by a leader.
    var queuedCount: Int {
        state.withLock { $0.pending.count }
    }

    /// Transactions committed so far and the writes they held (`writes / batches` is the mean batch).
    var statistics: (batches: Int, writes: Int) {
        counters.withLock { $0 }
    }

    /// Commits everything queued (the leader's own write among it), then wakes that batch's writers
    /// and passes leadership on, or gives it up when nothing is queued.
    private func lead(on pool: DatabasePool) {
        let batch = pool.writeWithoutTransaction { db in
            let batch = state.withLock { state in
                defer { state.pending.removeAll(keepingCapacity: true) }
                return state.pending
            }
            commit(batch, db)
            return batch
        }
        let next = state.withLock { state -> (any BatchedWrite)? in
            if let first = state.pending.first { return first }
            state.leading = false
            return nil
        }
        for job in batch { job.finish() }
        next?.promote()
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
    /// Its batch is done: wakes its writer with the outcome.
    func finish()
    /// Wakes its writer to lead the next batch (which will hold this write).
    func promote()
}

/// Why a waiting writer was woken.
enum WriteTurn {
    case done
    case lead
}

/// A writer's body and, once its batch is done, its outcome.
// @unchecked Sendable: `body` and `outcome` are touched only by the one leader while it holds the
// writer, and by the caller after `finish()` (or its own leading) has ordered that through `wake`.
private final class WriteJob<T>: BatchedWrite, @unchecked Sendable {
    private var body: ((Database) throws -> T)?
    private var outcome: Result<T, any Error>?
    private var turn = WriteTurn.done
    private let wake = DispatchSemaphore(value: 0)

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

    func finish() {
        turn = .done
        wake.signal()
    }

    func promote() {
        turn = .lead
        wake.signal()
    }

    /// Blocks until its batch is done or it is made the next leader.
    func waitForTurn() -> WriteTurn {
        wake.wait()
        return turn
    }

    func takeOutcome() throws -> T {
        guard let outcome else {
            preconditionFailure("a queued write was not run by the leader that took it")
        }
        self.outcome = nil
        return try outcome.get()
    }
}
