import Foundation
import StatusdTesting
import Testing

/// Incident updates by POST (seed) and PATCH (2026), both `components` forms, and the timeline rules.
@Suite struct IncidentUpdateTests {
    static let incidents = "/v1/status_pages/a1b2c3d4/incidents"

    @Test(arguments: ["POST", "PATCH"])
    func updateAppliesEveryField(method: String) throws {
        try withTestServer { server in
            let id = try server.createIncident(title: "Slow API")
            let response = try server.oon(
                method, "\(Self.incidents)/\(id)",
                body: #"{"title":"API down","description":"Root cause found","status":"IDENTIFIED","impact":"PARTIAL_OUTAGE","components":[{"id":"property1","status":"PARTIAL_OUTAGE"}]}"#
            )
            #expect(response.status == 200, "\(response.text)")
            let updated = result(response)
            #expect(updated["title"] as? String == "API down")
            #expect(updated["description"] as? String == "Root cause found")
            #expect(updated["status"] as? String == "IDENTIFIED")
            #expect(updated["impact"] as? String == "PARTIAL_OUTAGE")
            let components = try #require(updated["components"] as? [[String: Any]])
            #expect(components.compactMap { $0["id"] as? String } == ["property1"])
            // Read back, not just echoed.
            let read = result(try server.oon("GET", "\(Self.incidents)/\(id)"))
            #expect(read["title"] as? String == "API down")
            #expect(read["status"] as? String == "IDENTIFIED")
        }
    }

    @Test func componentsAcceptedAsSeedMap() throws {
        try withTestServer { server in
            let id = try server.createIncident(
                title: "Map form", extra: #","impact":"MAJOR_OUTAGE","components":{"property1":"DEGRADED_PERFORMANCE","property2":"MAJOR_OUTAGE"}"#
            )
            let read = result(try server.oon("GET", "\(Self.incidents)/\(id)"))
            let components = try #require(read["components"] as? [[String: Any]])
            let statuses = Dictionary(uniqueKeysWithValues: components.map { ($0["id"] as! String, $0["status"] as? String) })
            #expect(statuses == ["property1": "DEGRADED_PERFORMANCE", "property2": "MAJOR_OUTAGE"])
            let component = result(try server.oon("GET", "/v1/status_pages/a1b2c3d4/components/property2"))
            #expect(component["status"] as? String == "MAJOR_OUTAGE")
        }
    }

    @Test func componentsAcceptedAs2026List() throws {
        try withTestServer { server in
            let id = try server.createIncident(
                title: "List form", extra: #","components":[{"id":"property1","status":"PARTIAL_OUTAGE"}]"#
            )
            let read = result(try server.oon("GET", "\(Self.incidents)/\(id)"))
            let components = try #require(read["components"] as? [[String: Any]])
            #expect(components.count == 1)
            #expect(components.first?["id"] as? String == "property1")
            #expect(components.first?["status"] as? String == "PARTIAL_OUTAGE")
            let component = result(try server.oon("GET", "/v1/status_pages/a1b2c3d4/components/property1"))
            #expect(component["status"] as? String == "PARTIAL_OUTAGE")
        }
    }

    @Test func statusChangeRecordsTimelineEntryAndResolveSetsEnded() throws {
        try withTestServer { server in
            let id = try server.createIncident(title: "Outage")
            let before = try server.oon("GET", "\(Self.incidents)/\(id)/updates")
            let countBefore = try #require((jsonObject(before.body) as? [String: Any])?["result_info"] as? [String: Any])["total_count"] as? Int
            let resolved = try server.oon("PATCH", "\(Self.incidents)/\(id)", body: #"{"status":"RESOLVED"}"#)
            #expect(result(resolved)["status"] as? String == "RESOLVED")
            #expect(result(resolved)["ended"] is String)
            let after = try server.oon("GET", "\(Self.incidents)/\(id)/updates")
            let countAfter = try #require((jsonObject(after.body) as? [String: Any])?["result_info"] as? [String: Any])["total_count"] as? Int
            #expect(countAfter == (countBefore ?? 0) + 1)
            #expect(results(after).first?["status"] as? String == "RESOLVED")

            let reopened = try server.oon("POST", "\(Self.incidents)/\(id)", body: #"{"status":"MONITORING"}"#)
            #expect(result(reopened)["ended"] is NSNull)
        }
    }

    @Test func statusUpdateRecordsAnEntryAndKeepsTheStatus() throws {
        try withTestServer { server in
            let id = try server.createIncident(title: "Outage", status: "IDENTIFIED")
            let response = try server.oon("PATCH", "\(Self.incidents)/\(id)", body: #"{"status":"UPDATE","description":"Still on it"}"#)
            #expect(response.status == 200)
            #expect(result(response)["status"] as? String == "IDENTIFIED")
            let latest = try #require(result(response)["latest_update"] as? [String: Any])
            #expect(latest["status"] as? String == "UPDATE")
            let timeline = results(try server.oon("GET", "\(Self.incidents)/\(id)/updates"))
            #expect(timeline.count == 2)
            #expect(timeline.first?["description"] as? String == "Still on it")

            // UPDATE without a new description still records an entry.
            _ = try server.oon("POST", "\(Self.incidents)/\(id)", body: #"{"status":"UPDATE"}"#)
            #expect(results(try server.oon("GET", "\(Self.incidents)/\(id)/updates")).count == 3)
        }
    }

    @Test func createWithUpdateStatusStartsInvestigating() throws {
        try withTestServer { server in
            let id = try server.createIncident(title: "New", status: "UPDATE")
            #expect(result(try server.oon("GET", "\(Self.incidents)/\(id)"))["status"] as? String == "INVESTIGATING")
        }
    }

    @Test func impactCanBeCleared() throws {
        try withTestServer { server in
            let id = try server.createIncident(title: "Minor", extra: #","impact":"DEGRADED_PERFORMANCE""#)
            let response = try server.oon("PATCH", "\(Self.incidents)/\(id)", body: #"{"impact":null}"#)
            #expect(result(response)["impact"] is NSNull)
            #expect(result(response)["title"] as? String == "Minor")
        }
    }

    @Test func updateValidatesFields() throws {
        try withTestServer { server in
            let response = try server.oon("PATCH", "\(Self.incidents)/a1b2c3d4", body: #"{"title":"","status":"DONE"}"#)
            expectError(response, status: 400, code: 10005)
            #expect(Set(errors(response).compactMap { $0["field"] as? String }) == ["title", "status"])
        }
    }
}
