import Foundation
import InMemoryLogging
import Logging
import StatusdApp
import StatusdTesting
import Testing

/// Health, readiness, metrics, the OpenAPI document, request ids and request logs, end to end.
@Suite struct OperationsTests {
    @Test func healthAndReadinessAnswerWithoutCredentials() throws {
        try withTestServer(demo: false) { server in
            let health = try server.send("GET", "/healthz")
            #expect(health.status == 200)
            expectJSON(health.body, equals: #"{"status":"ok"}"#)
            let ready = try server.send("GET", "/readyz")
            #expect(ready.status == 200)
            expectJSON(ready.body, equals: #"{"status":"ready"}"#)
            #expect(ready.header("Content-Type") == "application/json; charset=utf-8")
        }
    }

    @Test func metricsCountRequestsByRoutePatternAndStatus() throws {
        try withTestServer { server in
            _ = try server.send("GET", "/v1/status_pages/a1b2c3d4/incidents", headers: [("Authorization", "Bearer 123")])
            _ = try server.send("GET", "/v1/status_pages/a1b2c3d4/incidents", headers: [("Authorization", "Bearer nope")])
            let metrics = try server.send("GET", "/metrics")
            #expect(metrics.status == 200)
            #expect(metrics.header("Content-Type")?.hasPrefix("text/plain") == true)
            let text = metrics.text
            #expect(text.contains(
                #"statusd_http_requests_total{route="/v1/status_pages/:status_page_id/incidents",method="GET",status="200"} 1"#))
            #expect(text.contains(
                #"statusd_http_requests_total{route="/v1/status_pages/:status_page_id/incidents",method="GET",status="401"} 1"#))
            #expect(text.contains("statusd_http_request_duration_seconds_bucket"))
            // Two credential lookups and one page's reads went to SQLite: database time is recorded.
            let databaseCount = text.split(separator: "\n").first { $0.hasPrefix("statusd_database_duration_seconds_count") }
            #expect((databaseCount.flatMap { Double($0.split(separator: " ").last ?? "") } ?? 0) >= 3)
            // At least this scrape's own connection; earlier ones may not be closed on the server side yet.
            let gauge = text.split(separator: "\n").first { $0.hasPrefix("statusd_open_connections ") }
            let open = gauge.flatMap { Double($0.split(separator: " ").last ?? "") } ?? 0
            #expect(open >= 1)
            #expect(!text.contains("a1b2c3d4"), "raw paths must not become labels")
        }
    }

    @Test func servesTheOpenAPIDocument() throws {
        try withTestServer(demo: false) { server in
            let response = try server.send("GET", "/openapi.json")
            #expect(response.status == 200)
            let document = jsonObject(response.body) as? [String: Any]
            #expect(document?["openapi"] as? String == "3.1.0")
            let paths = document?["paths"] as? [String: Any]
            #expect(paths?["/v1/status_pages/{status_page_id}/incidents"] != nil)
            #expect(paths?["/api/projects/{projectId}/status-pages/{statusPageId}/incidents"] != nil)
        }
    }

    @Test func echoesASaneRequestIdAndMakesOneOtherwise() throws {
        try withTestServer(demo: false) { server in
            let echoed = try server.send("GET", "/healthz", headers: [("X-Request-Id", "client-id-42")])
            #expect(echoed.header("X-Request-Id") == "client-id-42")
            let made = try server.send("GET", "/healthz")
            #expect(made.header("X-Request-Id")?.count == 32)
            let another = try server.send("GET", "/healthz")
            let ids = [made.header("X-Request-Id") ?? "", another.header("X-Request-Id") ?? ""]
            #expect(ids[0] != ids[1])
            #expect(ids.allSatisfy { $0.allSatisfy { "0123456789abcdef".contains($0) } })
            let refused = try server.send("GET", "/healthz", headers: [("X-Request-Id", String(repeating: "x", count: 200))])
            #expect(refused.header("X-Request-Id")?.count == 32)
        }
    }

    @Test func logsOneLinePerRequestAndNeverASecret() throws {
        try eachBackend { backend in
            let logs = InMemoryLogHandler()
            var options = ServeOptions()
            options.logger = Logger(label: "test") { _ in logs }
            try withTestServer(on: backend, options: options) { server in
                _ = try server.send(
                    "GET", "/v1/status_pages/a1b2c3d4/incidents?page=1",
                    headers: [("Authorization", "Bearer 123"), ("X-Request-Id", "trace-1")])
                _ = try server.send(
                    "GET", "/api/projects/660e8400-e29b-41d4-a716-446655440001/status-pages/550e8400-e29b-41d4-a716-446655440000/incidents",
                    headers: [("X-API-Key", "YOUR_API_KEY"), ("X-Request-Id", "trace-2")])
            }
            let entries = logs.entries
            #expect(entries.count == 2)
            let first = entries.first?.metadata ?? [:]
            #expect(first["method"] == "GET")
            #expect(first["path"] == "/v1/status_pages/a1b2c3d4/incidents")
            #expect(first["status"]?.description == "200")
            #expect(first["request_id"] == "trace-1")
            #expect(first["duration_ms"] != nil)
            // Both request ids are fixed above, so a random id cannot contain "123" by chance.
            let everything = entries.map { "\($0.message) \($0.metadata)" }.joined(separator: "\n")
            #expect(!everything.contains("123"))
            #expect(!everything.contains("YOUR_API_KEY"))
            #expect(!everything.contains("Bearer"))
        }
    }
}
