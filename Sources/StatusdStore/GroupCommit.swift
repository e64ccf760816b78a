import Foundation
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
        /// The committer thread is running (committing, or waiting for writes before it exits).
        var running = false
        /// The committer is waiting on `arrived`: the next writer to queue signals it.
        var waiting = false
    }

    private let state = Locked(State())
    /// Signalled once per `waiting` flag a writer clears.
    private let arrived = DispatchSemaphore(value: 0)
    /// Counts of transactions committed and of writes they held, for tests and benchmarks.
    private let counters = Locked<(batches: Int, writes: Int)>((0, 0))
    /// How long the committer waits for a write before its thread exits.
    static let idleExit = DispatchTimeInterval.milliseconds(250)

    /// Runs `body` in a transaction shared with whatever other writers are queued, on `pool`'s writer.
    func write<T>(on pool: DatabasePool, _ body: (Database) throws -> T) throws -> T {
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
                startCommitter(on: pool)
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

    /// Whether the committer thread is running (it exits once the store has been idle a while).
    var committerRunning: Bool {
        state.withLock { $0.running }
    }

    /// Transactions committed so far and the writes they held (`writes / batches` is the mean batch).
    var statistics: (batches: Int, writes: Int) {
        counters.withLock { $0 }
    }

    private func startCommitter(on pool: DatabasePool) {
        let thread = Thread { [self] in
            while let batch = nextBatch() {
                pool.writeWithoutTransaction { db in commit(batch, db) }
                for job in batch { job.finish() }
            }
        }
        thread.name = "statusd.store.commit"
        thread.start()
    }

    /// Everything queued, waiting up to `idleExit` for a write when nothing is; nil when none
    /// came (the thread then exits, and the next writer starts another).
    private func nextBatch() -> [any BatchedWrite]? {
        while true {
            let batch = state.withLock { state -> [any BatchedWrite] in
                defer { state.pending.removeAll(keepingCapacity: true) }
                state.waiting = state.pending.isEmpty
                return state.pending
            }
            if !batch.isEmpty { return batch }
            if arrived.wait(timeout: .now() + Self.idleExit) == .success { continue }
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
}

/// A writer's body and, once its batch is done, its outcome.
// @unchecked Sendable: `body` and `outcome` are touched only by the committer while it holds the
// writer, and by the caller after `finish()` has ordered that through `wake`.
private final class WriteJob<T>: BatchedWrite, @unchecked Sendable {
    private var body: ((Database) throws -> T)?
    private var outcome: Result<T, any Error>?
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
