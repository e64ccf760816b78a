import Foundation
import StatusdTesting
import Testing

/// The three `PUT .../sort-order` endpoints, and the order lists and the public summary then show.
@Suite struct SortOrderTests {
    static let page = "/v1/status_pages/a1b2c3d4"
    static let updated = #"{"result":{"message":"Sort order updated successfully"},"success":true,"errors":[],"messages":[]}"#

    /// Groups `G1`, `G2` on the demo page; `a`, `b` in G1, `c` in G2; property1, property2 ungrouped.
    struct Layout {
        var g1: String
        var g2: String
        var a: String
        var b: String
        var c: String
    }

    static func layout(_ server: TestServer) throws -> Layout {
        func create(_ path: String, _ body: String) throws -> String {
            let response = try server.oon("POST", path, body: body)
            try #require(response.status == 201, "\(response.text)")
            return try #require(result(response)["id"] as? String)
        }
        let g1 = try create("\(page)/groups", #"{"name":"G1"}"#)
        let g2 = try create("\(page)/groups", #"{"name":"G2"}"#)
        return Layout(
            g1: g1, g2: g2,
            a: try create("\(page)/components", #"{"name":"a","group_id":"\#(g1)"}"#),
            b: try create("\(page)/components", #"{"name":"b","group_id":"\#(g1)"}"#),
            c: try create("\(page)/components", #"{"name":"c","group_id":"\#(g2)"}"#))
    }

    static func componentIds(_ server: TestServer) throws -> [String] {
        results(try server.oon("GET", "\(page)/components")).compactMap { $0["id"] as? String }
    }

    static func summaryIds(_ server: TestServer) throws -> [String] {
        let summary = result(try server.send("GET", "/v1/status_pages/demo/summary"))
        return (summary["components"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
    }

    @Test func listsShowUngroupedFirstThenEachGroupInOrder() throws {
        try withTestServer { server in
            let l = try Self.layout(server)
            #expect(try Self.componentIds(server) == ["property1", "property2", l.a, l.b, l.c])
            #expect(try Self.summaryIds(server) == ["property1", "property2", l.a, l.b, l.c])
            let summary = result(try server.send("GET", "/v1/status_pages/demo/summary"))
            let groupIds = (summary["components"] as? [[String: Any]] ?? []).map { $0["group_id"] as? String }
            #expect(groupIds == [nil, nil, l.g1, l.g1, l.g2])
        }
    }

    @Test func ungroupedComponentsSortOrder() throws {
        try withTestServer { server in
            let l = try Self.layout(server)
            let response = try server.oon("PUT", "\(Self.page)/components/sort-order", body: #"{"component_ids":["property2","property1"]}"#)
            #expect(response.status == 200, "\(response.text)")
            expectJSON(response.body, equals: Self.updated)
            #expect(try Self.componentIds(server) == ["property2", "property1", l.a, l.b, l.c])
            #expect(try Self.summaryIds(server) == ["property2", "property1", l.a, l.b, l.c])
            // A partial list puts the named ones first; the rest keep their order.
            _ = try server.oon("PUT", "\(Self.page)/components/sort-order", body: #"{"component_ids":["property1"]}"#)
            #expect(try Self.componentIds(server) == ["property1", "property2", l.a, l.b, l.c])
            // An empty list changes nothing.
            #expect(try server.oon("PUT", "\(Self.page)/components/sort-order", body: #"{"component_ids":[]}"#).status == 200)
            #expect(try Self.componentIds(server) == ["property1", "property2", l.a, l.b, l.c])
        }
    }

    @Test func groupSortOrder() throws {
        try withTestServer { server in
            let l = try Self.layout(server)
            for collection in ["groups", "component_groups"] {
                let response = try server.oon("PUT", "\(Self.page)/\(collection)/sort-order", body: #"{"group_ids":["\#(l.g2)","\#(l.g1)"]}"#)
                expectJSON(response.body, equals: Self.updated)
                let groups = results(try server.oon("GET", "\(Self.page)/\(collection)"))
                // The demo's own group, left out, follows.
                #expect(groups.compactMap { $0["id"] as? String } == [l.g2, l.g1, "e5f6g7h8"])
                #expect(groups.compactMap { $0["sort_order"] as? Int } == [0, 1, 2])
                #expect(try Self.componentIds(server) == ["property1", "property2", l.c, l.a, l.b])
                #expect(try Self.summaryIds(server) == ["property1", "property2", l.c, l.a, l.b])
                _ = try server.oon("PUT", "\(Self.page)/\(collection)/sort-order", body: #"{"group_ids":["\#(l.g1)","\#(l.g2)"]}"#)
            }
        }
    }

    @Test func componentsWithinAGroupSortOrder() throws {
        try withTestServer { server in
            let l = try Self.layout(server)
            let response = try server.oon("PUT", "\(Self.page)/groups/\(l.g1)/sort-order", body: #"{"component_ids":["\#(l.b)","\#(l.a)"]}"#)
            expectJSON(response.body, equals: Self.updated)
            #expect(try Self.componentIds(server) == ["property1", "property2", l.b, l.a, l.c])
            #expect(try Self.summaryIds(server) == ["property1", "property2", l.b, l.a, l.c])
            _ = try server.oon("PUT", "\(Self.page)/component_groups/\(l.g1)/sort-order", body: #"{"component_ids":["\#(l.a)","\#(l.b)"]}"#)
            #expect(try Self.componentIds(server) == ["property1", "property2", l.a, l.b, l.c])
            // Deleting the group puts its components last among the ungrouped, in their order.
            _ = try server.oon("DELETE", "\(Self.page)/groups/\(l.g1)")
            #expect(try Self.componentIds(server) == ["property1", "property2", l.a, l.b, l.c])
            let list = results(try server.oon("GET", "\(Self.page)/components"))
            #expect(list.map { $0["group_id"] as? String } == [nil, nil, nil, nil, l.g2])
        }
    }

    @Test func sortOrderNeverMovesComponentsBetweenGroups() throws {
        try withTestServer { server in
            let l = try Self.layout(server)
            // A grouped component in the ungrouped order, another group's in this group's, unknown ids.
            expectError(
                try server.oon("PUT", "\(Self.page)/components/sort-order", body: #"{"component_ids":["\#(l.a)","property1"]}"#),
                status: 400, code: 10005, mentioning: l.a)
            expectError(
                try server.oon("PUT", "\(Self.page)/groups/\(l.g1)/sort-order", body: #"{"component_ids":["\#(l.c)"]}"#),
                status: 400, code: 10005, mentioning: l.c)
            expectError(
                try server.oon("PUT", "\(Self.page)/groups/sort-order", body: #"{"group_ids":["ghost"]}"#),
                status: 400, code: 10005, mentioning: "ghost")
            #expect(try Self.componentIds(server) == ["property1", "property2", l.a, l.b, l.c])
        }
    }

    @Test func invalidBodiesAndUnknownGroups() throws {
        try withTestServer { server in
            let l = try Self.layout(server)
            let paths = [
                ("\(Self.page)/components/sort-order", "component_ids"),
                ("\(Self.page)/groups/sort-order", "group_ids"),
                ("\(Self.page)/groups/\(l.g1)/sort-order", "component_ids"),
            ]
            for (path, field) in paths {
                expectError(try server.oon("PUT", path, body: "{}"), status: 400, code: 10005, mentioning: "is required")
                expectError(try server.oon("PUT", path, body: #"{"\#(field)":"a"}"#), status: 400, code: 10005, mentioning: "array")
                expectError(try server.oon("PUT", path, body: #"{"\#(field)":[1]}"#), status: 400, code: 10005, mentioning: "array")
                expectError(try server.oon("PUT", path, body: #"{"\#(field)":null}"#), status: 400, code: 10005)
                expectError(try server.oon("PUT", path, body: #"{"\#(field)":["x","x"]}"#), status: 400, code: 10005, mentioning: "twice")
                expectError(try server.oon("PUT", path, body: #"{"\#(field)":[""]}"#), status: 400, code: 10005)
                expectError(try server.oon("PUT", path, body: "not json"), status: 400, code: 10006)
            }
            expectError(try server.oon("PUT", "\(Self.page)/groups/ghost/sort-order", body: #"{"component_ids":[]}"#), status: 404, code: 10003)
            expectError(try server.oon("PUT", "/v1/status_pages/nope/components/sort-order", body: #"{"component_ids":[]}"#), status: 404, code: 10003)
        }
    }
}
