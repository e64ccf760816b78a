import Dispatch
import Foundation
import StatusdPostgres
import StatusdTesting
import Synchronization
import Testing

@Suite(.postgres) struct PostgresMigratorTests {
    @Test func anEmptyDatabaseGetsEverything_andASecondRunNothing() throws {
        try withTestDatabase { url in
            let migrator = try PostgresMigrator.bundled()
            let all = migrator.migrations.map(\.name)
            let connection = try PostgresConnection(url: url)
            #expect(try migrator.migrate(connection) == all)
            #expect(try migrator.migrate(connection) == [])
            #expect(try migrator.appliedNames(connection) == Set(all))
            let recorded = try connection.execute("SELECT name, applied_at FROM schema_migrations ORDER BY name")
            #expect(try recorded.map { try $0.string("name") } == all)
            // Milliseconds since the epoch, as SQLite's bookkeeping keeps them.
            #expect(try recorded.allSatisfy { try $0.int64("applied_at") > 1_700_000_000_000 })
            // The seed row 0002 inserts.
            let counters = try #require(try connection.execute("SELECT * FROM change_counters").first)
            #expect(try [counters.int64("id"), counters.int64("content"), counters.int64("credentials")] == [1, 0, 0])
        }
    }

    /// Two instances starting together: both wait on the advisory lock (checked in pg_locks, no sleep
    /// to hope for it), then each migration is applied by exactly one of them.
    @Test func twoMigratorsAtOnceApplyEachMigrationOnce() throws {
        try withTestDatabase { url in
            let migrator = try PostgresMigrator.bundled()
            let holder = try PostgresConnection(url: url)
            let key = String(PostgresMigrator.advisoryLockKey)
            try holder.execute("SELECT pg_advisory_lock($1::bigint)", [key])

            let outcomes = Mutex<[Result<[String], any Error>]>([])
            let group = DispatchGroup()
            for _ in 0..<2 {
                // Threads of their own: each blocks in libpq, which must not hold the test's executor.
                DispatchQueue.global().async(group: group) {
                    let outcome = Result { try migrator.migrate(PostgresConnection(url: url)) }
                    outcomes.withLock { $0.append(outcome) }
                }
            }
            try waitUntil("both migrators wait on the lock") {
                try holder.execute("""
                    SELECT count(*) AS waiting FROM pg_locks
                    WHERE locktype = 'advisory' AND NOT granted
                      AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                    """).first?.int64("waiting") == 2
            }
            try holder.execute("SELECT pg_advisory_unlock($1::bigint)", [key])
            group.wait()

            let applied = try outcomes.withLock { try $0.map { try $0.get() } }
            #expect(applied.count == 2)
            #expect(applied.flatMap { $0 }.sorted() == migrator.migrations.map(\.name))
            #expect(applied.contains([]))
            #expect(try holder.execute("SELECT count(*) AS n FROM schema_migrations").first?.int64("n")
                == Int64(migrator.migrations.count))
            #expect(try holder.execute("SELECT count(*) AS n FROM change_counters").first?.int64("n") == 1)
        }
    }

    @Test func aDatabaseAheadOfTheBinaryIsRefusedUntouched() throws {
        try withMigratedDatabase { connection, _ in
            try connection.execute(
                "INSERT INTO schema_migrations(name, applied_at) VALUES ($1, $2)", ["0099_from_the_future.sql", "1"])
            let before = try connection.execute("SELECT content FROM change_counters").first?.int64("content")
            let migrator = try PostgresMigrator.bundled()
            #expect(throws: PostgresMigrationError.unknownMigrations(["0099_from_the_future.sql"])) {
                try migrator.migrate(connection)
            }
            // And one that ships a step more than the database has is applied that step only.
            let later = PostgresMigrator(migrations: migrator.migrations + [
                PostgresMigration(name: "0099_from_the_future.sql", sql: "SELECT 1"),
                PostgresMigration(name: "0100_next.sql", sql: "CREATE TABLE next_step (id BIGINT)"),
            ])
            #expect(try later.migrate(connection) == ["0100_next.sql"])
            #expect(try connection.execute("SELECT content FROM change_counters").first?.int64("content") == before)
            // The lock was released on the way out: another session can take it at once.
            let other = try PostgresConnection(url: connection.url)
            #expect(try other.execute("SELECT pg_try_advisory_lock($1::bigint) AS got",
                                      [String(PostgresMigrator.advisoryLockKey)]).first?.bool("got") == true)
        }
    }

    @Test func aFailingMigrationLeavesNoTraceAndStopsTheRun() throws {
        try withMigratedDatabase { connection, _ in
            let migrator = try PostgresMigrator.bundled()
            let broken = PostgresMigrator(migrations: migrator.migrations + [
                PostgresMigration(name: "0100_half.sql", sql: "CREATE TABLE half (id BIGINT); SELECT no_such_column FROM half"),
                PostgresMigration(name: "0101_after.sql", sql: "CREATE TABLE after_half (id BIGINT)"),
            ])
            let error = #expect(throws: PostgresError.self) { try broken.migrate(connection) }
            #expect(error?.sqlState == "42703")
            #expect(try connection.execute("SELECT to_regclass('half') IS NULL AS gone").first?.bool("gone") == true)
            #expect(try broken.appliedNames(connection) == Set(migrator.migrations.map(\.name)))
        }
    }
}

struct PostgresTestError: Error, CustomStringConvertible {
    var description: String
}

/// Polls `condition` until it holds, failing after `timeout`.
func waitUntil(_ what: String, timeout: Duration = .seconds(30), _ condition: () throws -> Bool) throws {
    let deadline = ContinuousClock.now + timeout
    while try !condition() {
        guard ContinuousClock.now < deadline else { throw PostgresTestError(description: "timed out waiting: \(what)") }
        usleep(5_000)
    }
}
