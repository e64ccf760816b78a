import Foundation
import GRDB
import StatusdPostgres
import StatusdTesting
@testable import StatusdStore
import Testing

/// PostgreSQL's schema against SQLite's, the source of truth: the same tables, columns and named
/// indexes, and triggers that count writes the same way. A SQLite migration that adds a column
/// fails here until Migrations/postgres has its twin.
@Suite(.postgres) struct PostgresSchemaTests {
    @Test func theSameTablesAndColumnsAsAFreshSQLiteStore() throws {
        let sqlite = try sqliteSchema()
        try withMigratedDatabase { connection, _ in
            let columns = try connection.execute("""
                SELECT table_name, column_name FROM information_schema.columns
                WHERE table_schema = current_schema()
                """).map { try "\($0.string("table_name")).\($0.string("column_name"))" }
            #expect(Set(columns).subtracting(sqlite.columns).sorted() == [], "in PostgreSQL only")
            #expect(sqlite.columns.subtracting(columns).sorted() == [], "in SQLite only: add them to Migrations/postgres")
            #expect(Set(columns).count == sqlite.columns.count)
        }
    }

    @Test func theSameNamedIndexes() throws {
        let sqlite = try sqliteSchema()
        try withMigratedDatabase { connection, _ in
            // Indexes made by PRIMARY KEY and UNIQUE constraints are named by each engine its own way.
            let indexes = try connection.execute("""
                SELECT indexname FROM pg_indexes
                WHERE schemaname = current_schema()
                  AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE contype IN ('p', 'u'))
                """).map { try $0.string("indexname") }
            #expect(Set(indexes) == sqlite.indexes)
        }
    }

    /// incidents, the representative table: every step's change counters, page counters and list
    /// totals equal SQLite's after the same statements.
    @Test func changeCounterTriggersCountAsSQLitesDo() throws {
        let steps = CounterStep.incidentSteps
        let sqlite = try withTemporaryStore { store in
            try steps.map { step in
                try store.write { db in try db.execute(sql: step.sqlite) }
                return try store.sqlitePool.read { db in try CounterSnapshot(sqlite: db) }
            }
        }
        let postgres = try withMigratedDatabase { connection, _ in
            try steps.map { step in
                try connection.executeScript(step.postgres)
                return try CounterSnapshot(postgres: connection)
            }
        }
        #expect(sqlite.count == steps.count)
        for (index, step) in steps.enumerated() {
            #expect(postgres[index].since(postgres[0]) == sqlite[index].since(sqlite[0]), "after \(step.postgres)")
        }
        // The steps did move every counter (else equality proves little).
        #expect(postgres.last?.content != postgres.first?.content)
        #expect(postgres.last?.credentials != postgres.first?.credentials)
    }

    @Test func constraintsHoldAsInSQLite() throws {
        try withMigratedDatabase { connection, _ in
            try connection.executeScript("""
                INSERT INTO projects VALUES ('p', 'P', 1);
                INSERT INTO status_pages(id, project_id, name, subdomain, created_at, updated_at)
                    VALUES ('a', 'p', 'A', 'a', 1, 1), ('b', 'p', 'B', 'b', 1, 1);
                INSERT INTO component_groups(id, status_page_id, name, created_at, updated_at) VALUES ('g', 'a', 'G', 1, 1);
                INSERT INTO subscribers VALUES ('s1', 'a', 'Ab@example.com', NULL, 1);
                """)
            let refused: [(String, String)] = [
                // A group of another page (0006's trigger).
                ("INSERT INTO components(id, status_page_id, name, group_id, created_at, updated_at) VALUES ('c', 'b', 'C', 'g', 1, 1)", "23000"),
                // NOCASE: the same address in other ASCII case.
                ("INSERT INTO subscribers VALUES ('s2', 'a', 'aB@EXAMPLE.com', NULL, 1)", "23505"),
                // events must be a JSON array.
                ("INSERT INTO webhooks VALUES ('w', 'p', 'u', NULL, '{\"a\": 1}', 1, 's', 1, 1)", "23514"),
                ("INSERT INTO webhooks VALUES ('w', 'p', 'u', NULL, 'not json', 1, 's', 1, 1)", "23514"),
                // A resolved incident has an end, an open one none.
                ("INSERT INTO incidents(id, status_page_id, title, description, status, started_at, created_at, updated_at) VALUES ('i', 'a', 't', 'd', 3, 1, 1, 1)", "23514"),
                ("INSERT INTO status_pages(id, project_id, name, subdomain, created_at, updated_at, password_hash) VALUES ('z', 'p', 'Z', 'z', 1, 1, 'md5$x')", "23514"),
            ]
            for (sql, sqlState) in refused {
                let error = #expect(throws: PostgresError.self, "\(sql)") { try connection.execute(sql) }
                #expect(error?.sqlState == sqlState, "\(sql)")
            }
            try connection.executeScript("""
                INSERT INTO components(id, status_page_id, name, group_id, created_at, updated_at) VALUES ('c', 'a', 'C', 'g', 1, 1);
                INSERT INTO webhooks VALUES ('w', 'p', 'u', NULL, '["incident.created"]', 1, 's', 1, 1);
                DELETE FROM component_groups WHERE id = 'g';
                """)
            // JSON that SQLite's json_valid takes and jsonb would refuse: an escaped NUL, a huge number.
            try connection.execute(#"INSERT INTO webhooks VALUES ('w2', 'p', 'u', NULL, $1, 1, 's', 1, 1)"#, [#"["a\u0000b"]"#])
            try connection.execute(#"INSERT INTO webhooks VALUES ('w3', 'p', 'u', NULL, $1, 1, 's', 1, 1)"#, ["[1e999999]"])
            #expect(try connection.execute("SELECT group_id FROM components WHERE id = 'c'").first?.optionalString("group_id") == nil)
            let severity = try connection.execute("""
                INSERT INTO incidents(id, status_page_id, title, description, status, impact, started_at, created_at, updated_at)
                VALUES ('i', 'a', 't', 'd', 0, 'PARTIAL_OUTAGE', 1, 1, 1) RETURNING severity
                """)
            #expect(try severity.first?.int64("severity") == 2)
        }
    }
}

/// The table.column names and the named indexes of a store made by the Store API on a fresh file.
private func sqliteSchema() throws -> (columns: Set<String>, indexes: Set<String>) {
    try withTemporaryStore { store in
        try store.read { db in
            let columns = try String.fetchAll(db, sql: """
                -- table_xinfo: generated columns too (table_info leaves them out).
                SELECT m.name || '.' || c.name FROM sqlite_master AS m JOIN pragma_table_xinfo(m.name) AS c
                WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'
                """)
            let indexes = try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
                """)
            return (Set(columns), Set(indexes))
        }
    }
}

private func withTemporaryStore<T>(_ body: (Store) throws -> T) throws -> T {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("statusd-pg-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    return try body(Store(path: folder.appendingPathComponent("schema.db").path))
}

/// One write, in each dialect (the same text where the dialects agree).
struct CounterStep {
    var sqlite: String
    var postgres: String

    init(_ both: String) {
        sqlite = both
        postgres = both
    }

    init(sqlite: String, postgres: String) {
        self.sqlite = sqlite
        self.postgres = postgres
    }

    static let incidentSteps: [CounterStep] = [
        CounterStep("SELECT 1"),
        CounterStep("INSERT INTO projects(id, name, created_at) VALUES ('p', 'P', 1)"),
        CounterStep("""
            INSERT INTO status_pages(id, project_id, name, subdomain, created_at, updated_at)
            VALUES ('a', 'p', 'A', 'a', 1, 1), ('b', 'p', 'B', 'b', 1, 1)
            """),
        CounterStep("""
            INSERT INTO incidents(id, status_page_id, title, description, status, impact, started_at, created_at, updated_at)
            VALUES ('i', 'a', 'Down', 'd', 0, 'MAJOR_OUTAGE', 1, 1, 1), ('j', 'a', 'Slow', 'd', 0, NULL, 1, 1, 1)
            """),
        CounterStep("UPDATE incidents SET title = 'Still down', updated_at = 2 WHERE id = 'i'"),
        CounterStep("UPDATE incidents SET impact = 'PARTIAL_OUTAGE' WHERE id = 'i'"),
        CounterStep("UPDATE incidents SET status = 3, ended_at = 3 WHERE id = 'i'"),
        CounterStep("UPDATE incidents SET title = title WHERE id = 'nobody'"),
        CounterStep("UPDATE incidents SET status_page_id = 'b' WHERE id = 'i'"),
        CounterStep("""
            INSERT INTO incident_updates(id, incident_id, message, status, created_by, created_at, updated_at)
            VALUES ('u1', 'i', 'Fixed', 3, 'ops', 3, 3), ('u2', 'j', 'Looking', 0, 'ops', 3, 3)
            """),
        CounterStep("UPDATE incident_updates SET message = 'Fixed for good' WHERE id = 'u1'"),
        CounterStep("DELETE FROM incidents WHERE id = 'i'"),
        CounterStep("UPDATE incidents SET status = 1 WHERE status_page_id = 'a'"),
        CounterStep(
            sqlite: "INSERT INTO credentials(id, name, secret_sha256, created_at) VALUES ('k', 'key', zeroblob(32), 1)",
            postgres: "INSERT INTO credentials(id, name, secret_sha256, created_at) VALUES ('k', 'key', decode(repeat('00', 32), 'hex'), 1)"),
        CounterStep("UPDATE credentials SET last_used_at = 5 WHERE id = 'k'"),
        CounterStep("UPDATE credentials SET grants = 'INCIDENTS:READ' WHERE id = 'k'"),
        CounterStep("DELETE FROM credentials WHERE id = 'k'"),
    ]
}

/// The counters after a step: change_counters relative to the start, every page's version, every
/// non-zero list total.
struct CounterSnapshot: Equatable {
    var content: Int64
    var credentials: Int64
    var pages: [String]
    var totals: [String]

    func since(_ start: CounterSnapshot) -> CounterSnapshot {
        CounterSnapshot(content: content - start.content, credentials: credentials - start.credentials,
                        pages: pages, totals: totals)
    }

    static let pagesSQL = "SELECT status_page_id || '=' || version AS v FROM page_change_counters ORDER BY status_page_id"
    static let totalsSQL = """
        SELECT status_page_id || '/' || status || '/' || severity || '=' || count AS v FROM incident_counts
        WHERE count > 0 ORDER BY status_page_id, status, severity
        """

    init(content: Int64, credentials: Int64, pages: [String], totals: [String]) {
        self.content = content
        self.credentials = credentials
        self.pages = pages
        self.totals = totals
    }

    init(sqlite db: Database) throws {
        let counters = try Row.fetchOne(db, sql: "SELECT content, credentials FROM change_counters WHERE id = 1")
        content = counters?["content"] ?? -1
        credentials = counters?["credentials"] ?? -1
        pages = try String.fetchAll(db, sql: Self.pagesSQL)
        totals = try String.fetchAll(db, sql: Self.totalsSQL)
    }

    init(postgres connection: PostgresConnection) throws {
        let counters = try #require(try connection.execute("SELECT content, credentials FROM change_counters WHERE id = 1").first)
        content = try counters.int64("content")
        credentials = try counters.int64("credentials")
        pages = try connection.execute(Self.pagesSQL).map { try $0.string("v") }
        totals = try connection.execute(Self.totalsSQL).map { try $0.string("v") }
    }
}
