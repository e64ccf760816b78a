import Foundation
import StatusdTesting
import Testing

/// One incident's whole life across both shapes over the one store: created here, updated through
/// OnlineOrNot, resolved here, deleted through OnlineOrNot.
@Suite struct CrossShapeLifeTests {
    static let onlineOrNotIncidents = "/v1/status_pages/\(Demo.pageId)/incidents"

    @Test func createdHereUpdatedThereResolvedHereDeletedThere() throws {
        try withTestServer(demo: true) { server in
            // 1. Created through UptimeIO.
            let created = try server.createIncident(
                title: "API latency", message: "Investigating slow responses", severity: "minor",
                monitors: [Demo.monitor10])
            let id = try #require(created["id"] as? String)
            let here = "\(Demo.incidents)/\(id)"

            // OnlineOrNot sees it with the mapped fields.
            let seen = try server.onlineOrNot("GET", "\(Self.onlineOrNotIncidents)/\(id)")
            try #require(seen.status == 200, "the OnlineOrNot shape must be mounted: \(seen.text)")
            let seenResult = seen.object?["result"] as? [String: Any]
            #expect(seenResult?["title"] as? String == "API latency")
            #expect(seenResult?["impact"] as? String == "DEGRADED_PERFORMANCE")
            #expect(seenResult?["ended"] is NSNull)

            // 2. Updated through OnlineOrNot, as the seed's update example does (POST), plus description and status.
            let update = try server.onlineOrNot("POST", "\(Self.onlineOrNotIncidents)/\(id)", body: """
                {"title": "API outage", "description": "Database failover in progress", "impact": "PARTIAL_OUTAGE",
                 "status": "IDENTIFIED"}
                """)
            #expect(update.status == 200, "\(update.text)")
            let afterUpdate = try #require(try server.uptimeIO("GET", here).data?["incident"] as? [String: Any])
            #expect(afterUpdate["title"] as? String == "API outage")
            #expect(afterUpdate["message"] as? String == "Database failover in progress")
            #expect(afterUpdate["severity"] as? String == "major")
            #expect(afterUpdate["status"] as? String == "identified")
            #expect(afterUpdate["resolved_at"] is NSNull)
            let countAfterUpdate = try #require(afterUpdate["updates_count"] as? Int)
            #expect(countAfterUpdate > 1)
            let monitors = afterUpdate["affected_monitors"] as? [[String: Any]]
            #expect(monitors?.first?["status"] as? String == "partial_outage")

            // 3. Resolved through UptimeIO.
            let resolve = try server.uptimeIO(
                "POST", here + "/updates", body: "{\"message\": \"Failover complete\", \"status\": \"resolved\"}")
            #expect(resolve.status == 201)
            let resolved = try #require(try server.uptimeIO("GET", here).data?["incident"] as? [String: Any])
            #expect(resolved["status"] as? String == "resolved")
            #expect(isUptimeIOTimestamp(resolved["resolved_at"]))
            #expect(resolved["updates_count"] as? Int == countAfterUpdate + 1)
            #expect((resolved["affected_monitors"] as? [[String: Any]])?.first?["status"] as? String == "operational")
            let ended = try server.onlineOrNot("GET", "\(Self.onlineOrNotIncidents)/\(id)").object?["result"]
                as? [String: Any]
            #expect(ended?["ended"] is String)
            #expect(try server.uptimeIO("GET", "\(Demo.incidents)?status=resolved").incidentIds.contains(id))

            // 4. Deleted through OnlineOrNot; gone here too, timeline included.
            let delete = try server.onlineOrNot("DELETE", "\(Self.onlineOrNotIncidents)/\(id)")
            #expect(delete.status == 200, "\(delete.text)")
            #expect(try server.uptimeIO("GET", here).status == 404)
            #expect(try server.uptimeIO("GET", here + "/updates").status == 404)
            #expect(try server.uptimeIO("GET", Demo.incidents).incidentIds == [Demo.apiIncident, Demo.databaseIncident])
        }
    }

    @Test func onlineOrNotImpactsReadAsSeverities() throws {
        try withTestServer(demo: true) { server in
            let cases: [(impact: String, severity: String)] = [
                ("MAJOR_OUTAGE", "critical"), ("PARTIAL_OUTAGE", "major"), ("DEGRADED_PERFORMANCE", "minor"),
                ("NO_IMPACT", "minor"), ("MAINTENANCE", "minor"),
            ]
            for (impact, severity) in cases {
                let response = try server.onlineOrNot("POST", Self.onlineOrNotIncidents, body: """
                    {"title": "\(impact)", "description": "d", "status": "INVESTIGATING", "impact": "\(impact)",
                     "components": {"\(Demo.monitor12)": "\(impact)"}}
                    """)
                try #require(response.status == 200, "\(response.text)")
                let id = try #require((response.object?["result"] as? [String: Any])?["id"] as? String)
                let here = try server.uptimeIO("GET", "\(Demo.incidents)/\(id)").data?["incident"] as? [String: Any]
                #expect(here?["severity"] as? String == severity, "\(impact)")
                #expect(here?["message"] as? String == "d")
                #expect(here?["affected_monitor_ids"] as? [String] == [Demo.monitor12])
            }
            let minors = try server.uptimeIO("GET", "\(Demo.incidents)?severity=minor&limit=100")
            #expect(minors.pagination["total"] as? Int == 4)
        }
    }
}
