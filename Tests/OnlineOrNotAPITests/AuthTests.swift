import Foundation
import StatusdCore
import StatusdStore
import StatusdTesting
import Testing

/// `Authorization: Bearer` only; 401 (code 10001) for anything else, 403 for read-only writes,
/// 404 outside a scoped credential's project.
@Suite struct AuthTests {
    static let incidents = "/v1/status_pages/a1b2c3d4/incidents"

    @Test(arguments: [
        [],
        [("Authorization", "Bearer")],
        [("Authorization", "Bearer ")],
        [("Authorization", "Basic MTIzOg==")],
        [("Authorization", "123")],
        [("Authorization", "Bearer 1234")],
        [("Authorization", "Bearer 123 456")],
        [("Authorization", "Bearer 123"), ("Authorization", "Bearer 123")],
        [("X-API-Key", "123")],
    ])
    func rejectsMissingMalformedOrUnknownCredentials(headers: [(String, String)]) throws {
        try withTestServer { server in
            let response = try server.send("GET", Self.incidents, headers: headers)
            expectError(response, status: 401, code: 10001, mentioning: "Bearer")
        }
    }

    @Test func schemeIsCaseInsensitive() throws {
        try withTestServer { server in
            let response = try server.send("GET", Self.incidents, headers: [("Authorization", "bearer 123")])
            #expect(response.status == 200)
        }
    }

    @Test func revokedCredentialIsRejected() throws {
        try withTestServer { server in
            let (credential, secret) = try server.store.createCredential(
                name: "ci", projectId: nil, readOnly: false, secret: "soon-revoked"
            )
            #expect(try server.oon("GET", Self.incidents, token: secret).status == 200)
            #expect(try server.store.revokeCredential(credential.id))
            expectError(try server.oon("GET", Self.incidents, token: secret), status: 401, code: 10001)
        }
    }

    /// Writes take the credential from memory too; a revoke by another process (the CLI) still
    /// refuses the very next write.
    @Test func credentialRevokedByAnotherProcessCannotWriteAgain() throws {
        try withTestServer { server in
            let cli = try server.openAnotherStore()
            let (credential, secret) = try cli.createCredential(
                name: "ci", projectId: nil, readOnly: false, secret: "revoked-between-writes")
            let body = #"{"title":"Written twice","description":"Looking into it","status":"INVESTIGATING"}"#
            #expect(try server.oon("POST", Self.incidents, token: secret, body: body).status == 200)
            #expect(try server.oon("POST", Self.incidents, token: secret, body: body).status == 200)
            #expect(try cli.revokeCredential(credential.id))
            expectError(try server.oon("POST", Self.incidents, token: secret, body: body), status: 401, code: 10001)
            server.store.waitForLastUsedWrites()
        }
    }

    @Test func readOnlyCredentialReadsButCannotWrite() throws {
        try withTestServer { server in
            _ = try server.store.createCredential(name: "viewer", projectId: nil, readOnly: true, secret: "viewer")
            #expect(try server.oon("GET", Self.incidents, token: "viewer").status == 200)
            let writes: [(String, String, String?)] = [
                ("POST", Self.incidents, #"{"title":"x","description":"y","status":"INVESTIGATING"}"#),
                ("PATCH", "\(Self.incidents)/a1b2c3d4", #"{"title":"x"}"#),
                ("POST", "\(Self.incidents)/a1b2c3d4", #"{"title":"x"}"#),
                ("DELETE", "\(Self.incidents)/a1b2c3d4", nil),
                ("POST", "\(Self.incidents)/a1b2c3d4/updates", #"{"status":"UPDATE","description":"x"}"#),
                ("POST", "/v1/status_pages", #"{"name":"x","subdomain":"viewer-page"}"#),
                ("PATCH", "/v1/status_pages/a1b2c3d4", #"{"name":"x"}"#),
                ("DELETE", "/v1/status_pages/a1b2c3d4", nil),
                ("POST", "/v1/status_pages/a1b2c3d4/components", #"{"name":"x"}"#),
                ("DELETE", "/v1/status_pages/a1b2c3d4/components/property1", nil),
            ]
            for (method, path, body) in writes {
                expectError(try server.oon(method, path, token: "viewer", body: body), status: 403, code: 10002)
            }
            // Nothing changed.
            let incident = try server.oon("GET", "\(Self.incidents)/a1b2c3d4")
            #expect(result(incident)["title"] as? String == "API is inaccessible")
        }
    }

    @Test func scopedCredentialSeesOnlyItsProject() throws {
        try withTestServer { server in
            let project = try server.store.createProject(id: "acme", name: "Acme")
            let page = try server.store.createStatusPage(
                id: "acme-page", projectId: project.id, name: "Acme", subdomain: "acme-scoped", description: nil
            )
            _ = try server.store.createCredential(name: "acme", projectId: project.id, readOnly: false, secret: "acme")

            // Outside its project: 404, never 403, for reads and writes alike.
            expectError(try server.oon("GET", Self.incidents, token: "acme"), status: 404, code: 10003)
            expectError(try server.oon("GET", "/v1/status_pages/a1b2c3d4", token: "acme"), status: 404, code: 10003)
            expectError(try server.oon("DELETE", "\(Self.incidents)/a1b2c3d4", token: "acme"), status: 404, code: 10003)
            expectError(
                try server.oon("GET", "/v1/status_pages/a1b2c3d4/components", token: "acme"), status: 404, code: 10003
            )

            // Inside it: full access; the page list shows only its own page.
            let created = try server.createIncident(on: page.id, title: "Acme down")
            #expect(try server.oon("GET", "/v1/status_pages/acme-page/incidents/\(created)", token: "acme").status == 200)
            let list = try server.oon("GET", "/v1/status_pages", token: "acme")
            #expect(results(list).compactMap { $0["id"] as? String } == ["acme-page"])
            let all = try server.oon("GET", "/v1/status_pages")
            #expect(Set(results(all).compactMap { $0["id"] as? String }).isSuperset(of: ["acme-page", "a1b2c3d4"]))
        }
    }

    @Test func pagesCreatedByAScopedCredentialBelongToItsProject() throws {
        try withTestServer { server in
            _ = try server.store.createProject(id: "acme", name: "Acme")
            _ = try server.store.createCredential(name: "acme", projectId: "acme", readOnly: false, secret: "acme")
            let scoped = try server.oon("POST", "/v1/status_pages", token: "acme", body: #"{"name":"Acme","subdomain":"acme-status"}"#)
            #expect(scoped.status == 201, "\(scoped.text)")
            let scopedId = try #require(result(scoped)["id"] as? String)
            #expect(try server.store.statusPage(scopedId)?.projectId == "acme")

            let global = try server.oon("POST", "/v1/status_pages", body: #"{"name":"Global","subdomain":"global-status"}"#)
            let globalId = try #require(result(global)["id"] as? String)
            #expect(try server.store.statusPage(globalId)?.projectId == Store.defaultProjectId)
            expectError(try server.oon("GET", "/v1/status_pages/\(globalId)", token: "acme"), status: 404, code: 10003)
        }
    }

    @Test func summaryIsPublic() throws {
        try withTestServer { server in
            let subdomain = try #require(try server.store.statusPage(demoPage)?.subdomain)
            let response = try server.send("GET", "/v1/status_pages/\(subdomain)/summary")
            #expect(response.status == 200, "\(response.text)")
        }
    }
}
