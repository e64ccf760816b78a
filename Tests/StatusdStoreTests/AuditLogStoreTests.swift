import Foundation
import GRDB
import StatusdCore
@testable import StatusdStore
import Testing

/// The store's side of the audit log (Migrations/0018): one entry per write, in its transaction,
/// for the actor bound on the writer's own thread, naming the fields that changed.
@Suite struct AuditLogStoreTests {
    static func entries(_ store: Store, _ query: AuditQuery = AuditQuery(perPage: 100)) throws -> [AuditEntry] {
        try store.auditEntries(query).items
    }

    /// Writers that share one group-commit transaction each record their own actor, and one that
    /// fails records nothing (its savepoint, entry included, is rolled back).
    @Test func writersOfOneBatchEachRecordTheirOwnActor() throws {
        try withTestStore { store in
            _ = try PageFixture.make(in: store)
            let before = try Self.entries(store).count
            let results = try GroupCommitTests().withWritersQueuedBehindHeldWriter(store, count: 8) { index -> String in
                try Store.withAuditActor(AuditActor(kind: .apiToken, id: "writer-\(index)", name: "Writer \(index)")) {
                    let components = index == 5 ? [AffectedComponent(componentId: "nope")] : []
                    return try store.createIncident(.make(id: "audited-\(index)", components: components), statusPageId: "page").id
                }
            }
            #expect(throws: StoreError.unknownComponents(["nope"])) { try results[5].get() }
            let entries = try Self.entries(store).dropLast(before)
            #expect(entries.count == 7)
            for entry in entries {
                #expect(entry.resourceId == "audited-\((entry.actor.id ?? "none").dropFirst("writer-".count))", "\(entry)")
                #expect(entry.actor.kind == .apiToken && entry.action == .created && entry.resourceType == .incident)
            }
            #expect(!entries.contains { $0.actor.id == "writer-5" })
        }
    }

    @Test func anUpdateNamesWhatChangedAndANoOpNothing() throws {
        try withTestStore { store in
            _ = try PageFixture.make(in: store)
            _ = try store.createIncident(.make(id: "i1"), statusPageId: "page")
            _ = try store.updateIncident("i1", statusPageId: "page", IncidentChanges(title: "Renamed", changedBy: "t"))
            let renamed = try #require(try Self.entries(store).first)
            #expect(renamed.action == .updated && renamed.fields == ["title"] && renamed.projectId == "proj")
            #expect(renamed.actor == .statusd)
            let count = try Self.entries(store).count
            _ = try store.updateIncident("i1", statusPageId: "page", IncidentChanges(title: "Renamed", changedBy: "t"))
            _ = try store.updateStatusPage("page", name: nil, subdomain: nil, description: nil)
            #expect(try Self.entries(store).count == count)
        }
    }

    @Test func writesOutsideABindingAreTheUnboundActors() throws {
        try withTestStore { store in
            store.attributeUnboundWrites(to: AuditActor(kind: .cli, name: "ops", request: "statusd project create"))
            _ = try store.createProject(id: "p2", name: "Second")
            let entry = try #require(try Self.entries(store).first)
            #expect(entry.actor == AuditActor(kind: .cli, name: "ops", request: "statusd project create"))
            #expect(entry.resourceType == .project && entry.projectId == "p2" && entry.fields == ["name"])
        }
    }

    /// A test target's reset starts the log over, its ids from 1 again.
    @Test func resetEmptiesTheLog() throws {
        try withTestStore { store in
            _ = try PageFixture.make(in: store)
            #expect(try !Self.entries(store).isEmpty)
            try store.reset(to: [])
            #expect(try Self.entries(store).isEmpty)
            _ = try store.createProject(id: "again", name: "Again")
            #expect(try Self.entries(store).map(\.id) == [1])
        }
    }

    /// Credentials that could manage API tokens may read the log after the upgrade; others may not.
    @Test func migrationGrantsTheLogToTokenManagersOnly() throws {
        try withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("m.db").path
            let old = try storeShortOf("0018", path: path)
            try old.write { db in
                try db.execute(sql: """
                    INSERT INTO credentials(id, name, secret_sha256, project_id, read_only, created_at, grants)
                    VALUES ('admin', 'a', ?, NULL, 1, 1, 'INCIDENTS:READ,API_TOKENS:READ'),
                           ('pager', 'p', ?, NULL, 0, 1, 'INCIDENTS:EDIT')
                    """, arguments: [Data(try Secrets.sha256("admin-secret")), Data(try Secrets.sha256("pager-secret"))])
            }
            let upgraded = try Store(path: path)
            let admin = try #require(try upgraded.authenticate(secret: "admin-secret"))
            let pager = try #require(try upgraded.authenticate(secret: "pager-secret"))
            #expect(admin.grants.allows(.auditLogs, .read) && !admin.grants.allows(.auditLogs, .edit))
            #expect(!pager.grants.allows(.auditLogs, .read) && pager.grants.allows(.incidents, .edit))
            upgraded.waitForLastUsedWrites()
        }
    }
}
