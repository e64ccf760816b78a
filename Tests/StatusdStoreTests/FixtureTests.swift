import Foundation
@testable import StatusdStore
import StatusdCore
import Testing

@Suite struct FixtureTests {
    static let example = """
        {
          "projects": [{"id": "shop", "name": "Shop", "created_at": "2025-03-01T09:00:00Z"}],
          "credentials": [
            {"id": "ci-writer", "secret": "s3cret", "project_id": "shop"},
            {"id": "ci-reader", "secret_sha256": "\(String(repeating: "ab", count: 32))", "read_only": true}
          ],
          "status_pages": [{"id": "shop-page", "project_id": "shop", "name": "Shop Status"}],
          "components": [
            {"id": "checkout", "status_page_id": "shop-page", "name": "Checkout"},
            {"id": "search", "status_page_id": "shop-page", "name": "Search", "status_override": "degraded_performance"}
          ],
          "incidents": [{
            "id": "inc-1", "status_page_id": "shop-page", "title": "Checkout errors", "status": "MONITORING",
            "impact": "PARTIAL_OUTAGE", "components": [{"id": "checkout", "impact": "MAJOR_OUTAGE"}],
            "started_at": "2025-03-02T10:00:00Z",
            "updates": [
              {"id": "u1", "message": "Looking into it", "status": "INVESTIGATING"},
              {"message": "Still looking", "created_at": "2025-03-02T10:05:00Z"},
              {"message": "Fix deployed", "status": "monitoring", "created_at": "2025-03-02T10:30:00Z", "created_by": "ops"}
            ]
          }]
        }
        """

    static func parse(_ text: String) throws -> Fixtures {
        try Fixtures.parse(Data(text.utf8), source: "test.json")
    }

    static func loadError(_ text: String, into store: Store) -> String? {
        do {
            try store.load(try parse(text))
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func aFullFile_loadsEveryRow_withDefaultsFromTheStoreClock() throws {
        let start = try #require(Timestamp(iso8601: "2025-03-05T00:00:00Z"))
        try withTemporaryFolder { folder in
            let store = try Store(path: folder.appendingPathComponent("f.db").path, clock: .manual(at: start))
            try store.load(try Self.parse(Self.example))

            #expect(try store.project("shop")?.createdAt.iso8601Seconds == "2025-03-01T09:00:00Z")
            let writer = try #require(try store.authenticate(secret: "s3cret"))
            #expect(writer.projectId == "shop" && writer.readOnly == false && writer.name == "ci-writer")
            #expect(try store.credentials().count == 2)
            let page = try #require(try store.statusPage("shop-page"))
            #expect(page.subdomain == "shop-status" && page.createdAt == start)
            let components = try store.components(statusPageId: "shop-page")
            #expect(components.map(\.id) == ["checkout", "search"] && components.map(\.position) == [0, 1])
            #expect(components[1].statusOverride == .impacted(.degradedPerformance))

            let incident = try #require(try store.incident("inc-1", statusPageId: "shop-page"))
            #expect(incident.status == .monitoring && incident.impact == .partialOutage && incident.endedAt == nil)
            #expect(incident.components == [AffectedComponent(componentId: "checkout", impact: .majorOutage)])
            #expect(incident.createdAt == start && incident.startedAt.iso8601Seconds == "2025-03-02T10:00:00Z")
            #expect(incident.description == "Looking into it")
            let timeline = try #require(try store.updates(
                incidentId: "inc-1", statusPageId: "shop-page", page: 1, perPage: 10, order: .ascending))
            #expect(timeline.items.map(\.id).first == "u1")
            // Unnamed entries get ids derived from incident and place: the same on every load.
            #expect(timeline.items[1].id == (try Secrets.nameBasedUUID("fixture-update:inc-1:1")))
            #expect(timeline.items[1].id.count == 36 && timeline.items[1].id.dropFirst(14).hasPrefix("8"))
            #expect(timeline.items.map(\.status) == [.investigating, .investigating, .monitoring])
            #expect(timeline.items.map(\.keptStatus) == [false, true, false])
            #expect(timeline.items.map(\.createdBy) == ["fixtures", "fixtures", "ops"])
            #expect(timeline.items.map(\.createdAt.iso8601Seconds)
                == ["2025-03-02T10:00:00Z", "2025-03-02T10:05:00Z", "2025-03-02T10:30:00Z"])
        }
    }

    @Test func loadingTwice_changesNothing() throws {
        try withTestStore { store in
            try store.load(try Self.parse(Self.example))
            let before = try store.changeCounters()
            try store.load(try Self.parse(Self.example))
            let after = try store.changeCounters()
            #expect(after == before)
            #expect(try store.credentials().count == 2)
        }
    }

    @Test func aBadRow_loadsNothing_andNamesTheField() throws {
        try withTestStore { store in
            let bad = Self.example.replacingOccurrences(of: "\"id\": \"search\"", with: "\"id\": \"search\", \"colour\": 1")
            #expect(Self.loadError(bad, into: store) == "test.json: components[1].colour: unknown field")
            let badStatus = Self.example.replacingOccurrences(of: "\"status\": \"MONITORING\"", with: "\"status\": \"FIXED\"")
            #expect(Self.loadError(badStatus, into: store)
                == "test.json: incidents[0].status: must be one of INVESTIGATING, IDENTIFIED, MONITORING, RESOLVED")
            // A late problem (the last incident) leaves even the rows before it unloaded.
            let (project, credentials) = (try store.project("shop"), try store.credentials())
            #expect(project == nil && credentials.isEmpty)
        }
    }

    @Test(arguments: [
        (#"{"projects": [{"id": "p"}]}"#, "test.json: projects[0].name: required field missing"),
        (#"{"projects": {"id": "p"}}"#, "test.json: projects: must be an array"),
        (#"[]"#, "test.json: the top level must be a JSON object"),
        (#"{"projects": [}"#, nil),
        (#"{"status_pages": [{"id": "x", "name": "X", "project_id": "nope"}]}"#,
         "test.json: status_pages[0].project_id: no project 'nope' (in the file or the database)"),
        (#"{"credentials": [{"id": "c"}]}"#, "test.json: credentials[0]: needs exactly one of secret, secret_sha256"),
        (#"{"credentials": [{"id": "c", "secret_sha256": "abc"}]}"#,
         "test.json: credentials[0].secret_sha256: must be 64 hexadecimal digits (the SHA-256 of the secret)"),
        (#"{"projects": [{"id": "p", "name": "P", "created_at": "yesterday"}]}"#,
         "test.json: projects[0].created_at: must be a UTC time like 2021-01-01T00:00:00.000Z or 2024-12-26T11:00:00Z"),
    ])
    func problems_areNamedByPath(file: String, message: String?) throws {
        try withTestStore { store in
            let error = try #require(Self.loadError(file, into: store))
            if let message { #expect(error == message) } else { #expect(error.hasPrefix("test.json: not valid JSON")) }
        }
    }

    @Test(arguments: [
        (#"{"projects": [{"id": "p", "name": "P"}, {"id": "p", "name": "Q"}]}"#,
         "test.json: projects[1].id: 'p' is already projects[0]'s"),
        (#"{"credentials": [{"id": "a", "secret": "s"}, {"id": "b", "secret": "s", "read_only": true}]}"#,
         "test.json: credentials[1]: its secret is already credential 'a''s: one secret, one credential"),
    ])
    func repeatsWithinAFile_areRefused(file: String, message: String) throws {
        try withTestStore { store in
            #expect(Self.loadError(file, into: store) == message)
        }
    }

    @Test func incidentRules_areChecked() throws {
        try withTestStore { store in
            try store.load(try Self.parse(#"{"status_pages": [{"id": "pg", "name": "Pg"}], "projects": [{"id": "default", "name": "D"}]}"#))
            let open = #"{"incidents": [{"id": "i", "status_page_id": "pg", "title": "T", "status": "INVESTIGATING", "ended_at": "2025-01-01T00:00:00Z"}]}"#
            #expect(Self.loadError(open, into: store) == "test.json: incidents[0].ended_at: only a RESOLVED incident has ended_at")
            let mismatch = #"{"incidents": [{"id": "i", "status_page_id": "pg", "title": "T", "status": "RESOLVED", "updates": [{"message": "m", "status": "IDENTIFIED"}]}]}"#
            #expect(Self.loadError(mismatch, into: store)
                == "test.json: incidents[0].status: is RESOLVED but the last update leaves it IDENTIFIED")
            let twice = #"{"incidents": [{"id": "i", "status_page_id": "pg", "title": "T", "status": "RESOLVED", "started_at": "2025-01-02T00:00:00Z", "ended_at": "2025-01-01T00:00:00Z"}]}"#
            #expect(Self.loadError(twice, into: store) == "test.json: incidents[0].ended_at: is before started_at")
            let foreign = #"{"incidents": [{"id": "i", "status_page_id": "pg", "title": "T", "status": "RESOLVED", "components": [{"id": "elsewhere"}]}]}"#
            #expect(Self.loadError(foreign, into: store)
                == "test.json: incidents[0].components[0].id: no component 'elsewhere' on this status page")
        }
    }

    @Test func reset_dropsEverything_andReloads_andRestartsDeterministicIds() throws {
        try withTemporaryFolder { folder in
            let store = try Store(path: folder.appendingPathComponent("f.db").path, ids: .deterministic())
            let fixtures = try Self.parse(Self.example)
            try store.load(fixtures)
            let created = try store.createIncident(.make(), statusPageId: "shop-page")
            // The updates the file gives no id are named after their incident: the count is untouched.
            #expect(created.id == "00000000-0000-8000-8000-000000000001")
            _ = try store.createProject(id: nil, name: "Extra")
            _ = try store.deleteIncident("inc-1", statusPageId: "shop-page")

            try store.reset(to: [fixtures])
            #expect(try store.projects().map(\.id) == ["shop"])
            #expect(try store.incident(created.id, statusPageId: "shop-page") == nil)
            #expect(try store.incident("inc-1", statusPageId: "shop-page") != nil)
            #expect(try store.createIncident(.make(), statusPageId: "shop-page").id == created.id)
        }
    }

    @Test func theDemoFile_isBundled_andParses() throws {
        let demo = try Fixtures.demo()
        #expect(demo.source == "demo")
        #expect(demo.file.incidents?.count == 3 && demo.file.credentials?.count == 2)
    }
}
