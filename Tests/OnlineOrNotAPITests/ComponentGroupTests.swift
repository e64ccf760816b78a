import Foundation
import StatusdCore
import StatusdStore
import StatusdTesting
import Testing

/// `/v1/status_pages/{id}/groups[/{group_id}]` (2026 spec) and `/component_groups[...]` (the Terraform
/// provider's path), and components' `group_id`.
@Suite struct ComponentGroupTests {
    static let page = "/v1/status_pages/a1b2c3d4"
    static let collections = ["\(page)/groups", "\(page)/component_groups"]
    static let start = Timestamp(millisecondsSince1970: 1_609_459_200_000)  // 2021-01-01T00:00:00.000Z
    /// The demo page's own (empty) group.
    static let demoGroup = "e5f6g7h8"
    static let demoGroupJSON = """
        {"id":"e5f6g7h8","status_page_id":"a1b2c3d4","name":"Infrastructure",
        "description":"An empty group, for trying the group endpoints","sort_order":0,
        "created_at":"2021-01-01T00:00:00.000Z","updated_at":"2021-01-01T00:00:00.000Z"}
        """

    @Test func createAnswers201WithTheSpecShape() throws {
        try withTestServer(clock: .manual(at: Self.start), ids: .deterministic()) { server in
            let created = try server.oon(
                "POST", "\(Self.page)/groups", body: #"{"name":"Core Services","description":"Our core infrastructure services"}"#)
            #expect(created.status == 201, "\(created.text)")
            expectJSON(created.body, equals: """
                {"result":{"id":"00000000-0000-8000-8000-000000000001","status_page_id":"a1b2c3d4",
                "name":"Core Services","description":"Our core infrastructure services","sort_order":1,
                "created_at":"2021-01-01T00:00:00.000Z","updated_at":"2021-01-01T00:00:00.000Z"},
                "success":true,"errors":[],"messages":[]}
                """)
            let list = try server.oon("GET", "\(Self.page)/groups")
            expectJSON(list.body, equals: """
                {"result":[\(Self.demoGroupJSON),{"id":"00000000-0000-8000-8000-000000000001","status_page_id":"a1b2c3d4",
                "name":"Core Services","description":"Our core infrastructure services","sort_order":1,
                "created_at":"2021-01-01T00:00:00.000Z","updated_at":"2021-01-01T00:00:00.000Z"}],
                "result_info":{"page":1,"per_page":20,"count":2,"total_count":2},
                "success":true,"errors":[],"messages":[]}
                """)
        }
    }

    @Test(arguments: collections)
    func createReadUpdateDeleteOnEitherPath(collection: String) throws {
        try withTestServer { server in
            let created = try server.oon("POST", collection, body: #"{"name":"Edge"}"#)
            #expect(created.status == 201, "\(created.text)")
            let id = try #require(result(created)["id"] as? String)
            #expect(result(created)["description"] is NSNull)

            // Both paths name the same groups.
            for other in Self.collections {
                #expect(result(try server.oon("GET", "\(other)/\(id)"))["name"] as? String == "Edge")
                #expect(results(try server.oon("GET", other)).compactMap { $0["id"] as? String } == [Self.demoGroup, id])
            }
            for method in ["PATCH", "POST"] {
                let updated = try server.oon(method, "\(collection)/\(id)", body: #"{"name":"Edge \#(method)","description":"CDN"}"#)
                #expect(updated.status == 200, "\(updated.text)")
                #expect(result(updated)["name"] as? String == "Edge \(method)")
                #expect(result(updated)["description"] as? String == "CDN")
            }
            let cleared = try server.oon("PATCH", "\(collection)/\(id)", body: #"{"description":null}"#)
            #expect(result(cleared)["description"] is NSNull)
            #expect(result(cleared)["name"] as? String == "Edge POST")

            let deleted = try server.oon("DELETE", "\(collection)/\(id)")
            expectJSON(deleted.body, equals: #"{"result":{"id":"\#(id)"},"success":true,"errors":[],"messages":[]}"#)
            expectError(try server.oon("GET", "\(collection)/\(id)"), status: 404, code: 10003, mentioning: "Component group")
            expectError(try server.oon("DELETE", "\(collection)/\(id)"), status: 404, code: 10003)
        }
    }

    @Test func listIsInSortOrderPagedAndSearchable() throws {
        try withTestServer { server in
            let ids = try ["Alpha", "Beta", "Gamma"].map { name in
                try #require(result(try server.oon("POST", "\(Self.page)/groups", body: #"{"name":"\#(name)"}"#))["id"] as? String)
            }
            let all = results(try server.oon("GET", "\(Self.page)/groups"))
            #expect(all.compactMap { $0["id"] as? String } == [Self.demoGroup] + ids)
            #expect(all.compactMap { $0["sort_order"] as? Int } == [0, 1, 2, 3])
            let second = try server.oon("GET", "\(Self.page)/groups?page=2&per_page=2")
            #expect(results(second).compactMap { $0["id"] as? String } == [ids[1], ids[2]])
            let info = (jsonObject(second.body) as? [String: Any])?["result_info"] as? [String: Any]
            #expect(info?["total_count"] as? Int == 4)
            #expect(results(try server.oon("GET", "\(Self.page)/groups?search=bet")).compactMap { $0["id"] as? String } == [ids[1]])
        }
    }

    @Test func componentsJoinLeaveAndAreUngroupedWhenTheirGroupIsDeleted() throws {
        try withTestServer { server in
            let group = try #require(result(try server.oon("POST", "\(Self.page)/groups", body: #"{"name":"Core"}"#))["id"] as? String)
            // On create (as the provider sends it) and on update.
            let created = try server.oon(
                "POST", "\(Self.page)/components", body: #"{"name":"DB","group_id":"\#(group)","display_uptime":false,"display_metrics":false}"#)
            #expect(created.status == 201, "\(created.text)")
            let db = try #require(result(created)["id"] as? String)
            #expect(result(created)["group_id"] as? String == group)
            #expect(result(created)["display_uptime"] as? Bool == false)
            #expect(result(created)["display_metrics"] as? Bool == false)
            let moved = try server.oon("PATCH", "\(Self.page)/components/property1", body: #"{"group_id":"\#(group)"}"#)
            #expect(result(moved)["group_id"] as? String == group)
            #expect(result(try server.oon("GET", "\(Self.page)/components/\(db)"))["display_metrics"] as? Bool == false)

            // null ungroups.
            let out = try server.oon("POST", "\(Self.page)/components/property1", body: #"{"group_id":null}"#)
            #expect(result(out)["group_id"] is NSNull)
            _ = try server.oon("PATCH", "\(Self.page)/components/property2", body: #"{"group_id":"\#(group)"}"#)

            let deleted = try server.oon("DELETE", "\(Self.page)/component_groups/\(group)")
            #expect(deleted.status == 200)
            let list = results(try server.oon("GET", "\(Self.page)/components"))
            #expect(Set(list.compactMap { $0["id"] as? String }) == ["property1", "property2", db])
            #expect(list.allSatisfy { $0["group_id"] is NSNull })
        }
    }

    @Test func unknownOrForeignGroupIdIs400() throws {
        try withTestServer { server in
            let otherPage = "550e8400-e29b-41d4-a716-446655440000"
            let foreign = try #require(result(try server.oon(
                "POST", "/v1/status_pages/\(otherPage)/groups", body: #"{"name":"Theirs"}"#))["id"] as? String)
            for group in ["ghost", foreign] {
                expectError(
                    try server.oon("PATCH", "\(Self.page)/components/property1", body: #"{"group_id":"\#(group)"}"#),
                    status: 400, code: 10005, mentioning: "group")
                expectError(
                    try server.oon("POST", "\(Self.page)/components", body: #"{"name":"x","group_id":"\#(group)"}"#),
                    status: 400, code: 10005, mentioning: group)
            }
            #expect(result(try server.oon("GET", "\(Self.page)/components/property1"))["group_id"] is NSNull)
            #expect(results(try server.oon("GET", "\(Self.page)/components")).count == 2)
            // The other page's group is not this page's, through either path.
            expectError(try server.oon("GET", "\(Self.page)/groups/\(foreign)"), status: 404, code: 10003)
            expectError(try server.oon("PATCH", "\(Self.page)/component_groups/\(foreign)", body: #"{"name":"x"}"#), status: 404, code: 10003)
        }
    }

    @Test func invalidBodies() throws {
        try withTestServer { server in
            let groups = "\(Self.page)/groups"
            expectError(try server.oon("POST", groups, body: "{}"), status: 400, code: 10005, mentioning: "ame is required")
            expectError(try server.oon("POST", groups, body: #"{"name":""}"#), status: 400, code: 10005, mentioning: "characters")
            expectError(try server.oon("POST", groups, body: #"{"name":42}"#), status: 400, code: 10005, mentioning: "string")
            expectError(try server.oon("POST", groups, body: #"{"name":null}"#), status: 400, code: 10005)
            let long = String(repeating: "x", count: 257)
            expectError(try server.oon("POST", groups, body: #"{"name":"\#(long)"}"#), status: 400, code: 10005, mentioning: "characters")
            let longDescription = String(repeating: "d", count: 10_001)
            expectError(try server.oon("POST", groups, body: #"{"name":"x","description":"\#(longDescription)"}"#), status: 400, code: 10005)
            expectError(try server.oon("POST", groups, body: #"{"name":"x","description":true}"#), status: 400, code: 10005)
            expectError(try server.oon("POST", groups, body: "[1]"), status: 400, code: 10006)
            expectError(try server.oon("PATCH", "\(groups)/ghost", body: #"{"name":"x"}"#), status: 404, code: 10003)
            expectError(try server.oon("PATCH", "\(Self.page)/components/property1", body: #"{"group_id":5}"#), status: 400, code: 10005)
            expectError(try server.oon("PATCH", "\(Self.page)/components/property1", body: #"{"display_metrics":"yes"}"#), status: 400, code: 10005)
            expectError(try server.oon("GET", "/v1/status_pages/nope/groups"), status: 404, code: 10003)
            #expect(results(try server.oon("GET", groups)).compactMap { $0["id"] as? String } == [Self.demoGroup])
        }
    }

    @Test func readOnlyCredentialReadsButCannotWrite() throws {
        try withTestServer { server in
            let group = try #require(result(try server.oon("POST", "\(Self.page)/groups", body: #"{"name":"Core"}"#))["id"] as? String)
            _ = try server.store.createCredential(name: "viewer", projectId: nil, readOnly: true, secret: "viewer")
            for collection in Self.collections {
                #expect(try server.oon("GET", collection, token: "viewer").status == 200)
                #expect(try server.oon("GET", "\(collection)/\(group)", token: "viewer").status == 200)
                let writes: [(String, String, String?)] = [
                    ("POST", collection, #"{"name":"x"}"#),
                    ("PATCH", "\(collection)/\(group)", #"{"name":"x"}"#),
                    ("POST", "\(collection)/\(group)", #"{"name":"x"}"#),
                    ("DELETE", "\(collection)/\(group)", nil),
                    ("PUT", "\(collection)/sort-order", #"{"group_ids":[]}"#),
                    ("PUT", "\(collection)/\(group)/sort-order", #"{"component_ids":[]}"#),
                ]
                for (method, path, body) in writes {
                    expectError(try server.oon(method, path, token: "viewer", body: body), status: 403, code: 10002)
                }
            }
            expectError(try server.oon("PUT", "\(Self.page)/components/sort-order", token: "viewer", body: #"{"component_ids":[]}"#), status: 403, code: 10002)
            #expect(result(try server.oon("GET", "\(Self.page)/groups/\(group)"))["name"] as? String == "Core")
        }
    }

    @Test func groupsOfAnotherProjectAre404() throws {
        try withTestServer { server in
            _ = try server.store.createProject(id: "acme", name: "Acme")
            _ = try server.store.createCredential(name: "acme", projectId: "acme", readOnly: false, secret: "acme")
            let group = try #require(result(try server.oon("POST", "\(Self.page)/groups", body: #"{"name":"Core"}"#))["id"] as? String)
            for collection in Self.collections {
                expectError(try server.oon("GET", collection, token: "acme"), status: 404, code: 10003)
                expectError(try server.oon("GET", "\(collection)/\(group)", token: "acme"), status: 404, code: 10003)
                expectError(try server.oon("POST", collection, token: "acme", body: #"{"name":"x"}"#), status: 404, code: 10003)
                expectError(try server.oon("DELETE", "\(collection)/\(group)", token: "acme"), status: 404, code: 10003)
                expectError(try server.oon("PUT", "\(collection)/sort-order", token: "acme", body: #"{"group_ids":[]}"#), status: 404, code: 10003)
            }
            #expect(try server.oon("GET", "\(Self.page)/groups/\(group)").status == 200)
        }
    }

    @Test func cachedListsShowEveryWrite() throws {
        try withTestServer { server in
            let groups = "\(Self.page)/groups"
            #expect(results(try server.oon("GET", groups)).count == 1)
            #expect(results(try server.oon("GET", groups)).count == 1)  // a cache hit now
            let id = try #require(result(try server.oon("POST", groups, body: #"{"name":"A"}"#))["id"] as? String)
            #expect(results(try server.oon("GET", groups)).count == 2)
            _ = try server.oon("PATCH", "\(groups)/\(id)", body: #"{"name":"B"}"#)
            #expect(results(try server.oon("GET", groups)).last?["name"] as? String == "B")
            #expect(result(try server.oon("GET", "\(groups)/\(id)"))["name"] as? String == "B")
            _ = try server.oon("PATCH", "\(Self.page)/components/property2", body: #"{"group_id":"\#(id)"}"#)
            #expect(result(try server.oon("GET", "\(Self.page)/components/property2"))["group_id"] as? String == id)
            _ = try server.oon("DELETE", "\(groups)/\(id)")
            #expect(results(try server.oon("GET", groups)).count == 1)
            #expect(result(try server.oon("GET", "\(Self.page)/components/property2"))["group_id"] is NSNull)
        }
    }
}
