import Foundation
import StatusdCore
import StatusdStore
import StatusdTesting
import Testing

/// Grants on every route of both shapes, expiry, `/v1/tokens` and `/v1/tokens/verify`, over sockets.
@Suite struct TokenGrantTests {
    enum Shape { case onlineOrNot, uptimeIO }

    struct Route: CustomStringConvertible, Sendable {
        let shape: Shape
        let method: String
        let path: String
        let scope: GrantScope
        var description: String { "\(method) \(path)" }
        var permission: GrantPermission { method == "GET" ? .read : .edit }
    }

    static let page = "/v1/status_pages/a1b2c3d4"
    static let uio = "/api/projects/660e8400-e29b-41d4-a716-446655440001/status-pages/550e8400-e29b-41d4-a716-446655440000"

    /// Every authenticated route both shapes register, with the scope it belongs to.
    static let routes: [Route] = {
        var routes: [Route] = []
        func add(_ shape: Shape, _ scope: GrantScope, _ path: String, _ methods: [String]) {
            routes += methods.map { Route(shape: shape, method: $0, path: path, scope: scope) }
        }
        let p = page
        add(.onlineOrNot, .statusPages, "/v1/status_pages", ["GET", "POST"])
        add(.onlineOrNot, .statusPages, p, ["GET", "POST", "PATCH", "DELETE"])
        add(.onlineOrNot, .statusPages, "\(p)/components", ["GET", "POST"])
        add(.onlineOrNot, .statusPages, "\(p)/components/property1", ["GET", "POST", "PATCH", "DELETE"])
        add(.onlineOrNot, .statusPages, "\(p)/components/sort-order", ["PUT"])
        for collection in ["\(p)/groups", "\(p)/component_groups"] {
            add(.onlineOrNot, .statusPages, collection, ["GET", "POST"])
            add(.onlineOrNot, .statusPages, "\(collection)/e5f6g7h8", ["GET", "POST", "PATCH", "DELETE"])
            add(.onlineOrNot, .statusPages, "\(collection)/sort-order", ["PUT"])
            add(.onlineOrNot, .statusPages, "\(collection)/e5f6g7h8/sort-order", ["PUT"])
        }
        add(.onlineOrNot, .incidents, "\(p)/incidents", ["GET", "POST"])
        add(.onlineOrNot, .incidents, "\(p)/incidents/x1", ["GET", "POST", "PATCH", "DELETE"])
        add(.onlineOrNot, .incidents, "\(p)/incidents/x1/updates", ["GET", "POST"])
        add(.onlineOrNot, .incidents, "\(p)/incidents/x1/updates/u1", ["GET", "POST", "PATCH", "DELETE"])
        add(.onlineOrNot, .maintenanceWindows, "\(p)/scheduled_maintenance", ["GET", "POST"])
        add(.onlineOrNot, .maintenanceWindows, "\(p)/scheduled_maintenance/m1", ["GET", "POST", "PATCH", "DELETE"])
        add(.onlineOrNot, .subscribers, "\(p)/subscribers", ["GET", "POST"])
        add(.onlineOrNot, .subscribers, "\(p)/subscribers/s1", ["DELETE"])
        add(.onlineOrNot, .webhooks, "/v1/webhooks", ["GET", "POST"])
        add(.onlineOrNot, .webhooks, "/v1/webhooks/w1", ["GET", "POST", "PATCH", "DELETE"])
        add(.onlineOrNot, .webhooks, "/v1/webhooks/w1/deliveries", ["GET"])
        add(.onlineOrNot, .apiTokens, "/v1/tokens", ["GET", "POST"])
        add(.onlineOrNot, .apiTokens, "/v1/tokens/t1", ["GET", "DELETE"])
        add(.onlineOrNot, .auditLogs, "/v1/audit_logs", ["GET"])
        add(.uptimeIO, .statusPages, uio, ["GET", "PATCH", "PUT", "DELETE"])
        add(.uptimeIO, .incidents, "\(uio)/incidents", ["GET", "POST"])
        add(.uptimeIO, .incidents, "\(uio)/incidents/x1", ["GET", "PATCH", "DELETE"])
        add(.uptimeIO, .incidents, "\(uio)/incidents/x1/resolve", ["POST"])
        add(.uptimeIO, .incidents, "\(uio)/incidents/x1/updates", ["GET", "POST"])
        return routes
    }()

    static func send(_ server: TestServer, _ route: Route, _ secret: String) throws -> TestResponse {
        let auth = route.shape == .onlineOrNot ? ("Authorization", "Bearer \(secret)") : ("X-API-Key", secret)
        let body: String? = route.method == "GET" || route.method == "DELETE" ? nil : "{}"
        var headers = [auth]
        if body != nil { headers.append(("Content-Type", "application/json")) }
        return try server.send(route.method, route.path, headers: headers, body: body)
    }

    /// The 403 of each shape, naming the missing grant.
    static func expectRefused(_ response: TestResponse, _ route: Route, _ grant: String) {
        #expect(response.status == 403, "\(route): \(response.text)")
        let body = jsonObject(response.body) as? [String: Any]
        let message: String?
        switch route.shape {
        case .onlineOrNot:
            let entries = body?["errors"] as? [[String: Any]]
            #expect(body?["success"] as? Bool == false && body?["result"] is NSNull, "\(route)")
            #expect(entries?.first?["code"] as? Int == 10002, "\(route): \(response.text)")
            message = entries?.first?["message"] as? String
        case .uptimeIO:
            let error = body?["error"] as? [String: Any]
            #expect(body?["success"] as? Bool == false && error?["code"] as? String == "FORBIDDEN", "\(route)")
            message = error?["message"] as? String
        }
        #expect(message?.contains(grant) == true, "\(route): \(message ?? "none")")
    }

    /// A token holding EDIT of every other scope is refused on each route; one holding READ of the
    /// route's scope reads (not 403) but may not write.
    @Test func everyRouteChecksItsScope() throws {
        try withTestServer { server in
            var others: [GrantScope: String] = [:]
            var readers: [GrantScope: String] = [:]
            for scope in GrantScope.allCases {
                let allBut = GrantScope.allCases.filter { $0 != scope }.map { Grant($0, .edit) }
                others[scope] = try server.store.createCredential(
                    name: "no-\(scope.rawValue)", projectId: nil, readOnly: false, secret: nil,
                    grants: CredentialGrants(allBut)).secret
                readers[scope] = try server.store.createCredential(
                    name: "read-\(scope.rawValue)", projectId: nil, readOnly: false, secret: nil,
                    grants: CredentialGrants(allBut + [Grant(scope, .read)])).secret
            }
            for route in Self.routes {
                let refused = try Self.send(server, route, others[route.scope]!)
                Self.expectRefused(refused, route, "\(route.scope.rawValue) \(route.permission.rawValue)")
                let reader = try Self.send(server, route, readers[route.scope]!)
                if route.permission == .read {
                    #expect(reader.status != 403 && reader.status != 401, "\(route): \(reader.text)")
                } else {
                    Self.expectRefused(reader, route, "\(route.scope.rawValue) EDIT")
                }
            }
        }
    }

    /// A read-only-incidents token reads incidents, cannot write them, cannot read webhooks; the
    /// cached answer of another token is not handed to it.
    @Test func readOnlyIncidentsToken() throws {
        try withTestServer { server in
            let (_, secret) = try server.store.createCredential(
                name: "pager", projectId: nil, readOnly: false, secret: nil,
                grants: CredentialGrants([Grant(.incidents, .read)]))
            let list = Route(shape: .onlineOrNot, method: "GET", path: "\(Self.page)/incidents", scope: .incidents)
            #expect(try Self.send(server, list, "123").status == 200)
            #expect(try Self.send(server, list, "123").status == 200)
            #expect(try Self.send(server, list, secret).status == 200)
            let create = Route(shape: .onlineOrNot, method: "POST", path: "\(Self.page)/incidents", scope: .incidents)
            // It holds no EDIT grant at all: refused as read-only, as before grants.
            Self.expectRefused(try Self.send(server, create, secret), create, "read-only")
            let hooks = Route(shape: .onlineOrNot, method: "GET", path: "/v1/webhooks", scope: .webhooks)
            Self.expectRefused(try Self.send(server, hooks, secret), hooks, "WEBHOOKS READ")
            let page = Route(shape: .onlineOrNot, method: "GET", path: Self.page, scope: .statusPages)
            #expect(try Self.send(server, page, "123").status == 200)
            #expect(try Self.send(server, page, "123").status == 200)
            Self.expectRefused(try Self.send(server, page, secret), page, "STATUS_PAGES READ")
        }
    }

    /// An expiry passes with the credential in memory: refused as a wrong token in each shape.
    @Test func expiredCredentialIsRefusedLikeAWrongOne() throws {
        let clock = StoreClock.manual(at: Timestamp(millisecondsSince1970: 1_800_000_000_000))
        try withTestServer(clock: clock) { server in
            let (_, secret) = try server.store.createCredential(
                name: "short", projectId: nil, readOnly: false, secret: "short-lived",
                expiresAt: Timestamp(millisecondsSince1970: 1_800_000_002_000))
            let oon = Route(shape: .onlineOrNot, method: "GET", path: "\(Self.page)/incidents", scope: .incidents)
            let uio = Route(shape: .uptimeIO, method: "GET", path: "\(Self.uio)/incidents", scope: .incidents)
            for route in [oon, uio] {
                #expect(try Self.send(server, route, secret).status == 200)
                #expect(try Self.send(server, route, secret).status == 200)
            }
            _ = clock.set(to: Timestamp(millisecondsSince1970: 1_800_000_002_000))
            for route in [oon, uio] {
                let expired = try Self.send(server, route, secret)
                let wrong = try Self.send(server, route, "not-a-token")
                #expect(expired.status == 401)
                #expect(expired.text == wrong.text)
            }
            let verify = try server.send("GET", "/v1/tokens/verify", headers: [("Authorization", "Bearer \(secret)")])
            #expect(verify.status == 401)
        }
    }

    @Test func verifyAnswersAsOnlineOrNot() throws {
        try withTestServer { server in
            let valid = try server.send("GET", "/v1/tokens/verify", headers: [("Authorization", "Bearer 123")])
            #expect(valid.status == 200)
            expectJSON(valid.body, equals: #"""
                {"result":{"id":"demo-token-123","status":"active"},"success":true,"errors":[],"messages":[]}
                """#)
            for headers in [[], [("Authorization", "Bearer nope")]] {
                let invalid = try server.send("GET", "/v1/tokens/verify", headers: headers)
                #expect(invalid.status == 401)
                expectJSON(invalid.body, equals: #"""
                    {"result":null,"success":false,"errors":[{"code":10001,"message":"This API Token is invalid"}],"messages":[]}
                    """#)
            }
        }
    }

    @Test func tokensCreateListShowDelete() throws {
        try withTestServer { server in
            let auth = [("Authorization", "Bearer 123"), ("Content-Type", "application/json")]
            let body = #"{"name":"ci","grants":[{"scope":"INCIDENTS","permission":"EDIT"}],"expiresAt":null}"#
            let created = try server.send("POST", "/v1/tokens", headers: auth, body: body)
            #expect(created.status == 201, "\(created.text)")
            let result = (jsonObject(created.body) as? [String: Any])?["result"] as? [String: Any] ?? [:]
            let id = try #require(result["id"] as? String)
            let secret = try #require(result["token"] as? String)
            #expect(result["expiresAfter"] is NSNull)
            #expect(result["grants"] as? [[String: String]] == [["scope": "INCIDENTS", "permission": "EDIT"]])
            let bearer = [("Authorization", "Bearer \(secret)")]
            #expect(try server.send("GET", "\(Self.page)/incidents", headers: bearer).status == 200)

            let list = try server.send("GET", "/v1/tokens", headers: auth)
            #expect(list.status == 200)
            #expect(!list.text.contains(secret) && list.text.contains(id) && list.text.contains("\"grants\""))
            let shown = try server.send("GET", "/v1/tokens/\(id)", headers: auth)
            #expect(shown.status == 200 && !shown.text.contains(secret))
            // The new token holds no API_TOKENS grant.
            #expect(try server.send("GET", "/v1/tokens", headers: bearer).status == 403)

            let deleted = try server.send("DELETE", "/v1/tokens/\(id)", headers: auth)
            #expect(deleted.status == 200)
            #expect(try server.send("GET", "\(Self.page)/incidents", headers: bearer).status == 401)
            #expect(try server.send("GET", "/v1/tokens/\(id)", headers: auth).status == 404)
        }
    }

    /// A token hands out no more than it holds; a default create expires in 365 days.
    @Test func tokensCannotGrantMoreThanTheCreatorHolds() throws {
        try withTestServer { server in
            let (_, secret) = try server.store.createCredential(
                name: "admin-lite", projectId: nil, readOnly: false, secret: nil,
                grants: CredentialGrants([Grant(.apiTokens, .edit), Grant(.incidents, .read)]))
            let auth = [("Authorization", "Bearer \(secret)"), ("Content-Type", "application/json")]
            let more = #"{"name":"x","grants":[{"scope":"INCIDENTS","permission":"EDIT"}]}"#
            let refused = try server.send("POST", "/v1/tokens", headers: auth, body: more)
            #expect(refused.status == 403 && refused.text.contains("INCIDENTS EDIT"), "\(refused.text)")
            let same = #"{"name":"x","grants":[{"scope":"INCIDENTS","permission":"READ"}]}"#
            let created = try server.send("POST", "/v1/tokens", headers: auth, body: same)
            #expect(created.status == 201)
            let expires = ((jsonObject(created.body) as? [String: Any])?["result"] as? [String: Any])?["expiresAfter"] as? String
            #expect(expires != nil)
            let bad = #"{"name":"x","grants":[{"scope":"UPTIME","permission":"READ"}]}"#
            let invalid = try server.send("POST", "/v1/tokens", headers: auth, body: bad)
            #expect(invalid.status == 400 && invalid.text.contains("grants[0]"), "\(invalid.text)")
        }
    }

    /// A project's token sees and revokes only its project's tokens.
    @Test func projectTokensSeeOnlyTheirProject() throws {
        try withTestServer { server in
            let acme = "660e8400-e29b-41d4-a716-446655440001"
            let (_, secret) = try server.store.createCredential(name: "acme", projectId: acme, readOnly: false, secret: nil)
            let auth = [("Authorization", "Bearer \(secret)")]
            let list = try server.send("GET", "/v1/tokens", headers: auth)
            #expect(list.status == 200 && !list.text.contains("demo-token-123"), "\(list.text)")
            #expect(try server.send("DELETE", "/v1/tokens/demo-token-123", headers: auth).status == 404)
            #expect(try server.send("GET", "/v1/tokens/verify", headers: [("Authorization", "Bearer 123")]).status == 200)
        }
    }
}
