import Foundation
import StatusdTesting
import Testing

/// `.../incidents/{id}/updates[/{update_id}]` per the 2026 spec.
@Suite struct TimelineTests {
    static let incidents = "/v1/status_pages/a1b2c3d4/incidents"

    @Test func addReadEditDeleteAnUpdate() throws {
        try withTestServer { server in
            let id = try server.createIncident(title: "Outage")
            let updates = "\(Self.incidents)/\(id)/updates"
            let created = try server.oon("POST", updates, body: #"{"status":"MONITORING","description":"Fix deployed"}"#)
            #expect(created.status == 201, "\(created.text)")
            let entry = result(created)
            let updateId = try #require(entry["id"] as? String)
            #expect(entry["incident_id"] as? String == id)
            #expect(entry["status"] as? String == "MONITORING")
            #expect(entry["description"] as? String == "Fix deployed")
            for key in ["date_happened", "created_at", "updated_at"] { #expect(entry[key] is String) }
            #expect(result(try server.oon("GET", "\(Self.incidents)/\(id)"))["status"] as? String == "MONITORING")

            let shown = try server.oon("GET", "\(updates)/\(updateId)")
            #expect(result(shown)["description"] as? String == "Fix deployed")

            let edited = try server.oon("PATCH", "\(updates)/\(updateId)", body: #"{"description":"Fix deployed to all regions"}"#)
            #expect(edited.status == 200)
            #expect(result(edited)["description"] as? String == "Fix deployed to all regions")
            #expect(result(edited)["status"] as? String == "MONITORING")

            let deleted = try server.oon("DELETE", "\(updates)/\(updateId)")
            expectJSON(deleted.body, equals: #"{"result":{"id":"\#(updateId)"},"success":true,"errors":[],"messages":[]}"#)
            expectError(try server.oon("GET", "\(updates)/\(updateId)"), status: 404, code: 10003)
        }
    }

    @Test func updateStatusKeepsIncidentStatus() throws {
        try withTestServer { server in
            let id = try server.createIncident(title: "Outage", status: "IDENTIFIED")
            let created = try server.oon("POST", "\(Self.incidents)/\(id)/updates", body: #"{"status":"UPDATE","description":"More soon"}"#)
            #expect(result(created)["status"] as? String == "UPDATE")
            #expect(result(try server.oon("GET", "\(Self.incidents)/\(id)"))["status"] as? String == "IDENTIFIED")
        }
    }

    @Test func listIsNewestFirstAndPaged() throws {
        try withTestServer { server in
            let id = try server.createIncident(title: "Outage")
            let updates = "\(Self.incidents)/\(id)/updates"
            for index in 1...4 {
                _ = try server.oon("POST", updates, body: #"{"status":"UPDATE","description":"Note \#(index)"}"#)
            }
            var rows: [[String: Any]] = []
            for page in 1...3 {
                let response = try server.oon("GET", "\(updates)?per_page=2&page=\(page)")
                #expect(results(response).count == (page == 3 ? 1 : 2))
                rows += results(response)
            }
            let descriptions = rows.compactMap { $0["description"] as? String }
            #expect(Set(descriptions) == ["Looking into it", "Note 1", "Note 2", "Note 3", "Note 4"])
            #expect(descriptions.count == 5)
            let times = rows.compactMap { $0["created_at"] as? String }
            #expect(times == times.sorted(by: >))
        }
    }

    @Test func invalidUpdateBodies() throws {
        try withTestServer { server in
            let updates = "\(Self.incidents)/a1b2c3d4/updates"
            let missing = try server.oon("POST", updates, body: "{}")
            #expect(Set(errors(missing).compactMap { $0["field"] as? String }) == ["status", "description"])
            expectError(try server.oon("POST", updates, body: #"{"status":"SCHEDULED","description":"x"}"#), status: 400, code: 10005, mentioning: "status must be one of")
            expectError(try server.oon("POST", updates, body: #"{"status":"UPDATE","description":""}"#), status: 400, code: 10005)
            expectError(try server.oon("POST", updates, body: #"{"status":"UPDATE","description":"x","date_happened":"yesterday"}"#), status: 400, code: 10005, mentioning: "date_happened must be")
            expectError(try server.oon("POST", "\(Self.incidents)/nope/updates", body: #"{"status":"UPDATE","description":"x"}"#), status: 404, code: 10003)
            expectError(try server.oon("PATCH", "\(updates)/nope", body: #"{"description":"x"}"#), status: 404, code: 10003)
        }
    }

    @Test func componentsAffectedAreApplied() throws {
        try withTestServer { server in
            let id = try server.createIncident(title: "Outage")
            let updates = "\(Self.incidents)/\(id)/updates"
            let created = try server.oon(
                "POST", updates,
                body: #"{"status":"IDENTIFIED","description":"API hit","components_affected":[{"id":"property1","status":"MAJOR_OUTAGE"}]}"#
            )
            #expect(created.status == 201, "\(created.text)")
            let incident = result(try server.oon("GET", "\(Self.incidents)/\(id)"))
            let components = try #require(incident["components"] as? [[String: Any]])
            #expect(components.compactMap { $0["id"] as? String } == ["property1"])
            let component = result(try server.oon("GET", "/v1/status_pages/a1b2c3d4/components/property1"))
            #expect(component["status"] as? String == "MAJOR_OUTAGE")
        }
    }

    @Test func unknownComponentsAffectedAreNamedAndNothingIsRecorded() throws {
        try withTestServer { server in
            let id = try server.createIncident(title: "Outage")
            let updates = "\(Self.incidents)/\(id)/updates"
            let response = try server.oon(
                "POST", updates,
                body: #"{"status":"UPDATE","description":"x","components_affected":[{"id":"ghost","status":"MAJOR_OUTAGE"}]}"#
            )
            expectError(response, status: 400, code: 10005, mentioning: "ghost")
            #expect(errors(response).first?["field"] as? String == "components_affected")
            #expect(results(try server.oon("GET", updates)).count == 1)
        }
    }

    @Test func searchMatchesMessages() throws {
        try withTestServer { server in
            let id = try server.createIncident(title: "Outage")
            let updates = "\(Self.incidents)/\(id)/updates"
            _ = try server.oon("POST", updates, body: #"{"status":"UPDATE","description":"Database restarted"}"#)
            _ = try server.oon("POST", updates, body: #"{"status":"UPDATE","description":"Cache warmed"}"#)
            let found = try server.oon("GET", "\(updates)?search=DATABASE")
            #expect(results(found).compactMap { $0["description"] as? String } == ["Database restarted"])
        }
    }
}
