import Foundation
import StatusdTesting
import Testing

/// Every curl example of `onlineornot-incidents.txt`, sent as written (host changed, `Bearer 123`),
/// compared field by field with the documented response.
@Suite struct SeedExampleTests {
    static let documentedIncident = """
        {
          "id": "a1b2c3d4",
          "title": "API is inaccessible",
          "impact": "MAJOR_OUTAGE",
          "started": "2021-01-01T00:00:00.000Z",
          "ended": "2021-02-01T00:00:00.000Z",
          "created_at": "2021-01-01T00:00:00.000Z",
          "updated_at": "2021-02-01T00:00:00.000Z"
        }
        """

    static func envelope(_ result: String) -> String {
        #"{"result": \#(result), "success": true, "errors": [], "messages": []}"#
    }

    @Test func createIncident() throws {
        try withTestServer { server in
            let response = try server.oon(
                "POST", "/v1/status_pages/a1b2c3d4/incidents",
                body: #"{"title":"API is inaccessible","description":"We are currently investigating the issue","status":"INVESTIGATING","impact":"MAJOR_OUTAGE","components":{"property1":"MAJOR_OUTAGE","property2":"MAJOR_OUTAGE"}}"#
            )
            #expect(response.status == 200)
            // A new incident gets its own id and times, and is open (ended null) until resolved.
            expectDocumented(
                response, equals: Self.envelope(Self.documentedIncident),
                ignoring: ["result.id", "result.started", "result.ended", "result.created_at", "result.updated_at"]
            )
            let created = result(response)
            #expect(created["ended"] is NSNull)
            #expect(created["status"] as? String == "INVESTIGATING")
            #expect(created["description"] as? String == "We are currently investigating the issue")
            let id = try #require(created["id"] as? String)
            #expect(id.count == 36 && id == id.lowercased())
            let started = try #require(created["started"] as? String)
            #expect(started.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/) != nil)
        }
    }

    @Test func listIncidents() throws {
        try withTestServer { server in
            let response = try server.oon("GET", "/v1/status_pages/a1b2c3d4/incidents")
            #expect(response.status == 200)
            expectDocumented(response, equals: """
                {
                  "result": [\(Self.documentedIncident)],
                  "result_info": {"page": 1, "per_page": 20, "count": 1, "total_count": 1},
                  "success": true, "errors": [], "messages": []
                }
                """)
        }
    }

    @Test func retrieveIncident() throws {
        try withTestServer { server in
            let response = try server.oon("GET", "/v1/status_pages/a1b2c3d4/incidents/a1b2c3d4")
            #expect(response.status == 200)
            expectDocumented(response, equals: Self.envelope(Self.documentedIncident))
        }
    }

    @Test func updateIncident() throws {
        try withTestServer { server in
            let response = try server.oon(
                "POST", "/v1/status_pages/a1b2c3d4/incidents/a1b2c3d4",
                body: #"{"title":"API is inaccessible","impact":"MAJOR_OUTAGE","components":{"property1":"MAJOR_OUTAGE","property2":"MAJOR_OUTAGE"}}"#
            )
            #expect(response.status == 200)
            // Only the modification time moves: the incident stays resolved with its original times.
            expectDocumented(response, equals: Self.envelope(Self.documentedIncident), ignoring: ["result.updated_at"])
            let components = try #require(result(response)["components"] as? [[String: Any]])
            #expect(Set(components.compactMap { $0["id"] as? String }) == ["property1", "property2"])
        }
    }

    @Test func deleteIncident() throws {
        try withTestServer { server in
            let response = try server.oon("DELETE", "/v1/status_pages/a1b2c3d4/incidents/a1b2c3d4")
            #expect(response.status == 200)
            expectJSON(response.body, equals: Self.envelope(#"{"id": "a1b2c3d4"}"#))
            let after = try server.oon("GET", "/v1/status_pages/a1b2c3d4/incidents/a1b2c3d4")
            expectError(after, status: 404, code: 10003, mentioning: "Incident not found")
        }
    }
}
