import Foundation
import StatusdStore
import StatusdTesting
import Testing

/// `X-API-Key` only; 401 for missing, unknown or revoked keys; 403 for read-only writes; 404 outside a
/// scoped key's project or when the path's project does not own the page; routing failures in the
/// UptimeIO envelope.
@Suite struct AuthAndScopingTests {
    static let unauthorized = """
        {"success": false, "error": {"code": "UNAUTHORIZED", "message": "Authentication required"}}
        """
    static let pageNotFound = """
        {"success": false, "error": {"code": "NOT_FOUND", "message": "Status page not found"}}
        """

    @Test func bearerTokenIsNotAnAPIKey() throws {
        try withTestServer(demo: true) { server in
            let response = try server.send("GET", Demo.incidents, headers: [("Authorization", "Bearer YOUR_API_KEY")])
            #expect(response.status == 401)
            expectJSON(response.body, equals: Self.unauthorized)
            let onlineOrNotToken = try server.send("GET", Demo.incidents, headers: [("Authorization", "Bearer 123")])
            #expect(onlineOrNotToken.status == 401)
        }
    }

    @Test(arguments: ["wrong", "your_api_key", "YOUR_API_KEYX", "Bearer YOUR_API_KEY"])
    func unknownKeysAreRejected(_ key: String) throws {
        try withTestServer(demo: true) { server in
            let response = try server.uptimeIO("GET", Demo.incidents, key: key)
            #expect(response.status == 401)
            expectJSON(response.body, equals: Self.unauthorized)
        }
    }

    @Test func everyRouteNeedsAKey() throws {
        try withTestServer(demo: true) { server in
            let item = "\(Demo.incidents)/\(Demo.apiIncident)"
            let routes = [("GET", Demo.incidents), ("POST", Demo.incidents), ("GET", item), ("PATCH", item),
                          ("DELETE", item), ("GET", item + "/updates"), ("POST", item + "/updates")]
            for (method, path) in routes {
                let response = try server.uptimeIO(method, path, key: nil, body: method == "GET" ? nil : "{}")
                #expect(response.status == 401, "\(method) \(path)")
                expectJSON(response.body, equals: Self.unauthorized)
            }
            #expect(try server.uptimeIO("GET", item).status == 200)
        }
    }

    @Test func revokedKeyIsRejected() throws {
        try withTestServer(demo: true) { server in
            let (credential, secret) = try server.store.createCredential(
                name: "ci", projectId: nil, readOnly: false, secret: "revoke-me")
            #expect(try server.uptimeIO("GET", Demo.incidents, key: secret).status == 200)
            #expect(try server.store.revokeCredential(credential.id))
            let response = try server.uptimeIO("GET", Demo.incidents, key: secret)
            #expect(response.status == 401)
            expectJSON(response.body, equals: Self.unauthorized)
        }
    }

    @Test func readOnlyKeyReadsButCannotWrite() throws {
        try withTestServer(demo: true) { server in
            _ = try server.store.createCredential(name: "viewer", projectId: nil, readOnly: true, secret: "viewer-key")
            let item = "\(Demo.incidents)/\(Demo.apiIncident)"
            #expect(try server.uptimeIO("GET", Demo.incidents, key: "viewer-key").status == 200)
            #expect(try server.uptimeIO("GET", item, key: "viewer-key").status == 200)
            #expect(try server.uptimeIO("GET", item + "/updates", key: "viewer-key").status == 200)
            let writes = [
                ("POST", Demo.incidents, """
                    {"title": "t", "message": "m", "severity": "minor", "affected_monitor_ids": ["\(Demo.monitor10)"]}
                    """),
                ("PATCH", item, "{\"title\": \"renamed\"}"),
                ("DELETE", item, nil),
                ("POST", item + "/updates", "{\"message\": \"m\", \"status\": \"resolved\"}"),
            ]
            for (method, path, body) in writes {
                let response = try server.uptimeIO(method, path, key: "viewer-key", body: body)
                #expect(response.status == 403, "\(method) \(path)")
                expectJSON(response.body, equals: """
                    {"success": false, "error": {"code": "FORBIDDEN", "message": "This API key is read-only"}}
                    """)
            }
            // Nothing changed.
            let list = try server.uptimeIO("GET", Demo.incidents, key: "viewer-key")
            expectJSON(list.body, equals: """
                {"success": true, "data": {"incidents": [\(Demo.apiIncidentJSON), \(Demo.databaseIncidentJSON)],
                 "pagination": {"page": 1, "pageSize": 20, "total": 2, "totalPages": 1,
                                "hasNext": false, "hasPrevious": false}}}
                """)
        }
    }

    @Test func scopedKeySeesOnlyItsProject() throws {
        try withTestServer(demo: true) { server in
            let other = try server.store.createProject(id: "other-project", name: "Other")
            _ = try server.store.createCredential(name: "other", projectId: other.id, readOnly: false, secret: "other-key")
            _ = try server.store.createCredential(
                name: "own", projectId: Demo.projectId, readOnly: false, secret: "own-key")
            let item = "\(Demo.incidents)/\(Demo.apiIncident)"
            for (method, path) in [("GET", Demo.incidents), ("GET", item), ("GET", item + "/updates"), ("DELETE", item)] {
                let response = try server.uptimeIO(method, path, key: "other-key")
                #expect(response.status == 404, "\(method) \(path)")
                expectJSON(response.body, equals: Self.pageNotFound)
            }
            #expect(try server.uptimeIO("GET", Demo.incidents, key: "own-key").incidents.count == 2)
        }
    }

    @Test func pathProjectMustOwnThePage() throws {
        try withTestServer(demo: true) { server in
            let other = try server.store.createProject(id: "other-project", name: "Other")
            let wrongProject = "/api/projects/\(other.id)/status-pages/\(Demo.pageId)/incidents"
            let response = try server.uptimeIO("GET", wrongProject)
            #expect(response.status == 404)
            expectJSON(response.body, equals: Self.pageNotFound)
            let unknownProject = "/api/projects/nope/status-pages/\(Demo.pageId)/incidents/\(Demo.apiIncident)"
            #expect(try server.uptimeIO("GET", unknownProject).status == 404)
        }
    }

    @Test func incidentOfAnotherPageIsNotFound() throws {
        try withTestServer(demo: true) { server in
            // `a1b2c3d4` is the OnlineOrNot demo incident: it exists, but not on this page.
            for path in ["\(Demo.incidents)/a1b2c3d4", "\(Demo.incidents)/missing", "\(Demo.incidents)/missing/updates"] {
                let response = try server.uptimeIO("GET", path)
                #expect(response.status == 404, "\(path)")
                expectJSON(response.body, equals: """
                    {"success": false, "error": {"code": "NOT_FOUND", "message": "Incident not found"}}
                    """)
            }
        }
    }

    @Test func routingFailuresUseTheUptimeIOEnvelope() throws {
        try withTestServer(demo: true) { server in
            let unknown = try server.uptimeIO("GET", "/api/projects/\(Demo.projectId)/nothing-here")
            #expect(unknown.status == 404)
            #expect(unknown.header("Content-Type") == "application/json; charset=utf-8")
            let error = unknown.object?["error"] as? [String: Any]
            #expect(error?["code"] as? String == "NOT_FOUND")
            #expect(unknown.object?["success"] as? Bool == false)

            let wrongMethod = try server.uptimeIO("PUT", Demo.incidents, body: "{}")
            #expect(wrongMethod.status == 405)
            let allow = Set((wrongMethod.header("Allow") ?? "").split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespaces)
            })
            // The HTTP core may add HEAD alongside GET; the collection has no PUT, PATCH or DELETE.
            #expect(allow.isSuperset(of: ["GET", "POST"]))
            #expect(allow.isDisjoint(with: ["PUT", "PATCH", "DELETE"]))
            expectJSON(wrongMethod.body, equals: """
                {"success": false, "error": {"code": "METHOD_NOT_ALLOWED", "message": "Method not allowed"}}
                """)
        }
    }
}
