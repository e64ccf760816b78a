import Foundation
import StatusdApp
import StatusdTesting
import Testing

/// `--rate-limit`: a credential's burst beyond its bucket gets 429 in its shape's envelope with
/// headers a client can act on, the bucket refills, other credentials and health checks are not
/// touched, and requests without a credential are limited per client address.
@Suite struct RateLimitTests {
    static func options(credentialBurst: Int = 3, addressBurst: Int = 2) -> ServeOptions {
        var options = ServeOptions()
        options.rateLimit = RateLimitOptions(
            perCredential: .init(requestsPerSecond: 1, burst: credentialBurst),
            perAddress: .init(requestsPerSecond: 1, burst: addressBurst))
        return options
    }

    static let onlineOrNotIncidents = "/v1/status_pages/a1b2c3d4/incidents"
    static let uptimeIOIncidents =
        "/api/projects/660e8400-e29b-41d4-a716-446655440001/status-pages/550e8400-e29b-41d4-a716-446655440000/incidents"

    @Test func aBurstBeyondTheBucket_gets429WithHeaders_inEachShape_andOtherCredentialsGoOn() throws {
        try withTestServer(options: Self.options()) { server in
            for _ in 1...3 {
                #expect(try server.send("GET", Self.onlineOrNotIncidents, headers: [("Authorization", "Bearer 123")]).status == 200)
            }
            let refused = try server.send("GET", Self.onlineOrNotIncidents, headers: [("Authorization", "Bearer 123")])
            #expect(refused.status == 429)
            #expect(refused.text == #"{"result":null,"success":false,"errors":[{"code":10012,"message":"Too many requests: retry after 1 s"}],"messages":[]}"#)
            #expect(refused.header("Content-Type") == "application/json; charset=utf-8")
            #expect(refused.header("Retry-After") == "1")
            #expect(refused.header("RateLimit-Limit") == "3")
            #expect(refused.header("RateLimit-Remaining") == "0")
            #expect(refused.header("RateLimit-Reset") == "1")
            // Writes draw from the same bucket: refused before anything is written.
            let write = try server.send(
                "POST", Self.onlineOrNotIncidents, headers: [("Authorization", "Bearer 123")],
                body: #"{"title":"t","description":"d","status":"INVESTIGATING"}"#)
            #expect(write.status == 429)
            // The same secret through the other shape is the same credential, the same bucket.
            let sameSecret = try server.send("GET", Self.uptimeIOIncidents, headers: [("X-API-Key", "123")])
            #expect(sameSecret.status == 429)
            #expect(sameSecret.text == #"{"success":false,"error":{"code":"RATE_LIMITED","message":"Too many requests: retry after 1 s"}}"#)
            // Another credential has its own bucket.
            for _ in 1...3 {
                #expect(try server.send("GET", Self.uptimeIOIncidents, headers: [("X-API-Key", "YOUR_API_KEY")]).status == 200)
            }
            #expect(try server.send("GET", Self.uptimeIOIncidents, headers: [("X-API-Key", "YOUR_API_KEY")]).status == 429)
            // Health checks and metrics are never limited.
            for _ in 1...5 { #expect(try server.send("GET", "/healthz").status == 200) }
        }
    }

    @Test func theBucketRefills_afterRetryAfter() throws {
        try withTestServer(options: Self.options(credentialBurst: 1)) { server in
            let headers = [("Authorization", "Bearer 123")]
            #expect(try server.send("GET", Self.onlineOrNotIncidents, headers: headers).status == 200)
            let refused = try server.send("GET", Self.onlineOrNotIncidents, headers: headers)
            #expect(refused.status == 429)
            let wait = try #require(refused.header("Retry-After").flatMap(Double.init))
            Thread.sleep(forTimeInterval: wait + 0.05)
            #expect(try server.send("GET", Self.onlineOrNotIncidents, headers: headers).status == 200)
        }
    }

    @Test func requestsWithoutACredential_areLimitedPerClientAddress() throws {
        try withTestServer(options: Self.options(addressBurst: 2)) { server in
            #expect(try server.send("GET", "/status/demo").status == 200)
            let summary = try server.send("GET", "/v1/status_pages/demo/summary")
            #expect(summary.status == 200, "\(summary.status) \(summary.text.prefix(300))")
            let refused = try server.send("GET", "/status/demo")
            #expect(refused.status == 429)
            #expect(refused.header("Retry-After") == "1")
            // A credential's requests from the same address are counted in the credential's bucket.
            #expect(try server.send("GET", Self.onlineOrNotIncidents, headers: [("Authorization", "Bearer 123")]).status == 200)
        }
    }

    @Test func withoutOptions_nothingIsLimited() throws {
        try withTestServer { (server: TestServer) throws in
            for _ in 1...30 {
                #expect(try server.send("GET", Self.onlineOrNotIncidents, headers: [("Authorization", "Bearer 123")]).status == 200)
            }
        }
    }
}

/// The serve flags: bad values are refused with a clear message before anything listens.
@Suite struct RateLimitFlagTests {
    @Test func aNegativeOrNonNumericRateIsRefused() throws {
        try CLITests.withFolder { folder in
            let negative = try CLITests.run(["serve", "--port", "0", "--rate-limit=-1"], in: folder)
            #expect(negative.status != 0)
            #expect(negative.stderr.contains("--rate-limit must be 0 or more"), "\(negative.stderr)")
            let text = try CLITests.run(["serve", "--port", "0"], in: folder, environment: ["STATUSD_RATE_LIMIT": "lots"])
            #expect(text.status != 0)
            #expect(text.stderr.contains("STATUSD_RATE_LIMIT must be a number, got 'lots'"), "\(text.stderr)")
            let burst = try CLITests.run(["serve", "--port", "0", "--rate-limit", "5", "--rate-limit-burst", "0"], in: folder)
            #expect(burst.status != 0)
            #expect(burst.stderr.contains("--rate-limit-burst must be between 1 and"), "\(burst.stderr)")
        }
    }
}
