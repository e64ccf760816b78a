import Foundation
import StatusdApp
import StatusdCore
import StatusdStore
import StatusdTesting
import Testing

/// GET answers come from the response cache while nothing changed, and never once something did:
/// a write through either shape, a change by another process (the CLI) or a revoked credential
/// shows in the very next request; one credential's answers never reach another.
@Suite struct ResponseCacheEndToEndTests {
    static let item = "\(Demo.incidents)/\(Demo.apiIncident)"
    static let onlineOrNotItem = "/v1/status_pages/\(Demo.pageId)/incidents/\(Demo.apiIncident)"

    func title(_ response: TestResponse) -> String? {
        let data = (jsonObject(response.body) as? [String: Any])?["data"] as? [String: Any]
        return (data?["incident"] as? [String: Any])?["title"] as? String
    }

    /// The event loop looks in the cache before the handler does: a miss still counts once.
    @Test func aMissIsCountedOnceAndAHitOnce() throws {
        try withTestServer(demo: true) { server in
            let missesBefore = try server.metric("statusd_response_cache_misses_total") ?? 0
            let hitsBefore = try server.cacheHits()
            #expect(try server.uptimeIO("GET", Self.item).status == 200)
            #expect(try server.metric("statusd_response_cache_misses_total") == missesBefore + 1)
            #expect(try server.uptimeIO("GET", Self.item).status == 200)
            #expect(try server.cacheHits() == hitsBefore + 1)
            #expect(try server.metric("statusd_response_cache_misses_total") == missesBefore + 1)
        }
    }

    @Test func aRepeatedReadIsServedFromTheCacheWithTheSameBytes() throws {
        try withTestServer(demo: true) { server in
            let first = try server.uptimeIO("GET", Self.item)
            let hitsBefore = try server.cacheHits()
            let second = try server.uptimeIO("GET", Self.item)
            #expect(first.status == 200 && second.status == 200)
            #expect(second.body == first.body)
            #expect(second.header("Content-Type") == first.header("Content-Type"))
            #expect(try server.cacheHits() == hitsBefore + 1)
            let head = try server.send("HEAD", Self.item, headers: [("X-API-Key", Demo.apiKey)])
            #expect(head.status == 200 && head.body.isEmpty)
            #expect(head.header("Content-Length") == String(first.body.count))
        }
    }

    @Test func aWriteThroughEitherShapeShowsInTheNextRead() throws {
        try withTestServer(demo: true) { server in
            #expect(title(try server.uptimeIO("GET", Self.item)) == "API Service Degradation")
            #expect(title(try server.uptimeIO("GET", Self.item)) == "API Service Degradation")
            let patched = try server.send(
                "PATCH", Self.onlineOrNotItem,
                headers: [("Authorization", "Bearer \(Demo.bearerToken)"), ("Content-Type", "application/json")],
                body: #"{"title":"Renamed through OnlineOrNot"}"#)
            #expect(patched.status == 200)
            #expect(title(try server.uptimeIO("GET", Self.item)) == "Renamed through OnlineOrNot")
            let listed = try server.uptimeIO("GET", Demo.incidents)
            #expect(listed.text.contains("Renamed through OnlineOrNot"))

            let onlineOrNot = { try server.send("GET", Self.onlineOrNotItem, headers: [("Authorization", "Bearer 123")]) }
            let before = try onlineOrNot()
            #expect(try onlineOrNot().body == before.body)
            let patch = try server.uptimeIO("PATCH", Self.item, body: #"{"title":"Renamed through UptimeIO"}"#)
            #expect(patch.status == 200)
            let after = try onlineOrNot()
            #expect(after.text.contains(#""title":"Renamed through UptimeIO""#))
        }
    }

    @Test func aChangeByAnotherProcessShowsInTheNextRead() throws {
        try withTestServer(demo: true) { server in
            let cli = try server.openAnotherStore()
            let (credential, secret) = try cli.createCredential(
                name: "cli-made", projectId: nil, readOnly: true, secret: "cache-test-secret-0123456789")
            #expect(title(try server.uptimeIO("GET", Self.item, key: secret)) == "API Service Degradation")
            #expect(title(try server.uptimeIO("GET", Self.item, key: secret)) == "API Service Degradation")
            _ = try cli.updateIncident(
                Demo.apiIncident, statusPageId: Demo.pageId, IncidentChanges(title: "Changed by the CLI", changedBy: "cli"))
            #expect(title(try server.uptimeIO("GET", Self.item, key: secret)) == "Changed by the CLI")
            #expect(try cli.revokeCredential(credential.id))
            #expect(try server.uptimeIO("GET", Self.item, key: secret).status == 401)
            server.store.waitForLastUsedWrites()
        }
    }

    @Test func oneCredentialsAnswersNeverReachAnother() throws {
        try withTestServer(demo: true) { server in
            let (_, otherProject) = try server.store.createCredential(
                name: "default-only", projectId: Store.defaultProjectId, readOnly: false,
                secret: "other-project-secret-0123456789")
            #expect(try server.uptimeIO("GET", Self.item).status == 200)
            #expect(try server.uptimeIO("GET", Self.item).status == 200)
            let refused = try server.uptimeIO("GET", Self.item, key: otherProject)
            #expect(refused.status == 404)
            expectJSON(refused.body, equals: AuthAndScopingTests.pageNotFound)
            server.store.waitForLastUsedWrites()
        }
    }

    @Test func withTheCacheOffEveryAnswerIsRenderedAfresh() throws {
        var options = ServeOptions()
        options.responseCacheBytes = 0
        try withTestServer(demo: true, options: options) { server in
            let first = try server.uptimeIO("GET", Self.item)
            #expect(try server.uptimeIO("GET", Self.item).body == first.body)
            #expect(try server.cacheHits() == 0)
        }
    }
}
