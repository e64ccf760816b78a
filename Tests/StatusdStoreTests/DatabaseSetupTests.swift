import Foundation
import GRDB
@testable import StatusdStore
import StatusdCore
import Testing

@Suite struct DatabaseSetupTests {
    @Test func writer_runsWithSynchronousFull_walAndForeignKeys() throws {
        try withSQLiteTestStore { store in
            let (synchronous, foreignKeys, busy) = try store.sqlitePool.writeWithoutTransaction { db in
                (try Int.fetchOne(db, sql: "PRAGMA synchronous"),
                 try Int.fetchOne(db, sql: "PRAGMA foreign_keys"),
                 try Int.fetchOne(db, sql: "PRAGMA busy_timeout"))
            }
            #expect(synchronous == 2)  // FULL
            #expect(foreignKeys == 1)
            #expect((busy ?? 0) >= 1000)
            // Also through the store's own write path.
            let inWrite = try store.write { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") }
            #expect(inWrite == 2)
            let journal = try store.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
            #expect(journal == "wal")
        }
    }

    @Test func foreignKeys_areEnforced() throws {
        try withTestStore { store in
            #expect(throws: (any Error).self) {
                try store.write { db in
                    try db.execute(sql: """
                        INSERT INTO status_pages(id, project_id, name, subdomain, created_at, updated_at)
                        VALUES ('p', 'no-such-project', 'n', 's', 0, 0)
                        """)
                }
            }
        }
    }

    @Test func write_rollsBackEverything_whenBodyThrows() throws {
        struct Boom: Error {}
        try withTestStore { store in
            #expect(throws: Boom.self) {
                try store.write { db in
                    try db.execute(sql: "INSERT INTO projects(id, name, created_at) VALUES ('a', 'A', 0)")
                    throw Boom()
                }
            }
            let project = try store.project("a")
            #expect(project == nil)
        }
    }

    @Test func severity_isDerivedFromImpact_inTheSchema() throws {
        try withTestStore { store in
            _ = try PageFixture.make(in: store)
            let cases: [(Impact?, Int)] = [(.majorOutage, 3), (.partialOutage, 2), (.degradedPerformance, 1),
                                            (.noImpact, 1), (.maintenance, 1), (nil, 1)]
            for (impact, severity) in cases {
                let incident = try store.createIncident(.make(impact: impact), statusPageId: "page")
                let stored = try store.read { db in
                    try Int.fetchOne(db, sql: "SELECT severity FROM incidents WHERE id = ?", arguments: [incident.id])
                }
                #expect(stored == severity)
                #expect(incident.severity.rawValue == severity)
            }
        }
    }

    @Test func ping_answers() throws {
        try withTestStore { store in try store.ping() }
    }
}
