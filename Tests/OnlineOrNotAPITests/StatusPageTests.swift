import Foundation
import StatusdTesting
import Testing

/// `/v1/status_pages[/{id}]` per the 2026 spec; updates by POST and PATCH.
@Suite struct StatusPageTests {
    @Test func createReadUpdateDelete() throws {
        try withTestServer { server in
            let created = try server.oon("POST", "/v1/status_pages", body: #"{"name":"My SaaS","subdomain":"my-saas","description":"All of it"}"#)
            #expect(created.status == 201, "\(created.text)")
            let page = result(created)
            let id = try #require(page["id"] as? String)
            #expect(page["name"] as? String == "My SaaS")
            #expect(page["subdomain"] as? String == "my-saas")
            #expect(page["description"] as? String == "All of it")
            #expect(page["status"] as? String == "ALL_SYSTEMS_OPERATIONAL")
            #expect(page["hide_from_search_engines"] as? Bool == false)
            #expect(page["has_password"] as? Bool == false)

            #expect(result(try server.oon("GET", "/v1/status_pages/\(id)"))["name"] as? String == "My SaaS")
            let posted = try server.oon("POST", "/v1/status_pages/\(id)", body: #"{"name":"Renamed","subdomain":"renamed"}"#)
            #expect(result(posted)["subdomain"] as? String == "renamed")
            let patched = try server.oon("PATCH", "/v1/status_pages/\(id)", body: #"{"description":null}"#)
            #expect(result(patched)["description"] is NSNull)
            #expect(result(patched)["name"] as? String == "Renamed")

            let deleted = try server.oon("DELETE", "/v1/status_pages/\(id)")
            expectJSON(deleted.body, equals: #"{"result":{"id":"\#(id)"},"success":true,"errors":[],"messages":[]}"#)
            expectError(try server.oon("GET", "/v1/status_pages/\(id)"), status: 404, code: 10003)
        }
    }

    @Test func deletingAPageRemovesItsIncidents() throws {
        try withTestServer { server in
            #expect(try server.oon("DELETE", "/v1/status_pages/a1b2c3d4").status == 200)
            expectError(try server.oon("GET", "/v1/status_pages/a1b2c3d4/incidents/a1b2c3d4"), status: 404, code: 10003)
            #expect(try server.store.incident("a1b2c3d4", statusPageId: "a1b2c3d4") == nil)
        }
    }

    @Test(arguments: [
        (#"{"subdomain":"ok"}"#, "name"),
        (#"{"name":"","subdomain":"ok"}"#, "name"),
        (#"{"name":"\#(String(repeating: "n", count: 101))","subdomain":"ok"}"#, "name"),
        (#"{"name":"Ok"}"#, "subdomain"),
        (#"{"name":"Ok","subdomain":"-bad"}"#, "subdomain"),
        (#"{"name":"Ok","subdomain":"has space"}"#, "subdomain"),
        (#"{"name":"Ok","subdomain":"ok","hide_from_search_engines":"yes"}"#, "hide_from_search_engines"),
    ])
    func createValidates(body: String, field: String) throws {
        try withTestServer { server in
            let response = try server.oon("POST", "/v1/status_pages", body: body)
            expectError(response, status: 400, code: 10005)
            #expect(errors(response).contains { $0["field"] as? String == field && ($0["message"] as? String)?.hasPrefix(field) == true }, "\(response.text)")
        }
    }

    @Test func takenSubdomainIsAConflict() throws {
        try withTestServer { server in
            #expect(try server.oon("POST", "/v1/status_pages", body: #"{"name":"A","subdomain":"taken"}"#).status == 201)
            let again = try server.oon("POST", "/v1/status_pages", body: #"{"name":"B","subdomain":"taken"}"#)
            expectError(again, status: 409, code: 10009, mentioning: "taken")
        }
    }

    @Test func listIsPagedAndSearchable() throws {
        try withTestServer { server in
            for index in 1...3 {
                _ = try server.oon("POST", "/v1/status_pages", body: #"{"name":"Team \#(index)","subdomain":"team-\#(index)"}"#)
            }
            let all = try server.oon("GET", "/v1/status_pages?per_page=100")
            let total = try #require(((jsonObject(all.body) as? [String: Any])?["result_info"] as? [String: Int])?["total_count"])
            var seen: [String] = []
            for page in 1...((total + 1) / 2) {
                seen += results(try server.oon("GET", "/v1/status_pages?per_page=2&page=\(page)")).compactMap { $0["id"] as? String }
            }
            #expect(seen.count == total)
            #expect(Set(seen).count == total)
            let found = results(try server.oon("GET", "/v1/status_pages?search=team-2"))
            #expect(found.compactMap { $0["subdomain"] as? String } == ["team-2"])
        }
    }
}
