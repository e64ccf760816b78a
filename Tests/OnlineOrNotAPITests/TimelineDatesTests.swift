import Foundation
import StatusdCore
import StatusdStore
import StatusdTesting
import Testing

/// `date_happened` places an entry in the timeline; `notify_subscribers` is kept. Both were
/// accepted and dropped before.
@Suite struct TimelineDatesTests {
    static let incidents = "/v1/status_pages/a1b2c3d4/incidents"
    static func at(_ text: String) -> Timestamp { Timestamp(iso8601: text)! }

    @Test func aBackdatedEntry_takesItsPlace_andOnlyTheNewestSetsTheStatus() throws {
        let clock = StoreClock.manual(at: Self.at("2025-01-01T12:00:00Z"))
        try withTestServer(clock: clock) { server in
            let id = try server.createIncident(title: "Outage")
            let updates = "\(Self.incidents)/\(id)/updates"
            clock.set(to: Self.at("2025-01-01T12:10:00Z"))
            let monitoring = try server.oon("POST", updates, body: """
                {"status":"MONITORING","description":"Fix deployed","date_happened":"2025-01-01T12:05:00.000Z"}
                """)
            #expect(monitoring.status == 201, "\(monitoring.text)")
            #expect(result(monitoring)["date_happened"] as? String == "2025-01-01T12:05:00.000Z")
            #expect(result(monitoring)["created_at"] as? String == "2025-01-01T12:10:00.000Z")
            #expect(result(try server.oon("GET", "\(Self.incidents)/\(id)"))["status"] as? String == "MONITORING")

            // Older than the newest entry: placed between, the incident stays MONITORING.
            let identified = try server.oon("POST", updates, body: """
                {"status":"IDENTIFIED","description":"Cause found","date_happened":"2025-01-01T12:02:00.000Z"}
                """)
            #expect(identified.status == 201)
            let detail = result(try server.oon("GET", "\(Self.incidents)/\(id)"))
            #expect(detail["status"] as? String == "MONITORING")
            let timeline = (detail["updates"] as? [[String: Any]] ?? []).map { ($0["status"] as? String ?? "", $0["date_happened"] as? String ?? "") }
            #expect(timeline.map(\.0) == ["MONITORING", "IDENTIFIED", "INVESTIGATING"])
            #expect(timeline.map(\.1) == ["2025-01-01T12:05:00.000Z", "2025-01-01T12:02:00.000Z", "2025-01-01T12:00:00.000Z"])
            // UptimeIO reads the same timeline with the same times.
            let page = try #require(try server.store.statusPage("a1b2c3d4"))
            let uptime = try server.send(
                "GET", "/api/projects/\(page.projectId)/status-pages/a1b2c3d4/incidents/\(id)/updates",
                headers: [("X-API-Key", "YOUR_API_KEY")])
            let uptimeTimes = ((jsonObject(uptime.body) as? [String: Any])?["data"] as? [String: Any])?["updates"] as? [[String: Any]]
            #expect(uptimeTimes?.compactMap { $0["created_at"] as? String }
                == ["2025-01-01T12:05:00Z", "2025-01-01T12:02:00Z", "2025-01-01T12:00:00Z"])

            // Resolved as of when it happened.
            clock.set(to: Self.at("2025-01-01T12:30:00Z"))
            _ = try server.oon("POST", updates, body: """
                {"status":"RESOLVED","description":"All good","date_happened":"2025-01-01T12:20:00.000Z"}
                """)
            let resolved = result(try server.oon("GET", "\(Self.incidents)/\(id)"))
            #expect(resolved["status"] as? String == "RESOLVED")
            #expect(resolved["ended"] as? String == "2025-01-01T12:20:00.000Z")
        }
    }

    @Test func editingDateHappened_movesTheEntry_andKeepsWhenItWasWritten() throws {
        let clock = StoreClock.manual(at: Self.at("2025-01-01T12:00:00Z"))
        try withTestServer(clock: clock) { server in
            let id = try server.createIncident(title: "Outage")
            let updates = "\(Self.incidents)/\(id)/updates"
            clock.set(to: Self.at("2025-01-01T12:10:00Z"))
            let entry = result(try server.oon("POST", updates, body: #"{"status":"UPDATE","description":"Note"}"#))
            let entryId = try #require(entry["id"] as? String)
            clock.set(to: Self.at("2025-01-01T12:20:00Z"))
            let moved = try server.oon("PATCH", "\(updates)/\(entryId)", body: #"{"date_happened":"2025-01-01T11:59:00.000Z"}"#)
            #expect(moved.status == 200, "\(moved.text)")
            #expect(result(moved)["date_happened"] as? String == "2025-01-01T11:59:00.000Z")
            #expect(result(moved)["created_at"] as? String == "2025-01-01T12:10:00.000Z")
            #expect(result(moved)["updated_at"] as? String == "2025-01-01T12:20:00.000Z")
            let timeline = result(try server.oon("GET", "\(Self.incidents)/\(id)"))["updates"] as? [[String: Any]]
            #expect(timeline?.last?["id"] as? String == entryId)
        }
    }

    @Test func aDateInTheFuture_orNotADate_isRefused() throws {
        let clock = StoreClock.manual(at: Self.at("2025-01-01T12:00:00Z"))
        try withTestServer(clock: clock) { server in
            let id = try server.createIncident(title: "Outage")
            let updates = "\(Self.incidents)/\(id)/updates"
            expectError(try server.oon("POST", updates, body: """
                {"status":"UPDATE","description":"x","date_happened":"2025-01-01T12:05:00.000Z"}
                """), status: 400, code: 10005, mentioning: "date_happened must not be in the future")
            expectError(try server.oon("POST", updates, body: #"{"status":"UPDATE","description":"x","date_happened":42}"#),
                        status: 400, code: 10005, mentioning: "date_happened")
            // A client clock a little ahead is fine.
            let skewed = try server.oon("POST", updates, body: """
                {"status":"UPDATE","description":"x","date_happened":"2025-01-01T12:00:30.000Z"}
                """)
            #expect(skewed.status == 201)
            let count = try server.store.updates(incidentId: id, statusPageId: "a1b2c3d4", page: 1, perPage: 100, order: .ascending)?.total
            #expect(count == 2)
        }
    }

    @Test func notifySubscribers_isKeptOnIncidentsAndEntries() throws {
        try withTestServer { server in
            let quiet = try server.createIncident(title: "Quiet", extra: #","notify_subscribers":false"#)
            let loud = try server.createIncident(title: "Loud")
            #expect(try server.store.incident(quiet, statusPageId: "a1b2c3d4")?.notifySubscribers == false)
            #expect(try server.store.incident(loud, statusPageId: "a1b2c3d4")?.notifySubscribers == true)
            let entry = result(try server.oon("POST", "\(Self.incidents)/\(loud)/updates", body: """
                {"status":"UPDATE","description":"Internal note","notify_subscribers":false}
                """))
            let entryId = try #require(entry["id"] as? String)
            #expect(try server.store.update(entryId, incidentId: loud, statusPageId: "a1b2c3d4")?.notifySubscribers == false)
            expectError(try server.oon("POST", Self.incidents, body: """
                {"title":"t","description":"d","status":"INVESTIGATING","notify_subscribers":"yes"}
                """), status: 400, code: 10005, mentioning: "notify_subscribers")
        }
    }
}
