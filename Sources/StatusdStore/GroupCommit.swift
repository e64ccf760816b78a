import Dispatch
import GRDB
import StatusdSync

/// Group commit for the store's one write path: writers that queue up while a transaction is being
/// committed are committed together, in one `BEGIN IMMEDIATE … COMMIT` and so one WAL sync, each in
/// its own SAVEPOINT so that a failing writer rolls back only its own changes and gets its own error.
///
/// One committer thread takes everything queued at that moment (no timer: a lone writer commits
/// alone, at once), commits it on the pool's writer and wakes that batch's writers. Under load it
/// never sleeps, so a batch starts as soon as the one before is durable, not once a sleeping writer
/// has been scheduled to lead it (on two cores, behind the writers just woken). It exits after
/// `idleExit` without writes, so an idle store holds no thread for it. A caller returns only after
/// the batch holding its write has committed (durably, with `synchronous = FULL`) or failed.
final class GroupCommit: Sendable {
    private struct State {
        var pending: [any BatchedWrite] = []
        /// A committer is running (committing, or waiting for writes before it exits).
        var running = false
        /// The committer is waiting on `arrived`: the next writer to queue signals it.
        var waiting = false
    }

    /// Starts a thread running the body; false when none could be started.
    typealias ThreadStarter = @Sendable (@escaping @Sendable () -> Void) -> Bool

    private let state = Locked(State())
    /// Signalled once per `waiting` flag a writer clears.
    private let arrived = DispatchSemaphore(value: 0)
    /// Counts of transactions committed and of writes they held, for tests and benchmarks.
    private let counters = Locked<(batches: Int, writes: Int)>((0, 0))
    /// How long the committer waits for a write before its thread exits.
    private let idleExit: DispatchTimeInterval
    private let startThread: ThreadStarter
    /// For tests: runs on the committer when its wait for a write has timed out, before it decides
    /// whether to exit (the moment a writer may have just queued).
    private let idleWaitTimedOut: (@Sendable () -> Void)?

    init(
        idleExit: DispatchTimeInterval = .milliseconds(250), startThread: @escaping ThreadStarter = DetachedThread.start,
        idleWaitTimedOut: (@Sendable () -> Void)? = nil
    ) {
        self.idleExit = idleExit
        self.startThread = startThread
        self.idleWaitTimedOut = idleWaitTimedOut
    }

    /// Runs `body` in a transaction shared with whatever other writers are queued, on `target`'s writer.
    func write<T>(on target: any WriteTransactions, _ body: (SQLDatabase) throws -> T) throws -> T {
        // The job never outlives this call: the caller returns only once the committer has run it
        // and released its body (or failed it), and the committer keeps no job after that.
        try withoutActuallyEscaping(body) { body in
            let job = WriteJob(body)
            let (start, signal) = state.withLock { state -> (Bool, Bool) in
                state.pending.append(job)
                if !state.running {
                    state.running = true
                    return (true, false)
                }
                defer { state.waiting = false }
                return (false, state.waiting)
            }
            if start {
                startCommitter(on: target)
            } else if signal {
                arrived.signal()
            }
            job.waitUntilDone()
            return try job.takeOutcome()
        }
    }

    /// Writers queued and not yet taken by the committer.
    var queuedCount: Int {
        state.withLock { $0.pending.count }
    }

    /// Whether a committer is running (its thread exits once the store has been idle a while).
    var committerRunning: Bool {
        state.withLock { $0.running }
    }

    /// Transactions committed so far and the writes they held (`writes / batches` is the mean batch).
    var statistics: (batches: Int, writes: Int) {
        counters.withLock { $0 }
    }

    /// The committer holds the target weakly, so that a store let go closes its database at once, not
    /// when the committer gives up waiting; every queued writer is inside `Store.write`, whose store
    /// holds the target. Without a thread, the writer that would have started it commits until
    /// nothing is queued, as a leader would.
    private func startCommitter(on target: any WriteTransactions) {
        let started = startThread { [self, weak target] in
            while let batch = nextBatch(waitingUpTo: idleExit) {
                // The target is held only for the call: a writer, once woken, may let the store go.
                commit(batch, on: target)
                for job in batch { job.finish() }
            }
        }
        guard !started else { return }
        while let batch = nextBatch(waitingUpTo: nil) {
            commit(batch, on: target)
            for job in batch { job.finish() }
        }
    }

    /// Everything queued. When nothing is: waits up to `wait` for a write, then returns nil, the
    /// committer no longer running (the next writer starts another); nil at once without `wait`.
    private func nextBatch(waitingUpTo wait: DispatchTimeInterval?) -> [any BatchedWrite]? {
        while true {
            let batch = state.withLock { state -> [any BatchedWrite] in
                defer { state.pending.removeAll(keepingCapacity: true) }
                state.waiting = state.pending.isEmpty && wait != nil
                if state.pending.isEmpty && wait == nil { state.running = false }
                return state.pending
            }
            if !batch.isEmpty { return batch }
            guard let wait else { return nil }
            if arrived.wait(timeout: .now() + wait) == .success { continue }
            idleWaitTimedOut?()
            let exits = state.withLock { state -> Bool in
                // Still waiting: no writer came, and none will signal. Else one cleared the flag
                // and is about to signal: take that signal before looking again.
                guard state.waiting else { return false }
                state.waiting = false
                state.running = false
                return true
            }
            if exits { return nil }
            arrived.wait()
        }
    }

    /// A batch whose transaction SQLite rolled back without saying why to the writer that was running.
    static let rolledBack = DatabaseError(resultCode: .SQLITE_ABORT, message: "the transaction was rolled back")

    /// Commits `batch` on the target's writer (the writers are woken by the caller).
    private func commit(_ batch: [any BatchedWrite], on target: (any WriteTransactions)?) {
        guard let target else {
            let closed = DatabaseError(resultCode: .SQLITE_MISUSE, message: "the store was closed")
            for job in batch { job.transactionFailed(closed) }
            return
        }
        // One transaction for the whole batch. A failed BEGIN or COMMIT fails every write of the
        // batch that had succeeded: none of them is durable.
        do {
            try target.inWriteTransaction { db in
                for job in batch {
                    job.run(db)
                    // SQLite may answer SQLITE_FULL, IOERR, BUSY or NOMEM by rolling back the whole
                    // transaction, not just the savepoint: the writes before this one are gone, and
                    // GRDB would refuse each one after with "transaction was aborted". PostgreSQL's
                    // connection may break mid-batch. The whole batch fails with this writer's
                    // error instead (a full disk: 503, not 500).
                    if !db.isInsideTransaction { throw job.failure ?? GroupCommit.rolledBack }
                }
            }
            counters.withLock { $0.batches += 1; $0.writes += batch.count }
        } catch {
            for job in batch { job.transactionFailed(error) }
        }
    }
}

/// Where the group commit runs its transactions: SQLite's writer connection, or PostgreSQL's.
protocol WriteTransactions: AnyObject, Sendable {
    /// Runs `body` in one write transaction: committed (durably) when it returns, rolled back when
    /// it throws, the error rethrown.
    func inWriteTransaction(_ body: (SQLDatabase) throws -> Void) throws
}

/// One queued writer, type-erased so that writers returning different types share a batch.
protocol BatchedWrite: AnyObject, Sendable {
    /// Runs the write inside its own savepoint of the batch's transaction, keeping its outcome.
    func run(_ db: SQLDatabase)
    /// The batch's transaction did not commit: a write that had succeeded fails with `error`.
    func transactionFailed(_ error: any Error)
    /// Its batch is done: wakes its writer with the outcome.
    func finish()
    /// The error its body failed with, once run (nil while it has not run or if it succeeded).
    var failure: (any Error)? { get }
}

/// A writer's body and, once its batch is done, its outcome.
// @unchecked Sendable: `body` and `outcome` are touched only by the committer while it holds the
// writer, and by the caller after `finish()` has ordered that through `wake`.
private final class WriteJob<T>: BatchedWrite, @unchecked Sendable {
    private var body: ((SQLDatabase) throws -> T)?
    private var outcome: Result<T, any Error>?
    private let wake = DispatchSemaphore(value: 0)

    init(_ body: @escaping (SQLDatabase) throws -> T) {
        self.body = body
    }

    func run(_ db: SQLDatabase) {
        guard let body else { return }
        self.body = nil
        do {
            outcome = .success(try db.inSavepoint { try body(db) })
        } catch {
            outcome = .failure(error)
        }
    }

    var failure: (any Error)? {
        guard case .failure(let error) = outcome else { return nil }
        return error
    }

    func transactionFailed(_ error: any Error) {
        body = nil
        if case .failure = outcome { return }
        outcome = .failure(error)
    }

    func finish() {
        wake.signal()
    }

    /// Blocks until its batch is done.
    func waitUntilDone() {
        wake.wait()
    }

    func takeOutcome() throws -> T {
        guard let outcome else {
            preconditionFailure("a queued write was not run by the committer that took it")
        }
        self.outcome = nil
        return try outcome.get()
    }
}
