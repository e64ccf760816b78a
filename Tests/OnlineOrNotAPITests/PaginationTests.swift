import Foundation
import StatusdTesting
import Testing

/// `page`/`per_page`/`search` on incident lists: newest first, every row exactly once.
@Suite struct PaginationTests {
    static let incidents = "/v1/status_pages/a1b2c3d4/incidents"

    static func info(_ response: TestResponse) -> [String: Int] {
        let body = jsonObject(response.body) as? [String: Any]
        return body?["result_info"] as? [String: Int] ?? [:]
    }

    @Test func pagesCoverEveryRowExactlyOnceNewestFirst() throws {
        try withTestServer { server in
            var created: [String] = []
            for index in 0..<11 { created.append(try server.createIncident(title: "Incident \(index)")) }
            var seen: [String] = []
            var createdAts: [String] = []
            for page in 1...5 {
                let response = try server.oon("GET", "\(Self.incidents)?page=\(page)&per_page=3")
                #expect(response.status == 200)
                let rows = results(response)
                #expect(Self.info(response) == ["page": page, "per_page": 3, "count": rows.count, "total_count": 12])
                seen += rows.compactMap { $0["id"] as? String }
                createdAts += rows.compactMap { $0["created_at"] as? String }
            }
            #expect(seen.count == 12)
            #expect(Set(seen).count == 12)
            #expect(Set(seen) == Set(created + ["a1b2c3d4"]))
            // Newest first (ISO timestamps sort as text): the demo incident from 2021 comes last.
            #expect(createdAts == createdAts.sorted(by: >))
            #expect(seen.last == "a1b2c3d4")
        }
    }

    @Test func defaultsAndMaximum() throws {
        try withTestServer { server in
            #expect(Self.info(try server.oon("GET", Self.incidents))["per_page"] == 20)
            #expect(Self.info(try server.oon("GET", Self.incidents))["page"] == 1)
            #expect(Self.info(try server.oon("GET", "\(Self.incidents)?per_page=100"))["per_page"] == 100)
            let beyond = try server.oon("GET", "\(Self.incidents)?page=7")
            #expect(results(beyond).isEmpty)
            #expect(Self.info(beyond)["total_count"] == 1)
        }
    }

    @Test(arguments: [
        ("per_page=0", "per_page"), ("per_page=101", "per_page"), ("per_page=ten", "per_page"),
        ("page=0", "page"), ("page=-1", "page"), ("page=1.5", "page"), ("per_page=", "per_page"),
    ])
    func invalidPagingIs400NamingTheField(query: String, field: String) throws {
        try withTestServer { server in
            let response = try server.oon("GET", "\(Self.incidents)?\(query)")
            expectError(response, status: 400, code: 10005, mentioning: field)
            #expect(errors(response).contains { $0["field"] as? String == field })
        }
    }

    @Test func searchMatchesTitleOrDescription() throws {
        try withTestServer { server in
            let byTitle = try server.createIncident(title: "Database failover")
            let byDescription = try server.createIncident(title: "Slow pages", description: "The DATABASE is slow")
            _ = try server.createIncident(title: "Unrelated")
            let response = try server.oon("GET", "\(Self.incidents)?search=database")
            #expect(Set(results(response).compactMap { $0["id"] as? String }) == [byTitle, byDescription])
            #expect(Self.info(response)["total_count"] == 2)
        }
    }
}
