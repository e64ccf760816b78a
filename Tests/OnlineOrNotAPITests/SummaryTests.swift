import Foundation
import StatusdTesting
import Testing

/// The public `GET /v1/status_pages/{subdomain}/summary`.
@Suite struct SummaryTests {
    @Test func summaryShowsPageComponentsAndOpenIncidents() throws {
        try withTestServer { server in
            let created = try server.oon("POST", "/v1/status_pages", body: #"{"name":"Shop","subdomain":"shop"}"#)
            let page = try #require(result(created)["id"] as? String)
            let component = try #require(result(try server.oon(
                "POST", "/v1/status_pages/\(page)/components", body: #"{"name":"Checkout"}"#
            ))["id"] as? String)
            let open = try server.createIncident(
                on: page, title: "Checkout failing",
                extra: #","impact":"MAJOR_OUTAGE","components":[{"id":"\#(component)","status":"MAJOR_OUTAGE"}]"#
            )
            let resolved = try server.createIncident(on: page, title: "Old", status: "RESOLVED")

            let response = try server.send("GET", "/v1/status_pages/shop/summary")
            #expect(response.status == 200, "\(response.text)")
            #expect(response.header("Content-Type") == "application/json; charset=utf-8")
            let summary = result(response)
            #expect((summary["status"] as? [String: Any])?["description"] as? String == "Major System Outage")
            #expect((summary["status_page"] as? [String: Any])?["id"] as? String == page)
            #expect((summary["status_page"] as? [String: Any])?["status"] as? String == "MAJOR_SYSTEM_OUTAGE")
            let components = try #require(summary["components"] as? [[String: Any]])
            #expect(components.map { $0["status"] as? String } == ["MAJOR_OUTAGE"])
            let incidents = try #require(summary["active_incidents"] as? [[String: Any]])
            #expect(incidents.compactMap { $0["id"] as? String } == [open])
            #expect(!incidents.contains { $0["id"] as? String == resolved })
            #expect((summary["scheduled_maintenance"] as? [Any])?.isEmpty == true)
        }
    }

    @Test func operationalPage() throws {
        try withTestServer { server in
            _ = try server.oon("POST", "/v1/status_pages", body: #"{"name":"Quiet","subdomain":"quiet"}"#)
            let summary = result(try server.send("GET", "/v1/status_pages/quiet/summary"))
            #expect((summary["status"] as? [String: Any])?["description"] as? String == "All Systems Operational")
            #expect((summary["active_incidents"] as? [Any])?.isEmpty == true)
        }
    }

    @Test func unknownSubdomainIs404() throws {
        try withTestServer { server in
            expectError(try server.send("GET", "/v1/status_pages/no-such-page/summary"), status: 404, code: 10003)
        }
    }
}
