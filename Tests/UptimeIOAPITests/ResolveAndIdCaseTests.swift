import Foundation
import StatusdCore
import StatusdStore
import StatusdTesting
import Testing

/// `POST .../incidents/{id}/resolve` and UUID path ids in any letter case.
@Suite struct ResolveAndIdCaseTests {
    @Test func resolve_setsResolvedNow_andRecordsTheMessageAsTheResolutionEntry() throws {
        let clock = StoreClock.manual(at: Timestamp(iso8601: "2024-12-26T13:30:00Z")!)
        try withTestServer(demo: true, clock: clock) { server in
            let created = try server.createIncident(severity: "major", monitors: [Demo.monitor10, Demo.monitor11])
            let id = try #require(created["id"] as? String)
            clock.advance(byMilliseconds: 60_000)
            let response = try server.uptimeIO(
                "POST", "\(Demo.incidents)/\(id)/resolve",
                body: #"{"message": "Service fully restored. All systems operational."}"#)
            #expect(response.status == 200, "\(response.text)")
            let resolution = try #require(response.data?["resolution_update"] as? [String: Any])
            let resolutionId = try #require(resolution["id"] as? String)
            expectJSON(response.body, equals: """
                {"success": true, "data": {
                  "incident": {"id": "\(id)", "status_page_id": "\(Demo.pageId)", "title": "Checkout errors",
                    "message": "Investigating failed payments", "severity": "major", "status": "resolved",
                    "affected_monitor_ids": ["\(Demo.monitor10)", "\(Demo.monitor11)"],
                    "created_at": "2024-12-26T13:30:00Z", "updated_at": "2024-12-26T13:31:00Z",
                    "resolved_at": "2024-12-26T13:31:00Z", "updates_count": 2},
                  "resolution_update": {"id": "\(resolutionId)", "incident_id": "\(id)",
                    "message": "Service fully restored. All systems operational.", "status": "resolved",
                    "created_at": "2024-12-26T13:31:00Z", "created_by": "demo-token-your-api-key"}}}
                """)
            // The timeline has it first, and the OnlineOrNot shape reads the incident as resolved.
            let timeline = try server.uptimeIO("GET", "\(Demo.incidents)/\(id)/updates")
            let first = (timeline.data?["updates"] as? [[String: Any]])?.first
            #expect(first?["id"] as? String == resolutionId)
            // A second resolve adds nothing.
            let again = try server.uptimeIO("POST", "\(Demo.incidents)/\(id)/resolve")
            #expect(again.status == 409)
            expectJSON(again.body, equals: """
                {"success": false, "error": {"code": "CONFLICT", "message": "Incident is already resolved"}}
                """)
            let after = try server.uptimeIO("GET", "\(Demo.incidents)/\(id)")
            #expect((after.data?["incident"] as? [String: Any])?["updates"].map { ($0 as? [Any])?.count } == 2)
        }
    }

    @Test func resolve_withoutABody_usesTheDefaultMessage() throws {
        try withTestServer(demo: true) { server in
            let id = try #require(try server.createIncident()["id"] as? String)
            for body in [nil, "{}"] as [String?] {
                let response = try server.uptimeIO("POST", "\(Demo.incidents)/\(id)/resolve", body: body)
                if body == nil {
                    #expect(response.status == 200, "\(response.text)")
                    let resolution = response.data?["resolution_update"] as? [String: Any]
                    #expect(resolution?["message"] as? String == "This incident has been resolved.")
                } else {
                    #expect(response.status == 409)
                }
            }
        }
    }

    @Test func resolve_refusesBadInput_unknownIds_andReadOnlyKeys() throws {
        try withTestServer(demo: true) { server in
            let id = try #require(try server.createIncident()["id"] as? String)
            let path = "\(Demo.incidents)/\(id)/resolve"
            let bad: [(String, String)] = [
                (#"{"message": ""}"#, "message"), (#"{"message": 42}"#, "message"),
                ("{\"message\": \"\(String(repeating: "x", count: 5001))\"}", "message"),
            ]
            for (body, field) in bad {
                let response = try server.uptimeIO("POST", path, body: body)
                #expect(response.status == 400, "\(body)")
                #expect(response.details.map(\.field) == [field], "\(body)")
            }
            let malformed = try server.uptimeIO("POST", path, body: "{")
            #expect(malformed.status == 400)
            let missing = try server.uptimeIO("POST", "\(Demo.incidents)/990e8400-e29b-41d4-a716-000000000000/resolve")
            #expect(missing.status == 404)
            expectJSON(missing.body, equals: #"{"success": false, "error": {"code": "NOT_FOUND", "message": "Incident not found"}}"#)
            _ = try server.store.createCredential(name: "viewer", projectId: nil, readOnly: true, secret: "viewer-key")
            #expect(try server.uptimeIO("POST", path, key: "viewer-key").status == 403)
            let other = try server.store.createProject(id: nil, name: "Other")
            _ = try server.store.createCredential(name: "other", projectId: other.id, readOnly: false, secret: "other-key")
            #expect(try server.uptimeIO("POST", path, key: "other-key").status == 404)
            #expect(try server.uptimeIO("POST", path, key: nil).status == 401)
            // Still open after all of that.
            let incident = try server.uptimeIO("GET", "\(Demo.incidents)/\(id)").data?["incident"] as? [String: Any]
            #expect(incident?["status"] as? String == "investigating")
        }
    }

    @Test func uuidPathIds_matchInAnyCase_andAnswersKeepTheStoredSpelling() throws {
        try withTestServer(demo: true) { server in
            let upperBase = "/api/projects/\(Demo.projectId.uppercased())/status-pages/\(Demo.pageId.uppercased())/incidents"
            let mixed = "990E8400-e29b-41D4-A716-446655440050"
            let show = try server.uptimeIO("GET", "\(upperBase)/\(mixed)")
            #expect(show.status == 200, "\(show.text)")
            let incident = show.data?["incident"] as? [String: Any]
            #expect(incident?["id"] as? String == Demo.apiIncident)
            #expect(incident?["status_page_id"] as? String == Demo.pageId)
            let list = try server.uptimeIO("GET", upperBase)
            #expect(list.incidentIds == [Demo.apiIncident, Demo.databaseIncident])
            let updates = try server.uptimeIO("GET", "\(upperBase)/\(Demo.apiIncident.uppercased())/updates?limit=1")
            #expect(updates.status == 200 && updates.pagination["total"] as? Int == 3)
            let added = try server.uptimeIO(
                "POST", "\(upperBase)/\(Demo.databaseIncident.uppercased())/updates",
                body: #"{"message": "Reopened", "status": "investigating"}"#)
            #expect(added.status == 201)
            #expect((added.data?["update"] as? [String: Any])?["incident_id"] as? String == Demo.databaseIncident)
            let patched = try server.uptimeIO("PATCH", "\(upperBase)/\(Demo.databaseIncident.uppercased())", body: #"{"title": "DB"}"#)
            #expect(patched.status == 200)
            let resolved = try server.uptimeIO("POST", "\(upperBase)/\(Demo.databaseIncident.uppercased())/resolve")
            #expect(resolved.status == 200)
            let deleted = try server.uptimeIO("DELETE", "\(upperBase)/\(Demo.databaseIncident.uppercased())")
            #expect(deleted.status == 200)
            #expect(deleted.data?["incident_id"] as? String == Demo.databaseIncident)
            #expect(try server.uptimeIO("GET", "\(Demo.incidents)/\(Demo.databaseIncident)").status == 404)
            // Not a UUID, not the same id: still exact.
            #expect(try server.uptimeIO("GET", "\(upperBase)/990E8400").status == 404)
            // OnlineOrNot ids that are not UUIDs stay exact as well.
            #expect(try server.onlineOrNot("GET", "/v1/status_pages/A1B2C3D4").status == 404)
            #expect(try server.onlineOrNot("GET", "/v1/status_pages/a1b2c3d4").status == 200)
        }
    }

    @Test func updatesList_takesTheListsPaginationAndRefusesBadLimits() throws {
        try withTestServer(demo: true) { server in
            let path = "\(Demo.incidents)/\(Demo.apiIncident)/updates"
            let page = try server.uptimeIO("GET", path + "?page=2&limit=1&sort_order=asc")
            #expect(page.status == 200)
            #expect(page.pagination as NSDictionary == [
                "page": 2, "pageSize": 1, "total": 3, "totalPages": 3, "hasNext": true, "hasPrevious": true,
            ] as NSDictionary)
            for query in ["limit=0", "limit=101", "limit=x", "page=0", "sort_order=up"] {
                let response = try server.uptimeIO("GET", path + "?" + query)
                #expect(response.status == 400, "\(query)")
            }
        }
    }
}
