import Foundation
import StatusdApp
import StatusdCore
import StatusdStore
import StatusdTesting
import Testing

/// `/v1/status_pages/{id}/scheduled_maintenance[/{id}]` end to end: the 2026 spec's four operations,
/// the list, the Terraform provider's bodies, bad input, scoping, and what an open window does to
/// its components, the summary and cached answers as the clock moves.
@Suite struct ScheduledMaintenanceTests {
    static let page = "/v1/status_pages/a1b2c3d4"
    static let collection = "\(page)/scheduled_maintenance"
    static let start = Timestamp(millisecondsSince1970: 1_609_459_200_000)  // 2021-01-01T00:00:00.000Z
    /// The demo's upcoming window on property1.
    static let demoWindow = "sm1b2c3d4"
    static let demoWindowJSON = """
        {"id":"sm1b2c3d4","status_page_id":"a1b2c3d4","title":"Database upgrade",
        "description":"Upgrading to PostgreSQL 16","impact":"MAINTENANCE","status":"SCHEDULED",
        "started":"2099-01-01T02:00:00.000Z","ended":null,"start_date":"2099-01-01T02:00:00.000Z",
        "duration_minutes":60,"notifications":{"an_hour_before":false,"at_start":true,"at_end":true},
        "components":[{"id":"property1","name":"API"}],"components_affected":["property1"],
        "created_at":"2021-01-01T00:00:00.000Z","updated_at":"2021-01-01T00:00:00.000Z"}
        """

    /// A window an hour after the test clock's start, for `minutes`, on `components`.
    static func body(
        title: String = "Database upgrade", start: String = "2021-01-01T01:00:00.000Z", minutes: Int = 60,
        components: [String] = ["property2"], extra: String = ""
    ) -> String {
        let ids = components.map { #""\#($0)""# }.joined(separator: ",")
        return #"{"title":"\#(title)","description":"Upgrading to PostgreSQL 16","start_date":"\#(start)","duration_minutes":\#(minutes),"components_affected":[\#(ids)]\#(extra)}"#
    }

    static func create(_ server: TestServer, _ body: String = ScheduledMaintenanceTests.body()) throws -> String {
        let created = try server.oon("POST", collection, body: body)
        try #require(created.status == 201, "\(created.text)")
        return try #require(result(created)["id"] as? String)
    }

    static func componentStatus(_ server: TestServer, _ id: String = "property2") throws -> String? {
        result(try server.oon("GET", "\(page)/components/\(id)"))["status"] as? String
    }

    @Test func createAnswers201WithTheSpecShapeAndListsIt() throws {
        try withTestServer(clock: .manual(at: Self.start), ids: .deterministic()) { server in
            let created = try server.oon("POST", Self.collection, body: Self.body(
                extra: #","notifications":{"an_hour_before":true,"at_end":false}"#))
            #expect(created.status == 201, "\(created.text)")
            let window = """
                {"id":"00000000-0000-8000-8000-000000000001","status_page_id":"a1b2c3d4","title":"Database upgrade",
                "description":"Upgrading to PostgreSQL 16","impact":"MAINTENANCE","status":"SCHEDULED",
                "started":"2021-01-01T01:00:00.000Z","ended":null,"start_date":"2021-01-01T01:00:00.000Z",
                "duration_minutes":60,"notifications":{"an_hour_before":true,"at_start":true,"at_end":false},
                "components":[{"id":"property2","name":"Website"}],"components_affected":["property2"],
                "created_at":"2021-01-01T00:00:00.000Z","updated_at":"2021-01-01T00:00:00.000Z"}
                """
            expectJSON(created.body, equals: #"{"result":\#(window),"success":true,"errors":[],"messages":[]}"#)
            expectJSON(
                try server.oon("GET", "\(Self.collection)/00000000-0000-8000-8000-000000000001").body,
                equals: #"{"result":\#(window),"success":true,"errors":[],"messages":[]}"#)
            // Latest start first: the demo's 2099 window, then this one.
            expectJSON(try server.oon("GET", Self.collection).body, equals: """
                {"result":[\(Self.demoWindowJSON),\(window)],
                "result_info":{"page":1,"per_page":20,"count":2,"total_count":2},
                "success":true,"errors":[],"messages":[]}
                """)
        }
    }

    @Test func updateByPatchOrPostThenDelete() throws {
        try withTestServer(clock: .manual(at: Self.start)) { server in
            let id = try Self.create(server)
            let item = "\(Self.collection)/\(id)"
            let patched = try server.oon("PATCH", item, body: #"{"title":"Database upgrade v2","start_date":"2021-01-02T02:00:00.000Z","duration_minutes":120}"#)
            #expect(patched.status == 200, "\(patched.text)")
            #expect(result(patched)["title"] as? String == "Database upgrade v2")
            #expect(result(patched)["start_date"] as? String == "2021-01-02T02:00:00.000Z")
            #expect(result(patched)["duration_minutes"] as? Int == 120)
            #expect(result(patched)["components_affected"] as? [String] == ["property2"])
            let posted = try server.oon("POST", item, body: #"{"description":"Now with replicas","components_affected":["property1","property2"],"notifications":{"at_start":false}}"#)
            #expect(posted.status == 200, "\(posted.text)")
            #expect(result(posted)["description"] as? String == "Now with replicas")
            #expect(result(posted)["title"] as? String == "Database upgrade v2")
            #expect(result(posted)["components_affected"] as? [String] == ["property1", "property2"])
            #expect(result(posted)["notifications"] as? [String: Bool] == ["an_hour_before": false, "at_start": false, "at_end": true])
            // null names no components; the read shows what was written.
            let cleared = try server.oon("PATCH", item, body: #"{"components_affected":null}"#)
            #expect(result(cleared)["components"] as? [Any] != nil && (result(cleared)["components"] as? [Any])?.isEmpty == true)
            #expect(result(try server.oon("GET", item))["components_affected"] as? [String] == [])

            let deleted = try server.oon("DELETE", item)
            expectJSON(deleted.body, equals: #"{"result":{"id":"\#(id)"},"success":true,"errors":[],"messages":[]}"#)
            expectError(try server.oon("GET", item), status: 404, code: 10003, mentioning: "Scheduled maintenance not found")
            expectError(try server.oon("DELETE", item), status: 404, code: 10003)
            expectError(try server.oon("PATCH", item, body: #"{"title":"x"}"#), status: 404, code: 10003)
        }
    }

    /// What the provider's client sends: every field on PATCH (with `id` and `status_page_id` when
    /// it has them), times with or without milliseconds or with an offset; and `components` as the
    /// answers show them.
    @Test func theTerraformProvidersBodiesAreAccepted() throws {
        try withTestServer(clock: .manual(at: Self.start)) { server in
            let created = try server.oon("POST", Self.collection, body: """
                {"title":"Upgrade","description":"Planned","start_date":"2021-01-01T03:00:00+02:00","duration_minutes":30,
                "components_affected":["property1"],"notifications":{"an_hour_before":true,"at_start":true,"at_end":true}}
                """)
            #expect(created.status == 201, "\(created.text)")
            #expect(result(created)["start_date"] as? String == "2021-01-01T01:00:00.000Z")
            let id = try #require(result(created)["id"] as? String)
            let patched = try server.oon("PATCH", "\(Self.collection)/\(id)", body: """
                {"id":"\(id)","status_page_id":"a1b2c3d4","title":"Upgrade","description":"Planned, longer",
                "start_date":"2021-01-01T01:30:00Z","duration_minutes":90,"components_affected":["property1","property2"],
                "notifications":{"an_hour_before":false,"at_start":true,"at_end":false}}
                """)
            #expect(patched.status == 200, "\(patched.text)")
            #expect(result(patched)["start_date"] as? String == "2021-01-01T01:30:00.000Z")
            #expect(result(patched)["components_affected"] as? [String] == ["property1", "property2"])
            let roundTrip = try server.oon("PATCH", "\(Self.collection)/\(id)", body: #"{"components":[{"id":"property2","name":"Website"}]}"#)
            #expect(result(roundTrip)["components_affected"] as? [String] == ["property2"])
            let asIds = try server.oon("PATCH", "\(Self.collection)/\(id)", body: #"{"components":["property1"],"duration_minutes":15.0}"#)
            #expect(result(asIds)["components_affected"] as? [String] == ["property1"])
            #expect(result(asIds)["duration_minutes"] as? Int == 15)
            // The list, as ListStatusPageScheduledMaintenances reads it.
            let list = try server.oon("GET", Self.collection)
            #expect(results(list).compactMap { $0["id"] as? String } == [Self.demoWindow, id])
        }
    }

    @Test func listIsPagedAndSearchable() throws {
        try withTestServer(clock: .manual(at: Self.start)) { server in
            let ids = try ["Alpha", "Beta", "Gamma"].enumerated().map { index, title in
                try Self.create(server, Self.body(title: title, start: "2021-01-0\(index + 2)T00:00:00Z"))
            }
            let second = try server.oon("GET", "\(Self.collection)?page=2&per_page=2")
            #expect(results(second).compactMap { $0["id"] as? String } == [ids[1], ids[0]])
            let info = (jsonObject(second.body) as? [String: Any])?["result_info"] as? [String: Any]
            #expect(info?["total_count"] as? Int == 4)
            #expect(info?["count"] as? Int == 2)
            #expect(results(try server.oon("GET", "\(Self.collection)?search=GAM")).compactMap { $0["id"] as? String } == [ids[2]])
            #expect(results(try server.oon("GET", "\(Self.collection)?search=postgresql")).count == 4)
            #expect(results(try server.oon("GET", "\(Self.collection)?page=9")).isEmpty)
            expectError(try server.oon("GET", "\(Self.collection)?per_page=101"), status: 400, code: 10005, mentioning: "per_page")
            expectError(try server.oon("GET", "\(Self.collection)?page=0"), status: 400, code: 10005, mentioning: "page")
        }
    }

    @Test func invalidBodiesAre400NamingTheField() throws {
        try withTestServer(clock: .manual(at: Self.start)) { server in
            let url = Self.collection
            expectError(try server.oon("POST", url, body: "{}"), status: 400, code: 10005, mentioning: "title is required")
            for field in ["description", "start_date", "duration_minutes"] {
                expectError(try server.oon("POST", url, body: #"{"title":"x"}"#), status: 400, code: 10005, mentioning: "\(field) is required")
            }
            let bad: [(String, String)] = [
                (Self.body(start: "2020-12-31T23:59:59.999Z"), "must not be in the past"),
                (Self.body(start: "next tuesday"), "ISO 8601"),
                (Self.body(start: "2021-02-30T00:00:00Z"), "ISO 8601"),
                (Self.body(start: "9999-01-01T00:00:00Z"), "no later than"),
                (Self.body(minutes: 0), "duration_minutes must be an integer between 1 and 527040"),
                (Self.body(minutes: -5), "duration_minutes"),
                (Self.body(minutes: 527_041), "duration_minutes"),
                (Self.body(components: ["ghost", "property1"]), "Unknown component ids for this status page: ghost"),
                (Self.body(components: ["property1", "property1"]), "more than once"),
                (Self.body(components: [""]), "components_affected"),
                (Self.body(extra: #","components":"property1""#), "components must be an array"),
                (Self.body(extra: #","components":[{"name":"API"}]"#), "components must be an array"),
                (Self.body(title: String(repeating: "t", count: 257)), "title must be between 1 and 256"),
                (Self.body(title: ""), "title must be between 1 and 256"),
                (Self.body(extra: #","notifications":{"at_end":"no"}"#), "notifications.at_end must be a boolean"),
                (Self.body(extra: #","notifications":[true]"#), "notifications must be an object"),
                (#"{"title":"x","description":"","start_date":"2021-01-02T00:00:00Z","duration_minutes":5}"#, "description must be between 1"),
                (#"{"title":"x","description":"\#(String(repeating: "d", count: 10_001))","start_date":"2021-01-02T00:00:00Z","duration_minutes":5}"#, "description"),
                (#"{"title":7,"description":"d","start_date":"2021-01-02T00:00:00Z","duration_minutes":5}"#, "title must be a string"),
                (#"{"title":"x","description":"d","start_date":1609459200,"duration_minutes":5}"#, "start_date must be a string"),
                (#"{"title":"x","description":"d","start_date":"2021-01-02T00:00:00Z","duration_minutes":"60"}"#, "duration_minutes"),
                (#"{"title":"x","description":"d","start_date":"2021-01-02T00:00:00Z","duration_minutes":1.5}"#, "duration_minutes"),
                (#"{"title":"x","description":"d","start_date":"2021-01-02T00:00:00Z","duration_minutes":null}"#, "duration_minutes"),
                (#"{"title":"x","description":"d","start_date":"2021-01-02T00:00:00Z","duration_minutes":5,"components_affected":"property1"}"#, "components_affected must be an array"),
                (#"{"title":"x","description":"d","start_date":"2021-01-02T00:00:00Z","duration_minutes":5,"components_affected":[{"id":"property1"}]}"#, "components_affected"),
            ]
            for (body, message) in bad {
                expectError(try server.oon("POST", url, body: body), status: 400, code: 10005, mentioning: message)
            }
            expectError(try server.oon("POST", url, body: "[1]"), status: 400, code: 10006)
            expectError(try server.oon("POST", url, body: "{\"title\":"), status: 400, code: 10006)
            expectError(try server.oon("POST", url, body: Self.body(), contentType: "text/plain"), status: 415, code: 10007)
            expectError(try server.oon("PUT", url, body: Self.body()), status: 405, code: 10004)
            // Every bad field at once, each named.
            let many = try server.oon("POST", url, body: #"{"title":"","duration_minutes":0,"start_date":"x"}"#)
            #expect(Set(errors(many).compactMap { $0["field"] as? String }) == ["title", "description", "duration_minutes", "start_date"])
            // The same rules on update; nothing was created or changed.
            let id = try Self.create(server)
            expectError(try server.oon("PATCH", "\(url)/\(id)", body: #"{"start_date":"2020-01-01T00:00:00Z"}"#), status: 400, code: 10005, mentioning: "past")
            expectError(try server.oon("PATCH", "\(url)/\(id)", body: #"{"duration_minutes":0}"#), status: 400, code: 10005)
            expectError(try server.oon("PATCH", "\(url)/\(id)", body: #"{"components_affected":["ghost"]}"#), status: 400, code: 10005, mentioning: "ghost")
            expectError(try server.oon("PATCH", "\(url)/\(id)", body: #"{"title":null}"#), status: 400, code: 10005, mentioning: "title")
            #expect(results(try server.oon("GET", url)).count == 2)
            #expect(result(try server.oon("GET", "\(url)/\(id)"))["components_affected"] as? [String] == ["property2"])
        }
    }

    /// The spec's 400 once a window has started, and after it has ended; deleting is allowed.
    @Test func aStartedWindowCannotBeUpdated() throws {
        let clock = StoreClock.manual(at: Self.start)
        try withTestServer(clock: clock) { server in
            let id = try Self.create(server)
            let item = "\(Self.collection)/\(id)"
            clock.set(to: Timestamp(iso8601: "2021-01-01T01:00:00.000Z")!)
            for (method, body) in [("PATCH", #"{"title":"Later"}"#), ("POST", #"{"duration_minutes":30}"#), ("PATCH", "{}")] {
                expectError(try server.oon(method, item, body: body), status: 400, code: 10005, mentioning: "once it has started")
            }
            #expect(result(try server.oon("GET", item))["status"] as? String == "IN_PROGRESS")
            clock.set(to: Timestamp(iso8601: "2021-01-01T02:00:00.000Z")!)
            let over = result(try server.oon("GET", item))
            #expect(over["status"] as? String == "COMPLETED")
            #expect(over["ended"] as? String == "2021-01-01T02:00:00.000Z")
            expectError(try server.oon("PATCH", item, body: #"{"title":"Later"}"#), status: 400, code: 10005, mentioning: "started")
            #expect(result(try server.oon("GET", item))["title"] as? String == "Database upgrade")
            #expect(try server.oon("DELETE", item).status == 200)
        }
    }

    /// While a window is open its components read MAINTENANCE, and the page "Service Under
    /// Maintenance"; an incident that hurts more wins, one of no impact does not; an override wins.
    @Test func openWindowsDeriveMaintenance() throws {
        let clock = StoreClock.manual(at: Self.start)
        try withTestServer(clock: clock) { server in
            let id = try Self.create(server, Self.body(components: ["property1", "property2"]))
            #expect(try Self.componentStatus(server) == "OPERATIONAL")
            clock.advance(byMilliseconds: 3_600_000)  // 01:00, the start: open
            #expect(try Self.componentStatus(server) == "MAINTENANCE")
            #expect(try Self.componentStatus(server, "property1") == "MAINTENANCE")
            #expect(result(try server.oon("GET", Self.page))["status"] as? String == "SERVICE_UNDER_MAINTENANCE")

            let incident = try server.createIncident(title: "Slow", extra: #","components":{"property1":"NO_IMPACT","property2":"DEGRADED_PERFORMANCE"}"#)
            #expect(try Self.componentStatus(server, "property1") == "MAINTENANCE")
            #expect(try Self.componentStatus(server) == "DEGRADED_PERFORMANCE")
            #expect(result(try server.oon("GET", Self.page))["status"] as? String == "PARTIALLY_DEGRADED_SERVICE")
            // The UptimeIO shape shows the same derived status on the incident's monitors.
            let detail = try server.send(
                "GET", "/api/projects/default/status-pages/a1b2c3d4/incidents/\(incident)", headers: [("X-API-Key", demoToken)])
            let monitors = ((jsonObject(detail.body) as? [String: Any])?["data"] as? [String: Any])?["incident"] as? [String: Any]
            let statuses = (monitors?["affected_monitors"] as? [[String: Any]] ?? []).map { $0["status"] as? String }
            #expect(statuses == ["maintenance", "degraded_performance"], "\(detail.text)")
            _ = try server.oon("PATCH", "\(Self.page)/components/property1", body: #"{"status":"OPERATIONAL","override_status":true}"#)
            #expect(try Self.componentStatus(server, "property1") == "OPERATIONAL")

            clock.advance(byMilliseconds: 3_599_999)  // 01:59:59.999, the last open millisecond
            #expect(try Self.componentStatus(server) == "DEGRADED_PERFORMANCE")
            #expect(result(try server.oon("GET", "\(Self.collection)/\(id)"))["status"] as? String == "IN_PROGRESS")
            #expect(try server.oon("DELETE", "\(Self.page)/incidents/\(incident)").status == 200)
            #expect(try Self.componentStatus(server) == "MAINTENANCE")
            clock.advance(byMilliseconds: 1)  // 02:00, the end: closed
            #expect(try Self.componentStatus(server) == "OPERATIONAL")
            #expect(result(try server.oon("GET", Self.page))["status"] as? String == "ALL_SYSTEMS_OPERATIONAL")
        }
    }

    @Test func deletingAnOpenWindowEndsIt() throws {
        let clock = StoreClock.manual(at: Self.start)
        try withTestServer(clock: clock) { server in
            let id = try Self.create(server)
            clock.advance(byMilliseconds: 3_600_000)
            #expect(try Self.componentStatus(server) == "MAINTENANCE")
            #expect(try server.oon("DELETE", "\(Self.collection)/\(id)").status == 200)
            #expect(try Self.componentStatus(server) == "OPERATIONAL")
        }
    }

    /// The summary lists the windows not yet over, soonest first, with their phase.
    @Test func theSummaryListsUpcomingAndActiveWindows() throws {
        let clock = StoreClock.manual(at: Self.start)
        try withTestServer(clock: clock) { server in
            let first = try Self.create(server, Self.body(title: "First", start: "2021-01-01T01:00:00Z", minutes: 10))
            let second = try Self.create(server, Self.body(title: "Second", start: "2021-01-01T01:05:00Z", minutes: 60))
            func listed() throws -> [(String?, String?)] {
                let summary = result(try server.send("GET", "/v1/status_pages/demo/summary"))
                let windows = summary["scheduled_maintenance"] as? [[String: Any]] ?? []
                return windows.map { ($0["id"] as? String, $0["status"] as? String) }
            }
            #expect(try listed().map(\.0) == [first, second, Self.demoWindow])
            clock.set(to: Timestamp(iso8601: "2021-01-01T01:07:00Z")!)
            #expect(try listed().map(\.1) == ["IN_PROGRESS", "IN_PROGRESS", "SCHEDULED"])
            let summary = result(try server.send("GET", "/v1/status_pages/demo/summary"))
            #expect((summary["status"] as? [String: Any])?["description"] as? String == "Service Under Maintenance")
            let window = try #require((summary["scheduled_maintenance"] as? [[String: Any]])?.first)
            #expect(window["components"] as? [[String: String]] == [["id": "property2", "name": "Website"]])
            clock.set(to: Timestamp(iso8601: "2021-01-01T01:10:00Z")!)
            #expect(try listed().map(\.0) == [second, Self.demoWindow])
            clock.set(to: Timestamp(iso8601: "2021-01-01T02:05:00Z")!)
            #expect(try listed().map(\.0) == [Self.demoWindow])
        }
    }

    /// Cached answers (components, the page, the window itself) change when a window opens and
    /// closes by the clock alone, moved through the control API as a test suite moves it, also
    /// backwards.
    @Test func cachedAnswersFollowTheClockThroughWindowBoundaries() throws {
        var options = ServeOptions(host: "127.0.0.1", port: 0)
        options.testControl = TestControlOptions(fixtures: [try Fixtures.demo()])
        try withTestServer(options: options, clock: .manual(at: Self.start)) { server in
            let id = try Self.create(server)
            func clock(_ body: String) throws {
                let moved = try server.send("POST", "/_statusd/clock", headers: [("Content-Type", "application/json")], body: body)
                try #require(moved.status == 200, "\(moved.text)")
            }
            func phase() throws -> String? { result(try server.oon("GET", "\(Self.collection)/\(id)"))["status"] as? String }
            func pageStatus() throws -> String? { result(try server.oon("GET", Self.page))["status"] as? String }
            let hitsBefore = try server.cacheHits()
            for _ in 0..<2 {
                #expect(try Self.componentStatus(server) == "OPERATIONAL")
                #expect(try phase() == "SCHEDULED")
                #expect(try pageStatus() == "ALL_SYSTEMS_OPERATIONAL")
            }
            #expect(try server.cacheHits() >= hitsBefore + 3, "the second round came from the cache")

            try clock(#"{"now":"2021-01-01T01:00:00Z"}"#)
            for _ in 0..<2 {
                #expect(try Self.componentStatus(server) == "MAINTENANCE")
                #expect(try phase() == "IN_PROGRESS")
                #expect(try pageStatus() == "SERVICE_UNDER_MAINTENANCE")
            }
            try clock(#"{"advance_seconds":3600}"#)
            #expect(try Self.componentStatus(server) == "OPERATIONAL")
            #expect(try phase() == "COMPLETED")
            try clock(#"{"advance_seconds":-1}"#)  // back inside
            #expect(try Self.componentStatus(server) == "MAINTENANCE")
            try clock(#"{"now":"2020-12-31T00:00:00Z"}"#)  // back before it
            #expect(try Self.componentStatus(server) == "OPERATIONAL")
            #expect(try phase() == "SCHEDULED")
        }
    }

    @Test func readOnlyCredentialsReadButCannotWrite() throws {
        try withTestServer(clock: .manual(at: Self.start)) { server in
            let id = try Self.create(server)
            _ = try server.store.createCredential(name: "viewer", projectId: nil, readOnly: true, secret: "viewer")
            #expect(try server.oon("GET", Self.collection, token: "viewer").status == 200)
            #expect(try server.oon("GET", "\(Self.collection)/\(id)", token: "viewer").status == 200)
            let writes: [(String, String, String?)] = [
                ("POST", Self.collection, Self.body()),
                ("PATCH", "\(Self.collection)/\(id)", #"{"title":"x"}"#),
                ("POST", "\(Self.collection)/\(id)", #"{"title":"x"}"#),
                ("DELETE", "\(Self.collection)/\(id)", nil),
            ]
            for (method, path, body) in writes {
                expectError(try server.oon(method, path, token: "viewer", body: body), status: 403, code: 10002)
            }
            #expect(results(try server.oon("GET", Self.collection)).count == 2)
            #expect(result(try server.oon("GET", "\(Self.collection)/\(id)"))["title"] as? String == "Database upgrade")
        }
    }

    @Test func windowsOfAnotherProjectOrPageAre404() throws {
        try withTestServer(clock: .manual(at: Self.start)) { server in
            _ = try server.store.createProject(id: "acme", name: "Acme")
            _ = try server.store.createCredential(name: "acme", projectId: "acme", readOnly: false, secret: "acme")
            let id = try Self.create(server)
            let item = "\(Self.collection)/\(id)"
            expectError(try server.oon("GET", Self.collection, token: "acme"), status: 404, code: 10003, mentioning: "Status page")
            expectError(try server.oon("GET", item, token: "acme"), status: 404, code: 10003)
            expectError(try server.oon("POST", Self.collection, token: "acme", body: Self.body()), status: 404, code: 10003)
            expectError(try server.oon("PATCH", item, token: "acme", body: #"{"title":"x"}"#), status: 404, code: 10003)
            expectError(try server.oon("DELETE", item, token: "acme"), status: 404, code: 10003)
            // Another page's window is not this page's; its components are not this page's either.
            let other = "/v1/status_pages/550e8400-e29b-41d4-a716-446655440000/scheduled_maintenance"
            expectError(try server.oon("GET", "\(other)/\(id)"), status: 404, code: 10003)
            expectError(try server.oon("DELETE", "\(other)/\(id)"), status: 404, code: 10003)
            expectError(try server.oon("POST", other, body: Self.body(components: ["property1"])), status: 400, code: 10005, mentioning: "property1")
            expectError(try server.oon("GET", "/v1/status_pages/nope/scheduled_maintenance"), status: 404, code: 10003)
            expectError(try server.oon("GET", Self.collection, token: nil), status: 401, code: 10001)
            #expect(try server.oon("GET", item).status == 200)
        }
    }

    @Test func deletingAComponentTakesItOutOfItsWindows() throws {
        try withTestServer(clock: .manual(at: Self.start)) { server in
            let id = try Self.create(server, Self.body(components: ["property1", "property2"]))
            #expect(try server.oon("DELETE", "\(Self.page)/components/property1").status == 200)
            let window = result(try server.oon("GET", "\(Self.collection)/\(id)"))
            #expect(window["components_affected"] as? [String] == ["property2"])
        }
    }
}
