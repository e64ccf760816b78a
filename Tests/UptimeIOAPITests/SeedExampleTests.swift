import StatusdTesting
import Testing

/// Every curl example of `uptimeio-list-incidents.txt`, as written with only the host changed, against
/// the `--demo` fixtures (which hold exactly the seed's two incidents and their timelines).
///
/// The seed's example pagination says `"total": 42, "totalPages": 3, "hasNext": true` next to a
/// two-item list; that cannot hold for a store holding those two incidents, so the expected
/// pagination here is the real one (total 2) while the items are compared exactly.
@Suite struct SeedExampleTests {
    static let bothIncidents = "[\(Demo.apiIncidentJSON), \(Demo.databaseIncidentJSON)]"

    @Test func requestExampleWithPageAndLimit() throws {
        try withTestServer(demo: true) { server in
            let response = try server.send(
                "GET", "\(Demo.incidents)?page=1&limit=20", headers: [("X-API-Key", "YOUR_API_KEY")])
            #expect(response.status == 200)
            #expect(response.header("Content-Type") == "application/json; charset=utf-8")
            expectJSON(response.body, equals: """
                {"success": true, "data": {"incidents": \(Self.bothIncidents),
                 "pagination": {"page": 1, "pageSize": 20, "total": 2, "totalPages": 1,
                                "hasNext": false, "hasPrevious": false}}}
                """)
        }
    }

    @Test func getAllIncidents() throws {
        try withTestServer(demo: true) { server in
            let response = try server.send("GET", Demo.incidents, headers: [("X-API-Key", "YOUR_API_KEY")])
            #expect(response.status == 200)
            expectJSON(response.body, equals: """
                {"success": true, "data": {"incidents": \(Self.bothIncidents),
                 "pagination": {"page": 1, "pageSize": 20, "total": 2, "totalPages": 1,
                                "hasNext": false, "hasPrevious": false}}}
                """)
        }
    }

    @Test func incidentFieldsComeInTheSeedsOrder() throws {
        try withTestServer(demo: true) { server in
            let response = try server.uptimeIO("GET", Demo.incidents)
            let keys = ["id", "status_page_id", "title", "message", "severity", "status", "affected_monitor_ids",
                        "created_at", "updated_at", "resolved_at", "updates_count"]
            let expectedOrder = keys.map { "\"\($0)\":" }
            let text = response.text
            let positions = expectedOrder.compactMap { text.range(of: $0)?.lowerBound }
            #expect(positions.count == keys.count)
            #expect(positions == positions.sorted())
        }
    }

    @Test func filterByStatus() throws {
        try withTestServer(demo: true) { server in
            let response = try server.send(
                "GET", "\(Demo.incidents)?status=investigating", headers: [("X-API-Key", "YOUR_API_KEY")])
            #expect(response.status == 200)
            expectJSON(response.body, equals: """
                {"success": true, "data": {"incidents": [],
                 "pagination": {"page": 1, "pageSize": 20, "total": 0, "totalPages": 0,
                                "hasNext": false, "hasPrevious": false}}}
                """)
        }
    }

    @Test func filterBySeverity() throws {
        try withTestServer(demo: true) { server in
            let response = try server.send(
                "GET", "\(Demo.incidents)?severity=critical", headers: [("X-API-Key", "YOUR_API_KEY")])
            #expect(response.status == 200)
            expectJSON(response.body, equals: """
                {"success": true, "data": {"incidents": [],
                 "pagination": {"page": 1, "pageSize": 20, "total": 0, "totalPages": 0,
                                "hasNext": false, "hasPrevious": false}}}
                """)
        }
    }

    /// Page 2 of a one-row result: past the end, so an empty list with the real totals, not an error.
    @Test func combinedFiltersWithPagination() throws {
        try withTestServer(demo: true) { server in
            let response = try server.send(
                "GET", "\(Demo.incidents)?status=resolved&severity=major&page=2&limit=50",
                headers: [("X-API-Key", "YOUR_API_KEY")])
            #expect(response.status == 200)
            expectJSON(response.body, equals: """
                {"success": true, "data": {"incidents": [],
                 "pagination": {"page": 2, "pageSize": 50, "total": 1, "totalPages": 1,
                                "hasNext": false, "hasPrevious": true}}}
                """)
            let first = try server.uptimeIO("GET", "\(Demo.incidents)?status=resolved&severity=major&page=1&limit=50")
            expectJSON(first.body, equals: """
                {"success": true, "data": {"incidents": [\(Demo.apiIncidentJSON)],
                 "pagination": {"page": 1, "pageSize": 50, "total": 1, "totalPages": 1,
                                "hasNext": false, "hasPrevious": false}}}
                """)
        }
    }

    @Test func sortByUpdatedTime() throws {
        try withTestServer(demo: true) { server in
            let response = try server.send(
                "GET", "\(Demo.incidents)?sort_by=updated_at&sort_order=desc", headers: [("X-API-Key", "YOUR_API_KEY")])
            #expect(response.status == 200)
            expectJSON(response.body, equals: """
                {"success": true, "data": {"incidents": \(Self.bothIncidents),
                 "pagination": {"page": 1, "pageSize": 20, "total": 2, "totalPages": 1,
                                "hasNext": false, "hasPrevious": false}}}
                """)
        }
    }

    @Test func invalidStatusFilterErrorBody() throws {
        try withTestServer(demo: true) { server in
            let response = try server.uptimeIO("GET", "\(Demo.incidents)?status=broken")
            #expect(response.status == 400)
            expectJSON(response.body, equals: """
                {"success": false, "error": {"code": "VALIDATION_ERROR", "message": "Invalid query parameters",
                 "details": [{"field": "status",
                              "message": "Status must be one of: investigating, identified, monitoring, resolved"}]}}
                """)
        }
    }

    @Test func statusPageNotFoundErrorBody() throws {
        try withTestServer(demo: true) { server in
            let path = "/api/projects/\(Demo.projectId)/status-pages/00000000-0000-0000-0000-000000000000/incidents"
            let response = try server.uptimeIO("GET", path)
            #expect(response.status == 404)
            expectJSON(response.body, equals: """
                {"success": false, "error": {"code": "NOT_FOUND", "message": "Status page not found"}}
                """)
        }
    }

    @Test func unauthorizedErrorBody() throws {
        try withTestServer(demo: true) { server in
            let response = try server.send("GET", Demo.incidents)
            #expect(response.status == 401)
            #expect(response.header("Content-Type") == "application/json; charset=utf-8")
            expectJSON(response.body, equals: """
                {"success": false, "error": {"code": "UNAUTHORIZED", "message": "Authentication required"}}
                """)
        }
    }
}
