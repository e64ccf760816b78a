import Dispatch
import Foundation
import GRDB
import StatusdCore
@testable import StatusdStore
import StatusdSync
import Synchronization
import Testing

/// Group commit in `Store.write`: writers queued behind a busy writer share one transaction, each in
/// its own savepoint, and each returns only once its batch has committed.
@Suite struct GroupCommitTests {
    struct Boom: Error, Equatable {}

    @Test func concurrentWriters_allSucceed_andAreAllVisible() throws {
        try withTestStore { store in
            _ = try PageFixture.make(in: store)
            let created = Locked<[String]>([])
            let done = DispatchGroup()
            for index in 0..<64 {
                onThread(done) {
                    let incident = try? store.createIncident(.make(title: "Writer \(index)"), statusPageId: "page")
                    if let incident { created.withLock { $0.append(incident.id) } }
                }
            }
            done.wait()
            let ids = created.withLock { $0 }
            #expect(ids.count == 64)
            for id in ids {
                let incident = try store.incident(id, statusPageId: "page")
                #expect(incident?.updatesCount == 1)
            }
            let total = try store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM incidents") }
            #expect(total == 64)
        }
    }

    @Test func writersQueuedBehindABusyWriter_commitInOneTransaction() throws {
        try withTestStore { store in
            _ = try PageFixture.make(in: store)
            let before = store.groupCommit.statistics
            let results = try withWritersQueuedBehindHeldWriter(store, count: 16) { index in
                try store.createIncident(.make(id: "queued-\(index)"), statusPageId: "page")
            }
            #expect(results.allSatisfy { (try? $0.get()) != nil })
            let after = store.groupCommit.statistics
            // The held writer's own transaction, then one for all 16 that queued behind it.
            #expect(after.batches - before.batches == 2)
            #expect(after.writes - before.writes == 17)
            for index in 0..<16 {
                #expect(try store.incident("queued-\(index)", statusPageId: "page") != nil)
            }
        }
    }

    @Test func failingWriterInABatch_rollsBackOnlyItself_andGetsItsOwnError() throws {
        try withTestStore { store in
            _ = try PageFixture.make(in: store)
            let results = try withWritersQueuedBehindHeldWriter(store, count: 8) { index -> String in
                switch index {
                case 3:  // Writes, then throws: its own row must go.
                    return try store.write { db -> String in
                        try db.execute(sql: "INSERT INTO projects(id, name, created_at) VALUES ('doomed', 'D', 0)")
                        throw Boom()
                    }
                case 5:  // A store error of its own.
                    return try store.createIncident(
                        .make(components: [AffectedComponent(componentId: "nope")]), statusPageId: "page").id
                default:
                    return try store.createIncident(.make(id: "ok-\(index)"), statusPageId: "page").id
                }
            }
            #expect(throws: Boom.self) { try results[3].get() }
            #expect(throws: StoreError.unknownComponents(["nope"])) { try results[5].get() }
            for index in [0, 1, 2, 4, 6, 7] {
                #expect(try results[index].get() == "ok-\(index)")
                #expect(try store.incident("ok-\(index)", statusPageId: "page")?.updatesCount == 1)
            }
            #expect(try store.project("doomed") == nil)
            let total = try store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM incidents") }
            #expect(total == 6)
        }
    }

    /// SQLite rolls back a whole transaction on some errors (SQLITE_FULL, IOERR, BUSY, NOMEM), not
    /// just the failing statement: the batch then fails as one, none of its writes made, and every
    /// writer in it gets that writer's error (a full disk, answered 503), not GRDB's "transaction
    /// was aborted" (a 500). A writer that rolls back and throws stands in for the full disk.
    @Test func aBatchWhoseTransactionSQLiteRolledBack_failsEveryWriterWithThatError_andWritesNothing() throws {
        try withTestStore { store in
            _ = try PageFixture.make(in: store)
            let holding = DispatchSemaphore(value: 0)
            let release = DispatchSemaphore(value: 0)
            let done = DispatchGroup()
            onThread(done) {
                _ = try? store.write { _ in
                    holding.signal()
                    release.wait()
                }
            }
            holding.wait()
            let outcomes = Locked<[String: Result<Void, any Error>]>([:])
            onThread(done) {
                let outcome = Result { try store.write { db in try db.execute(sql: "ROLLBACK"); throw Boom() } }
                outcomes.withLock { $0["rollback"] = outcome }
            }
            try #require(waitUntil { store.groupCommit.queuedCount == 1 })
            for index in 0..<7 {
                onThread(done) {
                    let outcome = Result { _ = try store.createIncident(.make(id: "after-\(index)"), statusPageId: "page") }
                    outcomes.withLock { $0["after-\(index)"] = outcome }
                }
            }
            let queued = waitUntil { store.groupCommit.queuedCount == 8 }
            release.signal()
            done.wait()
            try #require(queued, "the writers never all queued behind the held writer")
            let all = outcomes.withLock { $0 }
            #expect(all.count == 8)
            for (writer, outcome) in all {
                #expect(throws: Boom.self, "\(writer)") { try outcome.get() }
            }
            let total = try store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM incidents") }
            #expect(total == 0)
            // The write path is sound afterwards.
            #expect(try store.createIncident(.make(id: "later"), statusPageId: "page").id == "later")
        }
    }

    @Test func loneWrite_commitsAtOnce_inItsOwnTransaction() throws {
        try withSQLiteTestStore { store in
            _ = try PageFixture.make(in: store)
            // Baseline: the same number of plain one-insert transactions on the same writer.
            let rounds = 20
            let plain = try elapsed {
                for index in 0..<rounds {
                    try store.sqlitePool.writeWithoutTransaction { db in
                        try db.inTransaction(.immediate) {
                            try db.execute(
                                sql: "INSERT INTO projects(id, name, created_at) VALUES (?, 'P', 0)",
                                arguments: ["plain-\(index)"])
                            return .commit
                        }
                    }
                }
            }
            let before = store.groupCommit.statistics
            let grouped = try elapsed {
                for index in 0..<rounds {
                    _ = try store.createProject(id: "lone-\(index)", name: "P")
                }
            }
            let after = store.groupCommit.statistics
            #expect(after.batches - before.batches == rounds)
            #expect(after.writes - before.writes == rounds)
            // No batching window: a lone writer costs about what a plain transaction does.
            #expect(grouped < plain * 3 + 0.2, "lone writes took \(grouped) s, plain transactions \(plain) s")
        }
    }

    @Test func writersInABatch_runWithSynchronousFull() throws {
        try withSQLiteTestStore { store in
            let results = try withWritersQueuedBehindHeldWriter(store, count: 4) { _ in
                try store.write { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") }
            }
            for result in results { #expect(try result.get() == 2) }  // FULL
        }
    }

    @Test func committerThread_exitsWhenTheStoreIsIdle_andTheNextWriteStartsAnother() throws {
        try withTestStore { store in
            _ = try store.createProject(id: "before", name: "P")
            // It waits 250 ms for another write, then exits.
            var exited = false
            for _ in 0..<500 where !exited {
                usleep(10_000)
                exited = !store.groupCommit.committerRunning
            }
            #expect(exited, "the committer was still running 5 s after the last write")
            let before = store.groupCommit.statistics
            _ = try store.createProject(id: "after", name: "P")
            #expect(store.groupCommit.statistics.batches == before.batches + 1)
            #expect(try store.project("after") != nil)
        }
    }

    /// Writers that come just as the committer gives up waiting (a 100 µs wait here) are all
    /// committed: none is left queued with no committer, none is committed twice.
    @Test func writersArrivingAsTheCommitterExits_areAllCommitted() throws {
        try withTestStore { store in
            let commit = GroupCommit(idleExit: .microseconds(100))
            let committed = Atomic<Int>(0)
            let done = DispatchGroup()
            for writer in 0..<8 {
                onThread(done) {
                    for index in 0..<40 {
                        usleep(UInt32.random(in: 0...300))
                        let id = "w\(writer)-\(index)"
                        let wrote: Void? = try? commit.write(on: store.backend.writeTransactions) { db in
                            try db.execute(sql: "INSERT INTO projects(id, name, created_at) VALUES (?, 'P', 0)", arguments: [id])
                        }
                        if wrote != nil { committed.add(1, ordering: .relaxed) }
                    }
                }
            }
            try #require(done.wait(timeout: .now() + 30) == .success, "a writer never returned")
            #expect(committed.load(ordering: .relaxed) == 320)
            #expect(commit.statistics.writes == 320)
            let rows = try store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM projects") }
            #expect(rows == 320)
        }
    }

    /// A writer that queues after the committer's wait has timed out but before it exits is
    /// committed by that committer (it saw the writer clear its waiting flag), not left queued with
    /// no committer running.
    @Test func aWriterQueuingAsTheCommittersWaitTimesOut_isCommitted() throws {
        try withTestStore { store in
            let late = DispatchGroup()
            let lateWriter = Locked<(@Sendable () -> Void)?>(nil)
            let commit = GroupCommit(idleExit: .milliseconds(1), idleWaitTimedOut: {
                // Once: the late writer queues now, and the committer goes on only when it has.
                lateWriter.withLock { writer in
                    defer { writer = nil }
                    return writer
                }?()
            })
            lateWriter.withLock { writer in
                writer = { @Sendable in
                    Thread.detachNewThread {
                        _ = try? commit.write(on: store.backend.writeTransactions) { db in
                            try db.execute(sql: "INSERT INTO projects(id, name, created_at) VALUES ('late', 'P', 0)")
                        }
                        late.leave()
                    }
                    var queued = false
                    for _ in 0..<10_000 where !queued {
                        usleep(100)
                        queued = commit.queuedCount == 1
                    }
                }
            }
            late.enter()  // left by the late writer, which the committer's first timed-out wait starts
            _ = try commit.write(on: store.backend.writeTransactions) { db in
                try db.execute(sql: "INSERT INTO projects(id, name, created_at) VALUES ('first', 'P', 0)")
            }
            try #require(late.wait(timeout: .now() + 30) == .success, "the late writer was left waiting")
            #expect(try store.project("late") != nil)
            #expect(commit.statistics.batches == 2)
        }
    }

    /// With no thread to be had (a pids limit), the writer that would have started the committer
    /// commits its own write and every one queued meanwhile, and the next writer tries again.
    @Test func withoutAThreadForTheCommitter_writersCommitThemselves() throws {
        try withTestStore { store in
            let attempts = Atomic<Int>(0)
            let commit = GroupCommit { _ in
                attempts.add(1, ordering: .relaxed)
                return false
            }
            let done = DispatchGroup()
            for writer in 0..<16 {
                onThread(done) {
                    _ = try? commit.write(on: store.backend.writeTransactions) { db in
                        try db.execute(
                            sql: "INSERT INTO projects(id, name, created_at) VALUES (?, 'P', 0)", arguments: ["t\(writer)"])
                    }
                }
            }
            try #require(done.wait(timeout: .now() + 30) == .success, "a writer never returned")
            let rows = try store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM projects") }
            #expect(rows == 16)
            #expect(!commit.committerRunning)
            #expect(attempts.load(ordering: .relaxed) >= 1)
            _ = try commit.write(on: store.backend.writeTransactions) { db in
                try db.execute(sql: "INSERT INTO projects(id, name, created_at) VALUES ('later', 'P', 0)")
            }
            #expect(attempts.load(ordering: .relaxed) >= 2)
        }
    }

    /// A store that is let go closes its database at once (its last connection checkpoints and
    /// removes the -wal file), not when its committer would have given up waiting.
    @Test func aStoreLetGo_closesItsDatabaseAtOnce_evenRightAfterAWrite() throws {
        try withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("closing.db").path
            do {
                let store = try Store(path: path)
                _ = try store.createProject(id: "last", name: "P")
                #expect(FileManager.default.fileExists(atPath: path + "-wal"))
            }
            #expect(!FileManager.default.fileExists(atPath: path + "-wal"), "the database was still open")
            let reopened = try Store(path: path)
            #expect(try reopened.project("last") != nil)
        }
    }

    // MARK: Helpers

    /// Holds the writer with one write, queues `count` writers behind it (waiting until all are
    /// queued), releases it, and returns each queued writer's outcome by index.
    func withWritersQueuedBehindHeldWriter<T: Sendable>(
        _ store: Store, count: Int, _ writer: @escaping @Sendable (Int) throws -> T
    ) throws -> [Result<T, any Error>] {
        let holding = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let done = DispatchGroup()
        // Threads of their own: Dispatch's global queue runs only as many blocked items as cores.
        onThread(done) {
            _ = try? store.write { _ in
                holding.signal()
                release.wait()
            }
        }
        holding.wait()
        let results = Locked<[Int: Result<T, any Error>]>([:])
        for index in 0..<count {
            onThread(done) {
                let result = Result { try writer(index) }
                results.withLock { $0[index] = result }
            }
        }
        let queued = waitUntil { store.groupCommit.queuedCount == count }
        release.signal()
        done.wait()
        try #require(queued, "the writers never all queued behind the held writer")
        return results.withLock { all in (0..<count).map { all[$0]! } }
    }

    private func onThread(_ group: DispatchGroup, _ body: @escaping @Sendable () -> Void) {
        group.enter()
        Thread.detachNewThread {
            body()
            group.leave()
        }
    }

    private func waitUntil(_ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(10)
        while !condition() {
            guard Date() < deadline else { return false }
            sched_yield()
        }
        return true
    }

    private func elapsed(_ body: () throws -> Void) rethrows -> TimeInterval {
        let start = Date()
        try body()
        return Date().timeIntervalSince(start)
    }
}
