import Foundation
import GRDB
@testable import StatusdStore
import StatusdCore
import Testing

/// Component groups, the three orders, and the status page fields of migration 0006.
@Suite struct ComponentGroupStoreTests {
    @Test func groupsAreCreatedLastListedInOrderUpdatedAndDeleted() throws {
        try withTestStore { store in
            _ = try PageFixture.make(in: store)
            let first = try store.createComponentGroup(id: "g1", statusPageId: "page", name: "One", description: nil)
            let second = try store.createComponentGroup(id: nil, statusPageId: "page", name: "Two", description: "2")
            #expect(first.sortOrder == 0)
            #expect(second.sortOrder == 1)
            #expect(try store.componentGroups(statusPageId: "page").map(\.id) == ["g1", second.id])
            let renamed = try #require(try store.updateComponentGroup("g1", statusPageId: "page", name: "Uno", description: .some("1")))
            #expect(renamed.name == "Uno")
            #expect(renamed.description == "1")
            #expect(try store.updateComponentGroup("g1", statusPageId: "other", name: "x", description: nil) == nil)
            #expect(try store.deleteComponentGroup("g1", statusPageId: "page"))
            #expect(try !store.deleteComponentGroup("g1", statusPageId: "page"))
            #expect(throws: StoreError.missingParent("status page")) {
                try store.createComponentGroup(id: nil, statusPageId: "nope", name: "x", description: nil)
            }
            #expect(throws: StoreError.duplicate(field: "id", value: second.id)) {
                try store.createComponentGroup(id: second.id, statusPageId: "page", name: "x", description: nil)
            }
        }
    }

    @Test func componentsTakeOnlyAGroupOfTheirOwnPage() throws {
        try withTestStore { store in
            _ = try PageFixture.make(in: store)
            _ = try PageFixture.make(in: store, pageId: "other")
            _ = try store.createComponentGroup(id: "mine", statusPageId: "page", name: "Mine", description: nil)
            _ = try store.createComponentGroup(id: "theirs", statusPageId: "other", name: "Theirs", description: nil)
            let grouped = try #require(try store.updateComponent("page-c0", statusPageId: "page", ComponentChanges(groupId: "mine")))
            #expect(grouped.groupId == "mine")
            #expect(throws: StoreError.unknownGroup("theirs")) {
                try store.updateComponent("page-c1", statusPageId: "page", ComponentChanges(groupId: "theirs"))
            }
            #expect(throws: StoreError.unknownGroup("ghost")) {
                try store.createComponent(id: nil, statusPageId: "page", name: "x", description: nil, statusOverride: nil, groupId: "ghost")
            }
            // The schema refuses it too, whoever writes (the CLI, a hand edit).
            #expect(throws: (any Error).self) {
                try store.write { db in try db.execute(sql: "UPDATE components SET group_id = 'theirs' WHERE id = 'page-c1'") }
            }
            let ungrouped = try #require(try store.updateComponent("page-c0", statusPageId: "page", ComponentChanges(groupId: .some(nil))))
            #expect(ungrouped.groupId == nil)
        }
    }

    @Test func displayFlagsAreKept() throws {
        try withTestStore { store in
            _ = try PageFixture.make(in: store)
            let created = try store.createComponent(
                id: "flags", statusPageId: "page", name: "F", description: nil, statusOverride: nil,
                displayUptime: false, displayMetrics: true)
            #expect(!created.displayUptime)
            let updated = try #require(try store.updateComponent(
                "flags", statusPageId: "page", ComponentChanges(displayUptime: true, displayMetrics: false)))
            #expect(updated.displayUptime)
            #expect(!updated.displayMetrics)
            #expect(try store.component("flags", statusPageId: "page")?.displayMetrics == false)
        }
    }

    @Test func ordersRenumberOneListAndNeverMoveBetweenLists() throws {
        try withTestStore { store in
            _ = try PageFixture.make(in: store, componentCount: 4)
            _ = try store.createComponentGroup(id: "g1", statusPageId: "page", name: "G1", description: nil)
            _ = try store.createComponentGroup(id: "g2", statusPageId: "page", name: "G2", description: nil)
            _ = try store.updateComponent("page-c2", statusPageId: "page", ComponentChanges(groupId: "g1"))
            _ = try store.updateComponent("page-c3", statusPageId: "page", ComponentChanges(groupId: "g1"))
            let ids = { try store.components(statusPageId: "page").map(\.id) }
            #expect(try ids() == ["page-c0", "page-c1", "page-c2", "page-c3"])

            #expect(try store.orderComponents(statusPageId: "page", groupId: "g1", ids: ["page-c3"]))
            #expect(try ids() == ["page-c0", "page-c1", "page-c3", "page-c2"])
            #expect(try store.orderComponents(statusPageId: "page", groupId: nil, ids: ["page-c1", "page-c0"]))
            #expect(try ids() == ["page-c1", "page-c0", "page-c3", "page-c2"])
            #expect(throws: StoreError.notInOrder(field: "component_ids", ids: ["page-c2"])) {
                try store.orderComponents(statusPageId: "page", groupId: nil, ids: ["page-c2"])
            }
            #expect(try !store.orderComponents(statusPageId: "page", groupId: "ghost", ids: []))

            _ = try store.updateComponent("page-c0", statusPageId: "page", ComponentChanges(groupId: "g2"))
            try store.orderComponentGroups(statusPageId: "page", ids: ["g2"])
            #expect(try store.componentGroups(statusPageId: "page").map(\.id) == ["g2", "g1"])
            #expect(try ids() == ["page-c1", "page-c0", "page-c3", "page-c2"])
            #expect(throws: StoreError.notInOrder(field: "group_ids", ids: ["ghost"])) {
                try store.orderComponentGroups(statusPageId: "page", ids: ["ghost"])
            }

            // Deleting g1 puts its components last among the ungrouped, in their order.
            #expect(try store.deleteComponentGroup("g1", statusPageId: "page"))
            let after = try store.components(statusPageId: "page")
            #expect(after.map(\.id) == ["page-c1", "page-c3", "page-c2", "page-c0"])
            #expect(after.map(\.groupId) == [nil, nil, nil, "g2"])
        }
    }

    @Test func everyGroupWriteMovesTheContentCounter() throws {
        try withTestStore { store in
            _ = try PageFixture.make(in: store)
            var last = try store.changeCounters().content
            func moved() throws -> Bool {
                let now = try store.changeCounters().content
                defer { last = now }
                return now > last
            }
            _ = try store.createComponentGroup(id: "g", statusPageId: "page", name: "G", description: nil)
            #expect(try moved())
            _ = try store.updateComponentGroup("g", statusPageId: "page", name: "H", description: nil)
            #expect(try moved())
            _ = try store.createComponentGroup(id: "h", statusPageId: "page", name: "H", description: nil)
            try store.orderComponentGroups(statusPageId: "page", ids: ["h", "g"])
            _ = try moved()
            try store.orderComponentGroups(statusPageId: "page", ids: ["g", "h"])
            #expect(try moved())
            _ = try store.orderComponents(statusPageId: "page", groupId: nil, ids: ["page-c1"])
            #expect(try moved())
            _ = try store.updateComponent("page-c0", statusPageId: "page", ComponentChanges(groupId: "g"))
            #expect(try moved())
            _ = try store.deleteComponentGroup("g", statusPageId: "page")
            #expect(try moved())
            _ = try store.updateStatusPage("page", StatusPageChanges(password: .some("pw")))
            #expect(try moved())
            // A hand delete of a group ungroups too (the trigger) and counts.
            try store.write { db in
                try db.execute(sql: "UPDATE components SET group_id = 'h' WHERE id = 'page-c1'")
                try db.execute(sql: "DELETE FROM component_groups WHERE id = 'h'")
            }
            #expect(try moved())
            #expect(try store.component("page-c1", statusPageId: "page")?.groupId == nil)
        }
    }

    @Test func pageFieldsRoundTripAndThePasswordIsOnlyItsSHA256() throws {
        try withTestStore { store in
            _ = try PageFixture.make(in: store)
            let changes = StatusPageChanges(
                customDomain: .some("https://status.example"), hideFromSearchEngines: true,
                faviconURL: .some("f"), logoURL: .some("l"), darkLogoURL: .some("d"), password: .some("s3cret"),
                allowedIPs: .some(["10.0.0.0/8", "::1"]))
            let page = try #require(try store.updateStatusPage("page", changes))
            #expect(page.customDomain == "https://status.example")
            #expect(page.hideFromSearchEngines)
            #expect([page.faviconURL, page.logoURL, page.darkLogoURL] == ["f", "l", "d"])
            #expect(page.hasPassword)
            #expect(page.allowedIPs == ["10.0.0.0/8", "::1"])
            let stored = try store.read { db in
                try String.fetchOne(db, sql: "SELECT password_hash FROM status_pages WHERE id = 'page'")
            }
            #expect(stored?.hasPrefix("pbkdf2-sha256$600000$") == true)
            #expect(stored?.contains("s3cret") == false)
            #expect(try store.statusPage("page", passwordMatches: "s3cret"))
            #expect(try !store.statusPage("page", passwordMatches: "s3cret "))

            let created = try store.createStatusPage(
                id: "new", projectId: "proj", name: "New", subdomain: nil, description: "d", fields: changes)
            #expect(created.allowedIPs == ["10.0.0.0/8", "::1"])
            #expect(created.hasPassword)
            #expect(created.description == "d")

            let cleared = try #require(try store.updateStatusPage(
                "page", StatusPageChanges(customDomain: .some(nil), password: .some(""), allowedIPs: .some([]))))
            #expect(cleared.customDomain == nil)
            #expect(!cleared.hasPassword)
            #expect(cleared.allowedIPs == [])
            #expect(try store.updateStatusPage("page", StatusPageChanges(allowedIPs: .some(nil)))?.allowedIPs == nil)
            #expect(try store.updateStatusPage("page", StatusPageChanges(password: .some(nil)))?.hasPassword == false)
        }
    }

    @Test func fixturesDeclareGroupsAndComponentFields() throws {
        try withTestStore { store in
            let file = """
                {"projects": [{"id": "p", "name": "P"}],
                 "status_pages": [{"id": "sp", "project_id": "p", "name": "SP", "password": "pw",
                                   "allowed_ips": ["10.0.0.1"], "logo_url": "https://x/l.png"}],
                 "component_groups": [{"id": "core", "status_page_id": "sp", "name": "Core", "description": "d"},
                                      {"id": "edge", "status_page_id": "sp", "name": "Edge", "sort_order": -1}],
                 "components": [{"id": "db", "status_page_id": "sp", "name": "DB", "group_id": "core",
                                 "display_uptime": false},
                                {"id": "web", "status_page_id": "sp", "name": "Web"}]}
                """
            try store.load(try Fixtures.parse(Data(file.utf8), source: "t.json"))
            try store.load(try Fixtures.parse(Data(file.utf8), source: "t.json"))  // idempotent
            #expect(try store.componentGroups(statusPageId: "sp").map(\.id) == ["edge", "core"])
            let db = try #require(try store.component("db", statusPageId: "sp"))
            #expect(db.groupId == "core")
            #expect(!db.displayUptime)
            #expect(try store.components(statusPageId: "sp").map(\.id) == ["web", "db"])
            let page = try #require(try store.statusPage("sp"))
            #expect(page.hasPassword)
            #expect(page.allowedIPs == ["10.0.0.1"])
            #expect(page.logoURL == "https://x/l.png")

            let bad = """
                {"status_pages": [{"id": "sp2", "project_id": "p", "name": "SP2"}],
                 "components": [{"id": "x", "status_page_id": "sp2", "name": "X", "group_id": "core"}]}
                """
            #expect(throws: FixtureError.self) { try store.load(try Fixtures.parse(Data(bad.utf8), source: "bad.json")) }
            #expect(try store.statusPage("sp2") == nil)
            let unknownField = #"{"component_groups": [{"id": "g", "status_page_id": "sp", "name": "G", "order": 1}]}"#
            #expect(throws: FixtureError.self) { try Fixtures.parse(Data(unknownField.utf8), source: "u.json") }
        }
    }

    @Test func deletingAPageOrProjectTakesItsGroups() throws {
        try withTestStore { store in
            _ = try PageFixture.make(in: store)
            _ = try store.createComponentGroup(id: "g", statusPageId: "page", name: "G", description: nil)
            _ = try store.updateComponent("page-c0", statusPageId: "page", ComponentChanges(groupId: "g"))
            #expect(try store.deleteStatusPage("page"))
            #expect(try store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM component_groups") } == 0)
            _ = try PageFixture.make(in: store, pageId: "again")
            _ = try store.createComponentGroup(id: "h", statusPageId: "again", name: "H", description: nil)
            _ = try store.updateComponent("again-c1", statusPageId: "again", ComponentChanges(groupId: "h"))
            #expect(try store.deleteProject("proj", force: true) != .notFound)
            #expect(try store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM component_groups") } == 0)
            #expect(try store.integrityCheck() == ["ok"])
        }
    }

    /// 0006 on a database of the previous release: a stray `group_id` (which nothing kept before)
    /// is cleared, and the new page fields start empty.
    @Test func migrationFromThePreviousRelease() throws {
        try withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("m.db").path
            let earlier = try Migrator.bundled().migrations.filter { $0.name < "0006" }
            let old = try Store(path: path, migrator: Migrator(migrations: earlier))
            try PageFixture.makeAsFirstRelease(in: old)
            try old.write { db in try db.execute(sql: "UPDATE components SET group_id = 'stray' WHERE id = 'page-c0'") }
            let upgraded = try Store(path: path)
            #expect(upgraded.migrationsApplied.first == "0006_component_groups_and_page_fields.sql")
            #expect(try upgraded.component("page-c0", statusPageId: "page")?.groupId == nil)
            let page = try #require(try upgraded.statusPage("page"))
            #expect(!page.hasPassword)
            #expect(page.allowedIPs == nil)
            #expect(page.logoURL == nil)
        }
    }

    @Test func theDemoHasAGroup() throws {
        try withTestStore { store in
            try store.loadDemoFixtures()
            let acme = "550e8400-e29b-41d4-a716-446655440000"
            let groups = try store.componentGroups(statusPageId: acme)
            #expect(groups.map(\.name) == ["Core Services"])
            let grouped = try store.components(statusPageId: acme).filter { $0.groupId == groups.first?.id }
            #expect(grouped.map(\.name) == ["API Server", "Database Cluster"])
            #expect(try store.componentGroups(statusPageId: "a1b2c3d4").map(\.id) == ["e5f6g7h8"])
            #expect(try store.components(statusPageId: "a1b2c3d4").allSatisfy { $0.groupId == nil })
        }
    }
}
