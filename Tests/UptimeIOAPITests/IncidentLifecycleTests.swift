import Foundation
import StatusdTesting
import Testing

/// Create, read, change, resolve and delete incidents through the UptimeIO shape, and the timeline
/// that records each step.
@Suite struct IncidentLifecycleTests {
    @Test func createAnswers201WithTheNewIncident() throws {
        try withTestServer(demo: true) { server in
            let response = try server.uptimeIO("POST", Demo.incidents, body: """
                {"title": "Login failures", "message": "Users cannot sign in", "severity": "critical",
                 "affected_monitor_ids": ["\(Demo.monitor11)", "\(Demo.monitor10)", "\(Demo.monitor11)"],
                 "extra": "ignored"}
                """)
            #expect(response.status == 201)
            expectJSON(response.body, equals: """
                {"success": true, "data": {"incident": {
                  "id": "x", "status_page_id": "\(Demo.pageId)", "title": "Login failures",
                  "message": "Users cannot sign in", "severity": "critical", "status": "investigating",
                  "affected_monitor_ids": ["\(Demo.monitor11)", "\(Demo.monitor10)"],
                  "created_at": "x", "updated_at": "x", "resolved_at": null, "updates_count": 1}}}
                """, ignoring: ["data.incident.id", "data.incident.created_at", "data.incident.updated_at"])
            let incident = try #require(response.data?["incident"] as? [String: Any])
            let id = try #require(incident["id"] as? String)
            #expect(id.wholeMatch(of: /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/) != nil)
            #expect(isUptimeIOTimestamp(incident["created_at"]))
            #expect(isUptimeIOTimestamp(incident["updated_at"]))
            #expect(try server.uptimeIO("GET", Demo.incidents).incidentIds.first == id)
        }
    }

    @Test func createWithResolvedStatusIsResolvedAtOnce() throws {
        try withTestServer(demo: true) { server in
            let incident = try server.createIncident(status: "resolved")
            #expect(incident["status"] as? String == "resolved")
            #expect(isUptimeIOTimestamp(incident["resolved_at"]))
        }
    }

    @Test func showCarriesMonitorsAndTimeline() throws {
        try withTestServer(demo: true) { server in
            let response = try server.uptimeIO("GET", "\(Demo.incidents)/\(Demo.apiIncident)")
            #expect(response.status == 200)
            let incident = try #require(response.data?["incident"] as? [String: Any])
            let monitors = try #require(incident["affected_monitors"] as? [[String: Any]])
            #expect(monitors.compactMap { $0["id"] as? String } == [Demo.monitor10, Demo.monitor11])
            for monitor in monitors {
                #expect(monitor["type"] as? String == "component")
                #expect(monitor["status"] as? String == "operational")
                #expect((monitor["name"] as? String)?.isEmpty == false)
                #expect(Set(monitor.keys) == ["id", "name", "type", "status"])
            }
            let updates = try #require(incident["updates"] as? [[String: Any]])
            #expect(updates.count == 3)
            #expect(updates.first?["status"] as? String == "resolved")
            #expect(updates.allSatisfy { $0["incident_id"] as? String == Demo.apiIncident })
            let times = updates.compactMap { $0["created_at"] as? String }
            #expect(times == times.sorted(by: >))
            #expect(incident["updates_count"] as? Int == 3)
        }
    }

    @Test func openIncidentDrivesItsMonitorsStatus() throws {
        try withTestServer(demo: true) { server in
            let incident = try server.createIncident(severity: "critical", monitors: [Demo.monitor12])
            let id = try #require(incident["id"] as? String)
            let shown = try server.uptimeIO("GET", "\(Demo.incidents)/\(id)").data?["incident"] as? [String: Any]
            let monitors = shown?["affected_monitors"] as? [[String: Any]]
            #expect(monitors?.first?["status"] as? String == "major_outage")
        }
    }

    @Test func patchRecordsEveryChangeInTheTimeline() throws {
        try withTestServer(demo: true) { server in
            let id = try #require(try server.createIncident(severity: "minor")["id"] as? String)
            let path = "\(Demo.incidents)/\(id)"
            func patch(_ body: String) throws -> [String: Any] {
                let response = try server.uptimeIO("PATCH", path, body: body)
                #expect(response.status == 200, "\(response.text)")
                return try #require(response.data?["incident"] as? [String: Any])
            }
            let renamed = try patch("{\"title\": \"Checkout down\"}")
            #expect(renamed["title"] as? String == "Checkout down")
            #expect(renamed["updates_count"] as? Int == 2)

            let raised = try patch("{\"severity\": \"critical\", \"affected_monitor_ids\": [\"\(Demo.monitor11)\"]}")
            #expect(raised["severity"] as? String == "critical")
            #expect(raised["affected_monitor_ids"] as? [String] == [Demo.monitor11])
            #expect(raised["updates_count"] as? Int == 3)

            let resolved = try patch("{\"status\": \"resolved\", \"message\": \"Fixed by rollback\"}")
            #expect(resolved["status"] as? String == "resolved")
            #expect(resolved["message"] as? String == "Fixed by rollback")
            #expect(isUptimeIOTimestamp(resolved["resolved_at"]))
            let afterResolve = try #require(resolved["updates_count"] as? Int)
            #expect(afterResolve > 3)

            let reopened = try patch("{\"status\": \"monitoring\"}")
            #expect(reopened["resolved_at"] is NSNull)
            #expect(reopened["updates_count"] as? Int == afterResolve + 1)

            // Values equal to the current ones change nothing and record nothing.
            let unchanged = try patch("{\"severity\": \"critical\", \"title\": \"Checkout down\"}")
            #expect(unchanged["updates_count"] as? Int == afterResolve + 1)
            #expect(unchanged["updated_at"] as? String == reopened["updated_at"] as? String)

            let timeline = try server.uptimeIO("GET", "\(path)/updates?sort_order=asc&limit=100")
            let messages = (timeline.data?["updates"] as? [[String: Any]] ?? []).compactMap { $0["message"] as? String }
            #expect(messages.count == afterResolve + 1)
            #expect(messages.contains("Title changed to \"Checkout down\""))
            #expect(messages.contains { $0.contains("Severity changed from minor to critical") })
        }
    }

    @Test func patchRejectsMonitorsOfAnotherPage() throws {
        try withTestServer(demo: true) { server in
            let response = try server.uptimeIO(
                "PATCH", "\(Demo.incidents)/\(Demo.apiIncident)",
                body: "{\"affected_monitor_ids\": [\"\(Demo.onlineOrNotComponent)\"]}")
            #expect(response.status == 400)
            #expect(response.details == [FieldMessage(
                field: "affected_monitor_ids",
                message: "Unknown component ids for this status page: \(Demo.onlineOrNotComponent)")])
        }
    }

    @Test func postedUpdateNamesItsAuthor() throws {
        try withTestServer(demo: true) { server in
            _ = try server.store.createCredential(name: "deploy-bot", projectId: nil, readOnly: false, secret: "bot-key")
            let id = try #require(try server.createIncident()["id"] as? String)
            let response = try server.uptimeIO(
                "POST", "\(Demo.incidents)/\(id)/updates", key: "bot-key",
                body: "{\"message\": \"Cause identified\", \"status\": \"identified\"}")
            #expect(response.status == 201)
            expectJSON(response.body, equals: """
                {"success": true, "data": {"update": {"id": "x", "incident_id": "\(id)",
                 "message": "Cause identified", "status": "identified", "created_at": "x", "created_by": "deploy-bot"}}}
                """, ignoring: ["data.update.id", "data.update.created_at"])
            let incident = try server.uptimeIO("GET", "\(Demo.incidents)/\(id)").data?["incident"] as? [String: Any]
            #expect(incident?["status"] as? String == "identified")
            #expect(incident?["updates_count"] as? Int == 2)
        }
    }

    @Test func updatesArePaginatedInBothOrders() throws {
        try withTestServer(demo: true) { server in
            let path = "\(Demo.incidents)/\(Demo.apiIncident)/updates"
            let descending = try server.uptimeIO("GET", path)
            #expect(descending.status == 200)
            let newestFirst = (descending.data?["updates"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            #expect(newestFirst.count == 3)
            let ascending = try server.uptimeIO("GET", path + "?sort_order=asc")
            let oldestFirst = (ascending.data?["updates"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            #expect(oldestFirst == Array(newestFirst.reversed()))
            var paged: [String] = []
            for page in 1...2 {
                let response = try server.uptimeIO("GET", path + "?limit=2&page=\(page)")
                paged += (response.data?["updates"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
                #expect(response.pagination["total"] as? Int == 3)
                #expect(response.pagination["totalPages"] as? Int == 2)
                #expect(response.pagination["hasNext"] as? Bool == (page == 1))
            }
            #expect(paged == newestFirst)
        }
    }

    @Test func deleteRemovesTheIncident() throws {
        try withTestServer(demo: true) { server in
            let path = "\(Demo.incidents)/\(Demo.databaseIncident)"
            let response = try server.uptimeIO("DELETE", path)
            #expect(response.status == 200)
            expectJSON(response.body, equals: """
                {"success": true, "data": {"deleted": true, "incident_id": "\(Demo.databaseIncident)"}}
                """)
            #expect(try server.uptimeIO("GET", path).status == 404)
            #expect(try server.uptimeIO("DELETE", path).status == 404)
            #expect(try server.uptimeIO("GET", Demo.incidents).incidentIds == [Demo.apiIncident])
        }
    }
}
