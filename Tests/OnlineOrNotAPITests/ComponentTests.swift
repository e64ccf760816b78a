import Foundation
import StatusdTesting
import Testing

/// `/v1/status_pages/{id}/components[/{component_id}]`: status derived from open incidents unless overridden.
@Suite struct ComponentTests {
    static let components = "/v1/status_pages/a1b2c3d4/components"

    @Test func createReadUpdateDelete() throws {
        try withTestServer { server in
            let created = try server.oon("POST", Self.components, body: #"{"name":"Website"}"#)
            #expect(created.status == 201, "\(created.text)")
            let id = try #require(result(created)["id"] as? String)
            #expect(result(created)["status"] as? String == "OPERATIONAL")
            #expect(result(created)["display_uptime"] as? Bool == true)

            #expect(result(try server.oon("GET", "\(Self.components)/\(id)"))["name"] as? String == "Website")
            for method in ["PATCH", "POST"] {
                let renamed = try server.oon(method, "\(Self.components)/\(id)", body: #"{"name":"Site \#(method)"}"#)
                #expect(result(renamed)["name"] as? String == "Site \(method)")
            }
            let list = results(try server.oon("GET", Self.components))
            #expect(Set(list.compactMap { $0["id"] as? String }) == ["property1", "property2", id])

            let deleted = try server.oon("DELETE", "\(Self.components)/\(id)")
            expectJSON(deleted.body, equals: #"{"result":{"id":"\#(id)"},"success":true,"errors":[],"messages":[]}"#)
            expectError(try server.oon("GET", "\(Self.components)/\(id)"), status: 404, code: 10003, mentioning: "Component")
        }
    }

    @Test func statusIsDerivedFromOpenIncidentsUnlessOverridden() throws {
        try withTestServer { server in
            let incident = try server.createIncident(
                title: "Partial", extra: #","impact":"PARTIAL_OUTAGE","components":{"property1":"PARTIAL_OUTAGE"}"#
            )
            #expect(result(try server.oon("GET", "\(Self.components)/property1"))["status"] as? String == "PARTIAL_OUTAGE")

            let overridden = try server.oon("PATCH", "\(Self.components)/property1", body: #"{"status":"MAINTENANCE"}"#)
            #expect(result(overridden)["status"] as? String == "MAINTENANCE")

            let derived = try server.oon("PATCH", "\(Self.components)/property1", body: #"{"status":"OPERATIONAL"}"#)
            #expect(result(derived)["status"] as? String == "PARTIAL_OUTAGE")

            _ = try server.oon("PATCH", "/v1/status_pages/a1b2c3d4/incidents/\(incident)", body: #"{"status":"RESOLVED"}"#)
            #expect(result(try server.oon("GET", "\(Self.components)/property1"))["status"] as? String == "OPERATIONAL")
        }
    }

    @Test func validation() throws {
        try withTestServer { server in
            expectError(try server.oon("POST", Self.components, body: "{}"), status: 400, code: 10005, mentioning: "name is required")
            expectError(try server.oon("POST", Self.components, body: #"{"name":"x","status":"DOWN"}"#), status: 400, code: 10005, mentioning: "status must be one of")
            expectError(try server.oon("PATCH", "\(Self.components)/property1", body: #"{"display_uptime":"no"}"#), status: 400, code: 10005)
            expectError(try server.oon("PATCH", "\(Self.components)/ghost", body: #"{"name":"x"}"#), status: 404, code: 10003)
        }
    }
}
