import Foundation
import GRDB
@testable import StatusdStore
import StatusdCore
import Testing

/// Scheduled maintenance in the store (Migrations/0010): writes, derived status, the span caches
/// rely on, triggers, cascades, fixtures and the upgrade from the release before it.
@Suite struct ScheduledMaintenanceStoreTests {
    static let start = Timestamp(millisecondsSince1970: 1_609_459_200_000)  // 2021-01-01T00:00:00.000Z
    static let hour: Int64 = 3_600_000

    static func at(_ offset: Int64) -> Timestamp {
        Timestamp(millisecondsSince1970: start.millisecondsSince1970 + offset)
    }

    /// A store on a temporary file whose clock stands at `start` until the test moves it.
    static func withClockedStore<T>(_ body: (Store, StoreClock) throws -> T) throws -> T {
        try withTemporaryFolder { folder in
            let clock = StoreClock.manual(at: start)
            let store = try Store(path: folder.appendingPathComponent("m.db").path, clock: clock)
            return try body(store, clock)
        }
    }

    static func window(
        id: String? = nil, startsIn offset: Int64 = hour, minutes: Int = 60, components: [String] = ["page-c0"]
    ) -> NewScheduledMaintenance {
        NewScheduledMaintenance(
            id: id, title: "Upgrade", description: "Planned", startsAt: at(offset), durationMinutes: minutes,
            componentIds: components)
    }

    @Test func windowsAreCreatedReadListedUpdatedAndDeleted() throws {
        try Self.withClockedStore { store, _ in
            _ = try PageFixture.make(in: store)
            let created = try store.createScheduledMaintenance(
                Self.window(id: "w1", components: ["page-c1", "page-c0", "page-c1"]), statusPageId: "page")
            #expect(created.componentIds == ["page-c1", "page-c0"])
            #expect(created.notifications == .defaults)
            #expect(created.endsAt == Self.at(2 * Self.hour))
            #expect(try store.scheduledMaintenance("w1", statusPageId: "page") == created)
            #expect(try store.scheduledMaintenance("w1", statusPageId: "other") == nil)
            let later = try store.createScheduledMaintenance(Self.window(id: "w2", startsIn: 5 * Self.hour), statusPageId: "page")
            let list = try store.scheduledMaintenanceList(statusPageId: "page", search: nil, page: 1, perPage: 1)
            #expect(list.items.map(\.id) == ["w2"])
            #expect(list.total == 2)
            #expect(try store.scheduledMaintenanceList(statusPageId: "page", search: "PLAN", page: 2, perPage: 1).items.map(\.id) == ["w1"])
            #expect(try store.scheduledMaintenanceList(statusPageId: "page", search: "100%", page: 1, perPage: 20).total == 0)

            let changed = try #require(try store.updateScheduledMaintenance(
                "w2", statusPageId: "page",
                ScheduledMaintenanceChanges(title: "New", durationMinutes: 5, componentIds: [], atEnd: false)))
            #expect(changed.title == "New" && changed.description == "Planned" && changed.durationMinutes == 5)
            #expect(changed.componentIds.isEmpty)
            #expect(changed.notifications == MaintenanceNotifications(anHourBefore: false, atStart: true, atEnd: false))
            #expect(try store.scheduledMaintenance("w2", statusPageId: "page") == changed)
            #expect(later.createdAt == changed.createdAt)
            #expect(try store.updateScheduledMaintenance("nope", statusPageId: "page", ScheduledMaintenanceChanges()) == nil)

            #expect(try store.deleteScheduledMaintenance("w2", statusPageId: "page"))
            #expect(try !store.deleteScheduledMaintenance("w2", statusPageId: "page"))
            #expect(try !store.deleteScheduledMaintenance("w1", statusPageId: "other"))
        }
    }

    @Test func badReferencesAreRefused() throws {
        try Self.withClockedStore { store, _ in
            _ = try PageFixture.make(in: store)
            _ = try PageFixture.make(in: store, pageId: "other")
            #expect(throws: StoreError.unknownComponents(["other-c0", "ghost"])) {
                try store.createScheduledMaintenance(Self.window(components: ["other-c0", "page-c0", "ghost"]), statusPageId: "page")
            }
            #expect(throws: StoreError.missingParent("status page")) {
                try store.createScheduledMaintenance(Self.window(), statusPageId: "nope")
            }
            _ = try store.createScheduledMaintenance(Self.window(id: "w"), statusPageId: "page")
            #expect(throws: StoreError.duplicate(field: "id", value: "w")) {
                try store.createScheduledMaintenance(Self.window(id: "w"), statusPageId: "page")
            }
            #expect(throws: StoreError.unknownComponents(["other-c1"])) {
                try store.updateScheduledMaintenance("w", statusPageId: "page", ScheduledMaintenanceChanges(componentIds: ["other-c1"]))
            }
            // The schema keeps the promise for any writer.
            #expect(throws: DatabaseError.self) {
                try store.write { db in
                    try db.execute(sql: "INSERT INTO scheduled_maintenance_components VALUES ('w', 'other-c0', 9)")
                }
            }
            #expect(throws: DatabaseError.self) {
                try store.write { db in try db.execute(sql: "UPDATE scheduled_maintenance SET duration_minutes = 0") }
            }
            #expect(try store.scheduledMaintenance("w", statusPageId: "page")?.componentIds == ["page-c0"])
        }
    }

    @Test func onlyAWindowThatHasNotStartedChanges() throws {
        try Self.withClockedStore { store, clock in
            _ = try PageFixture.make(in: store)
            _ = try store.createScheduledMaintenance(Self.window(id: "w"), statusPageId: "page")
            clock.set(to: Self.at(Self.hour - 1))
            #expect(try store.updateScheduledMaintenance("w", statusPageId: "page", ScheduledMaintenanceChanges(title: "ok"))?.title == "ok")
            for offset in [Self.hour, 3 * Self.hour] {
                clock.set(to: Self.at(offset))
                #expect(throws: StoreError.maintenanceStarted) {
                    try store.updateScheduledMaintenance("w", statusPageId: "page", ScheduledMaintenanceChanges(title: "late"))
                }
            }
            #expect(try store.scheduledMaintenance("w", statusPageId: "page")?.title == "ok")
        }
    }

    /// Open on [start, end): MAINTENANCE there unless an open incident or an override says worse.
    @Test func componentsReadMaintenanceWhileAWindowIsOpen() throws {
        try Self.withClockedStore { store, clock in
            _ = try PageFixture.make(in: store)
            _ = try store.createScheduledMaintenance(Self.window(components: ["page-c0"]), statusPageId: "page")
            func status(_ id: String = "page-c0") throws -> ComponentStatus? { try store.component(id, statusPageId: "page")?.status }
            let expected: [(Int64, ComponentStatus)] = [
                (0, .operational), (Self.hour - 1, .operational), (Self.hour, .impacted(.maintenance)),
                (2 * Self.hour - 1, .impacted(.maintenance)), (2 * Self.hour, .operational),
            ]
            for (offset, wanted) in expected {
                clock.set(to: Self.at(offset))
                #expect(try status() == wanted, "at +\(offset) ms")
                #expect(try status("page-c1") == .operational)
            }
            clock.set(to: Self.at(Self.hour))
            #expect(try store.components(statusPageId: "page").map(\.status) == [.impacted(.maintenance), .operational])
            let incident = try store.createIncident(
                .make(impact: .noImpact, components: [AffectedComponent(componentId: "page-c0")]), statusPageId: "page")
            #expect(try status() == .impacted(.maintenance))
            _ = try store.updateIncident(
                incident.id, statusPageId: "page", IncidentChanges(impact: .some(.partialOutage), changedBy: "t"))
            #expect(try status() == .impacted(.partialOutage))
            _ = try store.updateIncident(incident.id, statusPageId: "page", IncidentChanges(status: .resolved, changedBy: "t"))
            #expect(try status() == .impacted(.maintenance))
            _ = try store.updateComponent("page-c0", statusPageId: "page", ComponentChanges(statusOverride: .some(.operational)))
            #expect(try status() == .operational)
        }
    }

    /// The latest start or end at or before a time to the first after it, over every page.
    @Test func theDerivedStatusSpanRunsBetweenNeighbouringBoundaries() throws {
        try Self.withClockedStore { store, _ in
            _ = try PageFixture.make(in: store)
            _ = try PageFixture.make(in: store, pageId: "other")
            #expect(try store.derivedStatusSpan(around: Self.start) == nil)
            _ = try store.createScheduledMaintenance(Self.window(startsIn: Self.hour, minutes: 60), statusPageId: "page")
            _ = try store.createScheduledMaintenance(
                Self.window(startsIn: 90 * 60_000, minutes: 60, components: ["other-c0"]), statusPageId: "other")
            let ms = { (offset: Int64) in Self.at(offset).millisecondsSince1970 }
            #expect(try store.derivedStatusSpan(around: Self.start) == Int64.min..<ms(Self.hour))
            #expect(try store.derivedStatusSpan(around: Self.at(Self.hour)) == ms(Self.hour)..<ms(90 * 60_000))
            #expect(try store.derivedStatusSpan(around: Self.at(100 * 60_000)) == ms(90 * 60_000)..<ms(2 * Self.hour))
            #expect(try store.derivedStatusSpan(around: Self.at(2 * Self.hour)) == ms(2 * Self.hour)..<ms(150 * 60_000))
            #expect(try store.derivedStatusSpan(around: Self.at(9 * Self.hour)) == ms(150 * 60_000)..<Int64.max)
        }
    }

    @Test func upcomingWindowsAreTheOnesNotOverSoonestFirst() throws {
        try Self.withClockedStore { store, _ in
            _ = try PageFixture.make(in: store)
            for (id, offset) in [("later", 5 * Self.hour), ("open", -30 * 60_000), ("over", -2 * Self.hour), ("soon", Self.hour)] {
                _ = try store.createScheduledMaintenance(Self.window(id: id, startsIn: offset), statusPageId: "page")
            }
            #expect(try store.upcomingScheduledMaintenance(statusPageId: "page", at: Self.start, limit: 10).map(\.id) == ["open", "soon", "later"])
            #expect(try store.upcomingScheduledMaintenance(statusPageId: "page", at: Self.start, limit: 2).map(\.id) == ["open", "soon"])
        }
    }

    @Test func everyWindowWriteMovesTheContentCounter() throws {
        try Self.withClockedStore { store, _ in
            _ = try PageFixture.make(in: store)
            var last = try store.changeCounters().content
            func moved() throws -> Bool {
                let now = try store.changeCounters().content
                defer { last = now }
                return now > last
            }
            _ = try store.createScheduledMaintenance(Self.window(id: "w"), statusPageId: "page")
            #expect(try moved())
            _ = try store.updateScheduledMaintenance("w", statusPageId: "page", ScheduledMaintenanceChanges(title: "t"))
            #expect(try moved())
            try store.write { db in try db.execute(sql: "DELETE FROM scheduled_maintenance_components") }
            #expect(try moved())
            _ = try store.deleteScheduledMaintenance("w", statusPageId: "page")
            #expect(try moved())
        }
    }

    @Test func deletingAComponentOrPageTakesItsLinksAndWindows() throws {
        try Self.withClockedStore { store, _ in
            _ = try PageFixture.make(in: store)
            _ = try store.createScheduledMaintenance(Self.window(id: "w", components: ["page-c0", "page-c1"]), statusPageId: "page")
            #expect(try store.deleteComponent("page-c0", statusPageId: "page"))
            #expect(try store.scheduledMaintenance("w", statusPageId: "page")?.componentIds == ["page-c1"])
            let cascaded = try #require(try store.deleteStatusPageCounting("page"))
            #expect(cascaded.maintenanceWindows == 1)
            let left = try store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM scheduled_maintenance_components") }
            #expect(left == 0)
            #expect(try store.scheduledMaintenanceList(statusPageId: "page", search: nil, page: 1, perPage: 20).total == 0)
        }
    }

    @Test func fixturesDeclareWindows() throws {
        try Self.withClockedStore { store, clock in
            let file = """
                {"projects": [{"id": "p", "name": "P"}],
                 "status_pages": [{"id": "page", "project_id": "p", "name": "Page"}],
                 "components": [{"id": "db", "status_page_id": "page", "name": "DB"}],
                 "scheduled_maintenance": [
                   {"id": "past", "status_page_id": "page", "title": "Done", "description": "Over",
                    "start_date": "2020-12-31T00:00:00Z", "duration_minutes": 30},
                   {"id": "now", "status_page_id": "page", "title": "Open", "description": "Running",
                    "start_date": "2020-12-31T23:30:00.000Z", "duration_minutes": 60, "components_affected": ["db"],
                    "notifications": {"an_hour_before": true, "at_end": false}, "created_at": "2020-12-01T00:00:00Z"}
                 ]}
                """
            try store.load(try Fixtures.parse(Data(file.utf8), source: "t.json"))
            try store.load(try Fixtures.parse(Data(file.utf8), source: "t.json"))  // twice: nothing changes
            let open = try #require(try store.scheduledMaintenance("now", statusPageId: "page"))
            #expect(open.notifications == MaintenanceNotifications(anHourBefore: true, atStart: true, atEnd: false))
            #expect(open.createdAt == Timestamp(iso8601: "2020-12-01T00:00:00Z") && open.updatedAt == open.createdAt)
            #expect(try store.component("db", statusPageId: "page")?.status == .impacted(.maintenance))
            let past = try #require(try store.scheduledMaintenance("past", statusPageId: "page"))
            #expect(past.createdAt == Self.start && past.componentIds.isEmpty)
            #expect(try store.scheduledMaintenanceList(statusPageId: "page", search: nil, page: 1, perPage: 20).total == 2)
            clock.set(to: Self.at(Self.hour))
            #expect(try store.component("db", statusPageId: "page")?.status == .operational)
            try store.reset(to: [])
            #expect(try store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM scheduled_maintenance") } == 0)
        }
    }

    @Test(arguments: [
        (#"{"scheduled_maintenance": [{"id": "w", "status_page_id": "nope", "title": "t", "description": "d", "start_date": "2021-01-01T00:00:00Z", "duration_minutes": 5}]}"#,
         "t.json: scheduled_maintenance[0].status_page_id: no status page 'nope' (in the file or the database)"),
        (#"{"scheduled_maintenance": [{"id": "w", "status_page_id": "page", "title": "t", "description": "d", "start_date": "2021-01-01T00:00:00Z", "duration_minutes": 0}]}"#,
         "t.json: scheduled_maintenance[0].duration_minutes: must be between 1 and 527040"),
        (#"{"scheduled_maintenance": [{"id": "w", "status_page_id": "page", "title": "t", "description": "d", "start_date": "9999-12-31T23:00:00Z", "duration_minutes": 120}]}"#,
         "t.json: scheduled_maintenance[0].duration_minutes: ends after 9999-12-31T23:59:59.999Z"),
        (#"{"scheduled_maintenance": [{"id": "w", "status_page_id": "page", "title": "t", "description": "d", "start_date": "soon", "duration_minutes": 5}]}"#,
         "t.json: scheduled_maintenance[0].start_date: must be a UTC time like 2021-01-01T00:00:00.000Z or 2024-12-26T11:00:00Z"),
        (#"{"scheduled_maintenance": [{"id": "w", "status_page_id": "page", "title": "t", "description": "d", "start_date": "2021-01-01T00:00:00Z", "duration_minutes": 5, "components_affected": ["ghost"]}]}"#,
         "t.json: scheduled_maintenance[0].components_affected[0]: no component 'ghost' on this status page"),
        (#"{"scheduled_maintenance": [{"id": "w", "status_page_id": "page", "title": "t", "description": "d", "start_date": "2021-01-01T00:00:00Z", "duration_minutes": 5, "components_affected": ["page-c0", "page-c0"]}]}"#,
         "t.json: scheduled_maintenance[0].components_affected[1]: 'page-c0' is named twice"),
        (#"{"scheduled_maintenance": [{"id": "w", "status_page_id": "page", "title": "t", "description": "", "start_date": "2021-01-01T00:00:00Z", "duration_minutes": 5}]}"#,
         "t.json: scheduled_maintenance[0].description: must not be empty"),
        (#"{"scheduled_maintenance": [{"id": "w", "status_page_id": "page", "title": "t", "description": "d", "duration_minutes": 5}]}"#,
         "t.json: scheduled_maintenance[0].start_date: required field missing"),
        (#"{"scheduled_maintenance": [{"id": "w", "status_page_id": "page", "title": "t", "description": "d", "start_date": "2021-01-01T00:00:00Z", "duration_minutes": 5, "notifications": {"at_noon": true}}]}"#,
         "t.json: scheduled_maintenance[0].notifications.at_noon: unknown field"),
        (#"{"scheduled_maintenance": [{"id": "w", "status_page_id": "page", "title": "t", "description": "d", "start_date": "2021-01-01T00:00:00Z", "duration_minutes": 5, "status": "SCHEDULED"}]}"#,
         "t.json: scheduled_maintenance[0].status: unknown field"),
        (#"{"scheduled_maintenance": [{"id": "w", "status_page_id": "page", "title": "t", "description": "d", "start_date": "2021-01-01T00:00:00Z", "duration_minutes": 5}, {"id": "w", "status_page_id": "page", "title": "t", "description": "d", "start_date": "2021-01-01T00:00:00Z", "duration_minutes": 5}]}"#,
         "t.json: scheduled_maintenance[1].id: 'w' is already scheduled_maintenance[0]'s"),
    ])
    func badWindowFixturesLoadNothingAndNameTheField(file: String, message: String) throws {
        try Self.withClockedStore { store, _ in
            _ = try PageFixture.make(in: store)
            do {
                try store.load(try Fixtures.parse(Data(file.utf8), source: "t.json"))
                Issue.record("loaded: \(file)")
            } catch {
                #expect("\(error)" == message)
            }
            #expect(try store.scheduledMaintenanceList(statusPageId: "page", search: nil, page: 1, perPage: 20).total == 0)
        }
    }

    @Test func theDemoHasAnUpcomingWindow() throws {
        try withTestStore { store in
            try store.loadDemoFixtures()
            let window = try #require(try store.scheduledMaintenance("sm1b2c3d4", statusPageId: "a1b2c3d4"))
            #expect(window.componentIds == ["property1"])
            #expect(window.startsAt == Timestamp(iso8601: "2099-01-01T02:00:00.000Z"))
            #expect(window.phase(at: Timestamp.now()) == .scheduled)
        }
    }

    /// 0010 on a database of the previous release: components read as before, windows can be added.
    @Test func migrationFromThePreviousRelease() throws {
        try withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("m.db").path
            let earlier = try Migrator.bundled().migrations.filter { $0.name < "0010" }
            let old = try Store(path: path, migrator: Migrator(migrations: earlier))
            _ = try PageFixture.make(in: old)
            #expect(try old.components(statusPageId: "page").map(\.status) == [.operational, .operational])
            #expect(try old.derivedStatusSpan(around: Self.start) == nil)
            let upgraded = try Store(path: path, clock: .manual(at: Self.start))
            #expect(upgraded.migrationsApplied.first == "0010_scheduled_maintenance.sql")
            _ = try upgraded.createScheduledMaintenance(Self.window(startsIn: 0), statusPageId: "page")
            #expect(try upgraded.component("page-c0", statusPageId: "page")?.status == .impacted(.maintenance))
            #expect(try upgraded.integrityCheck() == ["ok"])
        }
    }
}
