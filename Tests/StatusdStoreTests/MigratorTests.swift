import Foundation
import GRDB
@testable import StatusdStore
import Testing

@Suite struct MigratorTests {
    @Test func bundledMigrations_areFound_andAppliedInOrder() throws {
        let migrator = try Migrator.bundled()
        #expect(migrator.migrations.first?.name == "0001_init.sql")
        #expect(migrator.migrations.map(\.name) == migrator.migrations.map(\.name).sorted())
    }

    @Test func freshDatabase_appliesAll_reopenAppliesNothing() throws {
        try withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("m.db").path
            let bundled = try Migrator.bundled().migrations.map(\.name)
            #expect(bundled.starts(with: ["0001_init.sql", "0002_change_counters.sql"]))
            let first = try Store(path: path)
            #expect(first.migrationsApplied == bundled)
            let second = try Store(path: path)
            #expect(second.migrationsApplied.isEmpty)
            let recorded = try second.read { db in
                try String.fetchAll(db, sql: "SELECT name FROM schema_migrations ORDER BY name")
            }
            #expect(recorded == bundled)
        }
    }

    /// A file made by the first release (0001 only) is brought up to date with its rows intact, and
    /// its writes count in `change_counters` from then on.
    @Test func aFirstReleaseDatabaseGainsTheContentVersion() throws {
        try withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("m.db").path
            let initial = try Migrator.bundled().migrations.filter { $0.name == "0001_init.sql" }
            let old = try Store(path: path, migrator: Migrator(migrations: initial))
            try PageFixture.makeAsFirstRelease(in: old)
            // A row as the first release wrote it: only 0001's columns (today's store writes more).
            try old.write { db in
                try db.execute(sql: """
                    INSERT INTO incidents(id, status_page_id, title, description, status, impact, started_at,
                                          created_at, updated_at)
                    VALUES ('old', 'page', 'Before the upgrade', 'd', 0, NULL, 1, 1, 1)
                    """)
            }
            let upgraded = try Store(path: path)
            #expect(upgraded.migrationsApplied.first == "0002_change_counters.sql")
            let kept = try upgraded.incident("old", statusPageId: "page")
            #expect(kept?.title == "Before the upgrade")
            #expect(kept?.notifySubscribers == true)
            let before = try upgraded.changeCounters()
            _ = try upgraded.createIncident(.make(), statusPageId: "page")
            #expect(try upgraded.changeCounters().content > before.content)
        }
    }

    @Test func newMigration_isApplied_withItsBookkeepingRow() throws {
        try withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("m.db").path
            _ = try Store(path: path)
            var migrations = try Migrator.bundled().migrations
            migrations.append(Migration(name: "9002_extra.sql", sql: "CREATE TABLE extra(x INTEGER);"))
            let store = try Store(path: path, migrator: Migrator(migrations: migrations))
            #expect(store.migrationsApplied == ["9002_extra.sql"])
            #expect(try store.read { db in try db.tableExists("extra") })
        }
    }

    @Test func failingMigration_leavesNoTrace() throws {
        try withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("m.db").path
            _ = try Store(path: path)
            var migrations = try Migrator.bundled().migrations
            migrations.append(Migration(name: "9002_bad.sql", sql: "CREATE TABLE half(x); SELECT * FROM nowhere;"))
            #expect(throws: DatabaseError.self) {
                try Store(path: path, migrator: Migrator(migrations: migrations))
            }
            let store = try Store(path: path)
            #expect(try store.read { db in try db.tableExists("half") } == false)
            let names = try store.read { db in try String.fetchAll(db, sql: "SELECT name FROM schema_migrations ORDER BY name") }
            #expect(names == (try Migrator.bundled().migrations.map(\.name)))
        }
    }

    @Test func newerDatabase_isRefused_andNotTouched() throws {
        try withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("m.db").path
            do {
                var migrations = try Migrator.bundled().migrations
                migrations.append(Migration(name: "0999_future.sql", sql: "CREATE TABLE future(x);"))
                let future = try Store(path: path, migrator: Migrator(migrations: migrations))
                try future.sqlitePool.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
            }
            let before = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect(throws: MigrationError.unknownMigrations(["0999_future.sql"])) {
                try Store(path: path)
            }
            let after = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect(before == after)
            #expect(MigrationError.unknownMigrations(["0999_future.sql"]).description.contains("newer statusd"))
        }
    }
}
