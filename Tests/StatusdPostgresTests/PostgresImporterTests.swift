import Foundation
import StatusdPostgres
@testable import StatusdStore
import StatusdTesting
import Testing

/// `PostgresImporter`: a SQLite store with a row in every table, copied into a fresh PostgreSQL
/// database, reads back the same, table by table, row by row, column by column.
@Suite(.postgres) struct PostgresImporterTests {
    /// 1000: the default; 2: many statements per table and a short last one.
    @Test(arguments: [1000, 2])
    func everyTableIsCopiedRowByRow(rowsPerStatement: Int) throws {
        try withFilledStoreAndTarget { store, _, connection, _ in
            let tables = try TableContents.sqliteTableNames(store)
            let counts = try store.withTableCopySnapshot {
                try PostgresImporter(connection: connection, maximumRowsPerStatement: rowsPerStatement).copy($0)
            }
            // A table added later without copy support (or without fixture rows) fails here.
            #expect(Set(counts.map(\.table)) == tables)
            #expect(counts.count == tables.count)
            var compared: Set<String> = []
            for table in tables.sorted() {
                let sqlite = try TableContents.sqlite(table, store)
                #expect(!sqlite.rows.isEmpty, "CopyFixture writes no row to \(table)")
                let key = try TableContents.primaryKey(table, store)
                let postgres = try TableContents.postgres(table, like: sqlite, key: key, connection)
                #expect(postgres == sqlite, "\(table)")
                for (index, row) in sqlite.rows.enumerated() where index < postgres.rows.count && row != postgres.rows[index] {
                    Issue.record("\(table) row \(index): SQLite \(row), PostgreSQL \(postgres.rows[index])")
                    break
                }
                #expect(counts.first { $0.table == table }?.rows == sqlite.rows.count, "\(table)")
                compared.insert(table)
            }
            #expect(compared == tables)
        }
    }

    @Test func theCountersAreSQLitesAndTheTriggersRunAgainAfterwards() throws {
        try withFilledStoreAndTarget { store, _, connection, _ in
            try store.withTableCopySnapshot { _ = try PostgresImporter(connection: connection).copy($0) }
            for table in ["change_counters", "page_change_counters", "incident_counts"] {
                let sqlite = try TableContents.sqlite(table, store)
                let postgres = try TableContents.postgres(table, like: sqlite, key: TableContents.primaryKey(table, store), connection)
                #expect(postgres == sqlite, "\(table)")
            }
            let before = try counters(connection)
            try connection.execute("""
                INSERT INTO incidents(id, status_page_id, title, description, status, impact, started_at, created_at, updated_at)
                VALUES ('after-copy', $1, 't', 'd', 0, 'MAJOR_OUTAGE', 1, 1, 1)
                """, [CopyFixture.pageId])
            let after = try counters(connection)
            #expect(after.content == before.content + 1)
            #expect(after.pageVersion == before.pageVersion + 1)
            #expect(after.openMajor == before.openMajor + 1)
            // The identity sequences start past the copied values: SQLite's AUTOINCREMENT high mark for
            // audit_log, the highest seq for incident_updates.
            let auditHigh = try store.read { db in try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'") }
            let audit = try connection.execute("""
                INSERT INTO audit_log(occurred_at, actor_type, action, resource_type, resource_id, fields)
                VALUES (1, 'cli', 'create', 'incident', 'after-copy', '[]') RETURNING seq
                """)
            #expect(try audit.first?.int64("seq") == (auditHigh ?? 0) + 1)
            let update = try connection.execute("""
                INSERT INTO incident_updates(id, incident_id, message, status, created_by, created_at, updated_at)
                VALUES ('u-after', 'after-copy', 'm', 0, 'ops', 1, 1) RETURNING seq
                """)
            let highestSeq = try store.read { db in try Int64.fetchOne(db, sql: "SELECT max(seq) FROM incident_updates") }
            #expect(try update.first?.int64("seq") == (highestSeq ?? 0) + 1)
        }
    }

    @Test func aFreshlyMigratedTargetHoldsNoData() throws {
        try withMigratedDatabase { connection, _ in
            let held = try PostgresImporter(connection: connection).tableHoldingData()
            #expect(held == nil)
        }
    }

    @Test func anotherApplicationsDatabaseIsRefusedBeforeItIsMigrated() throws {
        try withTestDatabase { url in
            let connection = try PostgresConnection(url: url)
            try connection.executeScript("CREATE TABLE orders (id BIGINT); INSERT INTO orders VALUES (1);")
            let error = #expect(throws: PostgresCopyError.self) {
                try PostgresImporter(connection: connection).migrateEmptyTarget(with: PostgresMigrator.bundled())
            }
            #expect(error == .targetHoldsData(table: "orders"))
            let tables = try connection.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
            #expect(try tables.map { try $0.string("tablename") } == ["orders"])
        }
    }

    @Test func aTargetWithDataIsRefusedAndLeftAsItWas() throws {
        try withFilledStoreAndTarget { store, _, connection, _ in
            try connection.execute("INSERT INTO projects(id, name, created_at) VALUES ('there', 'Already there', 5)")
            let error = try failedCopyLeavingTheTargetAsItWas(store, connection)
            // The project's insert moved change_counters too: the first table by name with data is named.
            #expect(error == .targetHoldsData(table: "change_counters"))
        }
    }

    @Test func aRowRefusedMidwayLeavesTheTargetEmpty() throws {
        try withFilledStoreAndTarget { store, _, connection, _ in
            // incidents come after projects, pages and components: rows of those are written first.
            try connection.execute("ALTER TABLE incidents ADD CONSTRAINT copy_test_refusal CHECK (title <> 'Keyed')")
            let error = try failedCopyLeavingTheTargetAsItWas(store, connection)
            guard case .rowsRefused(let table, let cause) = error else {
                Issue.record("not a refused row: \(String(describing: error))")
                return
            }
            #expect(table == "incidents" && cause.sqlState == "23514")
            #expect(!String(describing: error!).contains("$1"), "the statement's placeholders stay out of the message")
            let held = try PostgresImporter(connection: connection).tableHoldingData()
            #expect(held == nil)
        }
    }

    @Test func aStatementStaysUnderTheParameterLimit() {
        let wide = CopiedTable(name: "t", columns: (0..<100).map { "c\($0)" }, primaryKey: [], references: [])
        let sql = PostgresImporter.insertSQL(wide, rows: PostgresImporter.parameterLimit / 100)
        #expect(sql.hasSuffix("$65500)"))
        #expect(sql.hasPrefix("INSERT INTO \"t\" (\"c0\", \"c1\""))
    }

    /// Copies `store` into the target expecting a `PostgresCopyError`, and checks that the target's
    /// rows, counters and triggers are as they were before.
    private func failedCopyLeavingTheTargetAsItWas(
        _ store: Store, _ connection: PostgresConnection
    ) throws -> PostgresCopyError? {
        let before = try snapshotOfTarget(connection)
        let error = #expect(throws: PostgresCopyError.self) {
            try store.withTableCopySnapshot { _ = try PostgresImporter(connection: connection).copy($0) }
        }
        #expect(try snapshotOfTarget(connection) == before)
        #expect(try disabledTriggers(connection) == [])
        return error
    }

    private func counters(_ connection: PostgresConnection) throws -> (content: Int64, pageVersion: Int64, openMajor: Int64) {
        let row = try connection.execute("""
            SELECT (SELECT content FROM change_counters WHERE id = 1) AS content,
                   (SELECT version FROM page_change_counters WHERE status_page_id = $1) AS version,
                   (SELECT coalesce(sum(count), 0) FROM incident_counts
                     WHERE status_page_id = $1 AND status = 0 AND severity = 3) AS open_major
            """, [CopyFixture.pageId])
        return (try row[0].int64("content"), try row[0].int64("version"), try row[0].int64("open_major"))
    }

    /// Every table's row count and the change counters, as text.
    private func snapshotOfTarget(_ connection: PostgresConnection) throws -> [String] {
        let tables = try connection.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1")
            .map { try $0.string("tablename") }
        return try tables.map { table in
            "\(table)=\(try connection.execute("SELECT count(*) AS n FROM \"\(table)\"")[0].int64("n"))"
        } + [try connection.execute("SELECT content || '/' || credentials AS v FROM change_counters")[0].string("v")]
    }

    /// User triggers not enabled ('O' is enabled in origin mode).
    private func disabledTriggers(_ connection: PostgresConnection) throws -> [String] {
        try connection.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgenabled <> 'O'")
            .map { try $0.string("tgname") }
    }
}
