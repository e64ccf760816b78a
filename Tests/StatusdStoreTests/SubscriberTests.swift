import Foundation
import GRDB
@testable import StatusdStore
import StatusdCore
import Testing

/// Subscribers in the store (Migrations/0011): writes, one address per page in any letter case,
/// cascades, triggers, fixtures and the upgrade from the release before it.
@Suite struct SubscriberStoreTests {
    static let start = Timestamp(millisecondsSince1970: 1_609_459_200_000)  // 2021-01-01T00:00:00.000Z

    static func withClockedStore<T>(_ body: (Store, StoreClock) throws -> T) throws -> T {
        try withTemporaryFolder { folder in
            let clock = StoreClock.manual(at: start)
            let store = try Store(path: folder.appendingPathComponent("s.db").path, clock: clock)
            return try body(store, clock)
        }
    }

    static func count(_ store: Store) throws -> Int {
        try store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM subscribers") } ?? -1
    }

    @Test func subscribersAreCreatedReadListedAndDeleted() throws {
        try Self.withClockedStore { store, clock in
            _ = try PageFixture.make(in: store)
            let first = try store.createSubscriber(id: "s1", statusPageId: "page", emailAddress: "Ann@Example.com")
            #expect(first == Subscriber(id: "s1", statusPageId: "page", emailAddress: "Ann@Example.com", createdAt: Self.start))
            #expect(!first.isConfirmed)
            clock.advance(byMilliseconds: 1000)
            _ = try store.createSubscriber(id: "s2", statusPageId: "page", emailAddress: "bob@example.org")
            clock.advance(byMilliseconds: 1000)
            let third = try store.createSubscriber(statusPageId: "page", emailAddress: "carol@example.com")
            #expect(third.id.count == 36 && third.createdAt == Timestamp(millisecondsSince1970: Self.start.millisecondsSince1970 + 2000))

            #expect(try store.subscriber("s1", statusPageId: "page") == first)
            #expect(try store.subscriber("s1", statusPageId: "other") == nil)
            let all = try store.subscribers(statusPageId: "page", search: nil, page: 1, perPage: 20)
            #expect(all.items.map(\.id) == [third.id, "s2", "s1"] && all.total == 3)
            let second = try store.subscribers(statusPageId: "page", search: nil, page: 2, perPage: 2)
            #expect(second.items.map(\.id) == ["s1"] && second.total == 3)
            #expect(try store.subscribers(statusPageId: "page", search: nil, page: 3, perPage: 2).items.isEmpty)
            #expect(try store.subscribers(statusPageId: "page", search: nil, page: Int.max, perPage: 100).items.isEmpty)
            let found = try store.subscribers(statusPageId: "page", search: "EXAMPLE.COM", page: 1, perPage: 20)
            #expect(found.items.map(\.id) == [third.id, "s1"] && found.total == 2)
            #expect(try store.subscribers(statusPageId: "page", search: "%", page: 1, perPage: 20).total == 0)
            #expect(try store.subscribers(statusPageId: "page", search: "_", page: 1, perPage: 20).total == 0)

            #expect(try !store.deleteSubscriber("s2", statusPageId: "other"))
            #expect(try store.deleteSubscriber("s2", statusPageId: "page"))
            #expect(try !store.deleteSubscriber("s2", statusPageId: "page"))
            #expect(try store.subscriber("s2", statusPageId: "page") == nil)
            #expect(try Self.count(store) == 2)
        }
    }

    /// The whole address is compared without regard to ASCII case; the first spelling is kept.
    @Test func anAddressIsSubscribedOncePerPageInAnyCase() throws {
        try Self.withClockedStore { store, _ in
            _ = try PageFixture.make(in: store)
            _ = try PageFixture.make(in: store, pageId: "other")
            _ = try store.createSubscriber(id: "s1", statusPageId: "page", emailAddress: "User.Name+tag@Example.COM")
            for spelling in ["User.Name+tag@Example.COM", "user.name+tag@example.com", "USER.NAME+TAG@EXAMPLE.COM"] {
                #expect(throws: StoreError.alreadySubscribed) {
                    try store.createSubscriber(statusPageId: "page", emailAddress: spelling)
                }
            }
            // Another page, another local part, another domain: all different subscribers.
            _ = try store.createSubscriber(statusPageId: "other", emailAddress: "user.name+tag@example.com")
            _ = try store.createSubscriber(statusPageId: "page", emailAddress: "user.name@example.com")
            _ = try store.createSubscriber(statusPageId: "page", emailAddress: "user.name+tag@example.org")
            #expect(try store.subscriber("s1", statusPageId: "page")?.emailAddress == "User.Name+tag@Example.COM")
            #expect(throws: StoreError.duplicate(field: "id", value: "s1")) {
                try store.createSubscriber(id: "s1", statusPageId: "page", emailAddress: "new@example.com")
            }
            #expect(throws: StoreError.missingParent("status page")) {
                try store.createSubscriber(statusPageId: "nope", emailAddress: "new@example.com")
            }
            // The unique index keeps the promise for any writer.
            #expect(throws: DatabaseError.self) {
                try store.write { db in
                    try db.execute(sql: """
                        INSERT INTO subscribers(id, status_page_id, email_address, created_at)
                        VALUES ('raw', 'page', 'USER.NAME@EXAMPLE.COM', 1)
                        """)
                }
            }
            #expect(try store.subscribers(statusPageId: "page", search: nil, page: 1, perPage: 20).total == 3)
        }
    }

    @Test func everySubscriberWriteMovesTheContentCounter() throws {
        try Self.withClockedStore { store, _ in
            _ = try PageFixture.make(in: store)
            var last = try store.changeCounters().content
            func moved() throws -> Bool {
                let now = try store.changeCounters().content
                defer { last = now }
                return now > last
            }
            _ = try store.createSubscriber(id: "s", statusPageId: "page", emailAddress: "a@example.com")
            #expect(try moved())
            try store.write { db in try db.execute(sql: "UPDATE subscribers SET confirmed_at = 5") }
            #expect(try moved())
            #expect(try store.deleteSubscriber("s", statusPageId: "page"))
            #expect(try moved())
            #expect(try !store.deleteSubscriber("s", statusPageId: "page"))
            #expect(try !moved())
        }
    }

    @Test func deletingAPageOrProjectTakesItsSubscribersAndCountsThem() throws {
        try Self.withClockedStore { store, _ in
            _ = try PageFixture.make(in: store)
            _ = try PageFixture.make(in: store, pageId: "other")
            _ = try store.createSubscriber(statusPageId: "page", emailAddress: "a@example.com")
            _ = try store.createSubscriber(statusPageId: "page", emailAddress: "b@example.com")
            _ = try store.createSubscriber(statusPageId: "other", emailAddress: "a@example.com")
            let cascaded = try #require(try store.deleteStatusPageCounting("page"))
            #expect(cascaded.subscribers == 2 && cascaded.components == 2)
            #expect(try Self.count(store) == 1)
            guard case .deleted(let project) = try store.deleteProject("proj", force: true) else {
                Issue.record("project not deleted")
                return
            }
            #expect(project.subscribers == 1 && project.statusPages == 1)
            #expect(try Self.count(store) == 0)
        }
    }

    @Test func fixturesDeclareSubscribers() throws {
        try Self.withClockedStore { store, _ in
            let file = """
                {"projects": [{"id": "p", "name": "P"}],
                 "status_pages": [{"id": "page", "project_id": "p", "name": "Page"}],
                 "subscribers": [
                   {"id": "new", "status_page_id": "page", "email_address": "New@Example.com"},
                   {"id": "yes", "status_page_id": "page", "email_address": "yes@example.com", "confirmed": true,
                    "created_at": "2020-12-01T00:00:00Z"},
                   {"id": "at", "status_page_id": "page", "email_address": "at@example.com",
                    "confirmed_at": "2020-12-02T00:00:00Z", "created_at": "2020-12-01T00:00:00Z"}
                 ]}
                """
            try store.load(try Fixtures.parse(Data(file.utf8), source: "t.json"))
            try store.load(try Fixtures.parse(Data(file.utf8), source: "t.json"))  // twice: nothing changes
            #expect(try store.subscriber("new", statusPageId: "page")
                == Subscriber(id: "new", statusPageId: "page", emailAddress: "New@Example.com", createdAt: Self.start))
            let december = try #require(Timestamp(iso8601: "2020-12-01T00:00:00Z"))
            #expect(try store.subscriber("yes", statusPageId: "page")?.confirmedAt == december)
            #expect(try store.subscriber("at", statusPageId: "page")?.confirmedAt == Timestamp(iso8601: "2020-12-02T00:00:00Z"))
            #expect(try Self.count(store) == 3)
            try store.reset(to: [])
            #expect(try Self.count(store) == 0)
        }
    }

    @Test(arguments: [
        (#"{"subscribers": [{"id": "s", "status_page_id": "nope", "email_address": "a@example.com"}]}"#,
         "t.json: subscribers[0].status_page_id: no status page 'nope' (in the file or the database)"),
        (#"{"subscribers": [{"id": "s", "status_page_id": "page", "email_address": "nobody"}]}"#,
         "t.json: subscribers[0].email_address: must contain exactly one @"),
        (#"{"subscribers": [{"id": "s", "status_page_id": "page", "email_address": "a@localhost"}]}"#,
         "t.json: subscribers[0].email_address: must have a domain with a dot after the @, like example.com"),
        (#"{"subscribers": [{"id": "s", "status_page_id": "page", "email_address": "a@example.com"}, {"id": "t", "status_page_id": "page", "email_address": "A@EXAMPLE.COM"}]}"#,
         "t.json: subscribers[1].email_address: 'A@EXAMPLE.COM' is already subscribed to this status page"),
        (#"{"subscribers": [{"id": "s", "status_page_id": "page", "email_address": "a@example.com"}, {"id": "s", "status_page_id": "page", "email_address": "b@example.com"}]}"#,
         "t.json: subscribers[1].id: 's' is already subscribers[0]'s"),
        (#"{"subscribers": [{"id": "s", "status_page_id": "page", "email_address": "a@example.com", "confirmed": false, "confirmed_at": "2021-01-01T00:00:00Z"}]}"#,
         "t.json: subscribers[0].confirmed_at: only for a confirmed subscriber (confirmed is false)"),
        (#"{"subscribers": [{"id": "s", "status_page_id": "page", "email_address": "a@example.com", "confirmed": true, "confirmed_at": "soon"}]}"#,
         "t.json: subscribers[0].confirmed_at: must be a UTC time like 2021-01-01T00:00:00.000Z or 2024-12-26T11:00:00Z"),
        (#"{"subscribers": [{"id": "s", "status_page_id": "page", "email": "a@example.com"}]}"#,
         "t.json: subscribers[0].email: unknown field"),
        (#"{"subscribers": [{"id": "", "status_page_id": "page", "email_address": "a@example.com"}]}"#,
         "t.json: subscribers[0].id: must not be empty"),
    ])
    func badSubscriberFixturesLoadNothingAndNameTheField(file: String, message: String) throws {
        try Self.withClockedStore { store, _ in
            _ = try PageFixture.make(in: store)
            do {
                try store.load(try Fixtures.parse(Data(file.utf8), source: "t.json"))
                Issue.record("loaded: \(file)")
            } catch {
                #expect("\(error)" == message)
            }
            #expect(try Self.count(store) == 0)
        }
    }

    @Test func theDemoPageHasTheSpecsExampleSubscriber() throws {
        try withTestStore { store in
            try store.loadDemoFixtures()
            let subscriber = try #require(try store.subscriber("a1b2c3d4e5f6", statusPageId: "a1b2c3d4"))
            #expect(subscriber.emailAddress == "user@example.com" && !subscriber.isConfirmed)
            #expect(subscriber.createdAt == Timestamp(iso8601: "2021-01-01T00:00:00.000Z"))
        }
    }

    /// 0011 on a database of the previous release: deletes count no subscribers before it, and
    /// subscribers can be added after it, with their triggers.
    @Test func migrationFromThePreviousRelease() throws {
        try withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("m.db").path
            let earlier = try Migrator.bundled().migrations.filter { $0.name < "0011" }
            let old = try Store(path: path, migrator: Migrator(migrations: earlier))
            _ = try PageFixture.make(in: old)
            _ = try PageFixture.make(in: old, pageId: "gone")
            #expect(try old.deleteStatusPageCounting("gone")?.subscribers == 0)
            let upgraded = try Store(path: path, clock: .manual(at: Self.start))
            #expect(upgraded.migrationsApplied.first == "0011_subscribers.sql")
            let before = try upgraded.changeCounters().content
            _ = try upgraded.createSubscriber(id: "s", statusPageId: "page", emailAddress: "a@example.com")
            #expect(try upgraded.changeCounters().content > before)
            #expect(try upgraded.subscribers(statusPageId: "page", search: nil, page: 1, perPage: 20).items.map(\.id) == ["s"])
            #expect(try upgraded.deleteStatusPageCounting("page")?.subscribers == 1)
            #expect(try upgraded.integrityCheck() == ["ok"])
        }
    }
}
