import Foundation
import GRDB
@testable import StatusdStore
import StatusdCore
import StatusdSync
import Testing

/// Per-page change counters (Migrations/0012): every kind of write to a page moves its counter on,
/// whoever writes, and no write to one page moves another's.
@Suite struct PageChangeCounterTests {
    /// Tables that hold no one page's data: their writes are counted by `change_counters` only.
    /// The webhook tables (Migrations/0013) are counted by neither: no cached answer shows them (the
    /// webhook routes are never cached), and the sender writes deliveries on every attempt. `server_secrets` (Migrations/0014): no answer shows one.
    /// `idempotency_keys` (Migrations/0016): kept answers, replayed by key, never through the cache.
    /// `audit_log` (Migrations/0018): names a page, but no cached answer shows it (never cached).
    static let tablesOfNoPage: Set<String> = [
        "projects", "credentials", "change_counters", "page_change_counters", "incident_counts", Migrator.tableName,
        "webhooks", "webhook_pages", "deliveries", "time_events_enqueued", "server_secrets",
        "idempotency_keys", "audit_log",
    ]

    /// A new table of page data without the three triggers would let cached answers go stale.
    @Test func everyTableOfPageDataHasItsTriggers() throws {
        try withSQLiteTestStore { store in
            let (tables, triggers) = try store.read { db in
                (try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"),
                 Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger'")))
            }
            #expect(tables.contains("scheduled_maintenance_components"))
            for table in tables where !Self.tablesOfNoPage.contains(table) {
                for event in ["insert", "update", "delete"] {
                    #expect(triggers.contains("page_change_counters_\(table)_\(event)"), "\(table) has no \(event) trigger")
                }
            }
        }
    }

    @Test func eachKindOfWriteMovesOnlyItsPagesCounter() throws {
        try withTestStore { store in
            let written = try PageFixture.make(in: store, pageId: "written")
            _ = try PageFixture.make(in: store, pageId: "other")
            let other = try store.pageVersion("other")
            var last = try store.pageVersion("written")
            func expectMoved(_ what: String, _ write: () throws -> Void) throws {
                try write()
                let now = try store.pageVersion("written")
                #expect(now > last, "\(what) did not move the page's counter")
                #expect(try store.pageVersion("other") == other, "\(what) moved another page's counter")
                last = now
            }
            let component = written.components[0].id
            try expectMoved("a page update") { _ = try store.updateStatusPage("written", StatusPageChanges(name: "Renamed")) }
            try expectMoved("a component") {
                _ = try store.createComponent(id: "extra", statusPageId: "written", name: "Extra", description: nil, statusOverride: nil)
            }
            try expectMoved("a group") {
                _ = try store.createComponentGroup(id: "g", statusPageId: "written", name: "G", description: nil)
            }
            let incident = try store.createIncident(
                .make(components: [AffectedComponent(componentId: component)]), statusPageId: "written")
            try expectMoved("a timeline entry") {
                _ = try store.addUpdate(
                    NewIncidentUpdate(message: "Still on it", status: nil, createdBy: "t"), incidentId: incident.id,
                    statusPageId: "written")
            }
            try expectMoved("an incident update") {
                _ = try store.updateIncident(incident.id, statusPageId: "written", IncidentChanges(title: "New", changedBy: "t"))
            }
            try expectMoved("an incident delete") { _ = try store.deleteIncident(incident.id, statusPageId: "written") }
            try expectMoved("a maintenance window") {
                _ = try store.createScheduledMaintenance(
                    NewScheduledMaintenance(
                        id: "w", title: "T", description: "D", startsAt: Timestamp(millisecondsSince1970: 4_000_000_000_000),
                        durationMinutes: 5, componentIds: [component]),
                    statusPageId: "written")
            }
            try expectMoved("a component delete") { _ = try store.deleteComponent(component, statusPageId: "written") }
        }
    }

    /// Another process's write (the CLI's) counts as the server's does; a page never written since
    /// the migration reads 0, and a deleted page's counter keeps growing, never back to a value seen.
    @Test func anotherProcessesWritesCountAndCountersNeverGoBack() throws {
        try withServerAndCLIStores { server, cli in
            #expect(try server.pageVersion("nowhere") == 0)
            _ = try PageFixture.make(in: cli, pageId: "p")
            let made = try server.pageVersion("p")
            #expect(made > 0)
            _ = try cli.updateStatusPage("p", StatusPageChanges(name: "By the CLI"))
            #expect(try server.pageVersion("p") > made)
            let beforeDelete = try server.pageVersion("p")
            #expect(try cli.deleteStatusPage("p"))
            #expect(try server.pageVersion("p") > beforeDelete)
        }
    }

    /// A read handed out again to a request that arrived before it started; never to one after.
    @Test func aRecentReadIsSharedOnlyWithRequestsThatArrivedBeforeIt() throws {
        try withServerAndCLIStores { server, cli in
            _ = try PageFixture.make(in: server, pageId: "p")
            let arrived = MonotonicClock.now()
            let seen = try server.pageVersion("p")
            _ = try cli.updateStatusPage("p", StatusPageChanges(name: "Later"))
            #expect(try server.pageVersion("p", readAfter: arrived) == seen)
            #expect(try server.pageVersion("p", readAfter: MonotonicClock.now()) > seen)
        }
    }
}
