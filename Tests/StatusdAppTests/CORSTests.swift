import Foundation
import StatusdApp
import StatusdTesting
import Testing

/// OPTIONS and CORS end to end: what a browser app on another origin sends and must get back.
@Suite struct CORSTests {
    static let incidents = "/v1/status_pages/a1b2c3d4/incidents"
    static let uptimeIncidents = "/api/projects/660e8400-e29b-41d4-a716-446655440001/status-pages/"
        + "550e8400-e29b-41d4-a716-446655440000/incidents"
    static let app = "https://app.example.com"

    static func withCORSServer<T>(_ origins: [String], _ body: (TestServer) throws -> T) throws -> T {
        var options = ServeOptions(host: "127.0.0.1", port: 0)
        options.cors = try CORSPolicy(origins: origins)
        return try withTestServer(options: options, body)
    }

    static func preflight(_ server: TestServer, _ path: String, origin: String, method: String = "POST") throws -> TestResponse {
        try server.send("OPTIONS", path, headers: [
            ("Origin", origin), ("Access-Control-Request-Method", method),
            ("Access-Control-Request-Headers", "authorization,content-type"),
        ])
    }

    @Test func withoutCORS_optionsListsTheMethods_andNoCORSHeaderIsSent() throws {
        try withTestServer { server in
            let options = try server.send("OPTIONS", Self.incidents, headers: [("Origin", Self.app)])
            #expect(options.status == 204)
            #expect(options.header("Allow") == "GET, HEAD, OPTIONS, POST")
            #expect(options.body.isEmpty && options.header("Content-Length") == nil)
            #expect(!options.headers.contains { $0.name.lowercased().hasPrefix("access-control-") })
            #expect(options.header("Vary") == nil)
            let get = try server.send("GET", Self.incidents, headers: [("Authorization", "Bearer 123"), ("Origin", Self.app)])
            #expect(get.status == 200 && get.header("Access-Control-Allow-Origin") == nil)
            // A wrong method still answers 405, now naming OPTIONS too.
            let wrong = try server.send("PUT", Self.incidents, headers: [("Authorization", "Bearer 123")])
            #expect(wrong.status == 405 && wrong.header("Allow") == "GET, HEAD, OPTIONS, POST")
        }
    }

    @Test func optionsNeedsNoCredential_onEitherShape_butUnknownPathsStay404() throws {
        try withTestServer { server in
            let uptime = try server.send("OPTIONS", Self.uptimeIncidents)
            #expect(uptime.status == 204 && uptime.header("Allow") == "GET, HEAD, OPTIONS, POST")
            let missing = try server.send("OPTIONS", "/v1/status_pages/a1b2c3d4/nothing")
            #expect(missing.status == 404)
            #expect(jsonObject(missing.body) is [String: Any])
            let everything = try server.send("OPTIONS", "*")
            #expect(everything.status == 204)
            #expect(everything.header("Allow") == "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT")
        }
    }

    @Test func preflightFromAnAllowedOrigin_getsEverythingTheBrowserChecks() throws {
        try Self.withCORSServer([Self.app, "http://localhost:3000"]) { server in
            for path in [Self.incidents, Self.uptimeIncidents] {
                let answer = try Self.preflight(server, path, origin: Self.app)
                #expect(answer.status == 204)
                #expect(answer.header("Access-Control-Allow-Origin") == Self.app)
                #expect(answer.header("Vary") == "Origin")
                #expect(answer.header("Access-Control-Allow-Methods") == "GET, HEAD, OPTIONS, POST")
                let headers = Set((answer.header("Access-Control-Allow-Headers") ?? "")
                    .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
                #expect(headers.isSuperset(of: ["authorization", "x-api-key", "content-type", "idempotency-key"]))
                #expect(answer.header("Access-Control-Max-Age") == "600")
                #expect(answer.header("Access-Control-Allow-Credentials") == nil)
                #expect(answer.body.isEmpty)
            }
            let local = try Self.preflight(server, Self.incidents, origin: "http://localhost:3000", method: "GET")
            #expect(local.header("Access-Control-Allow-Origin") == "http://localhost:3000")
        }
    }

    @Test func anOriginNotListed_getsNoCORSHeaders_onPreflightOrRequest() throws {
        try Self.withCORSServer([Self.app]) { server in
            for origin in ["https://evil.example.com", "http://app.example.com", "https://app.example.com:8443", "null"] {
                let answer = try Self.preflight(server, Self.incidents, origin: origin)
                #expect(answer.status == 204)
                #expect(!answer.headers.contains { $0.name.lowercased().hasPrefix("access-control-") }, "\(origin)")
                #expect(answer.header("Vary") == "Origin")
                let get = try server.send("GET", Self.incidents, headers: [("Authorization", "Bearer 123"), ("Origin", origin)])
                #expect(get.status == 200 && get.header("Access-Control-Allow-Origin") == nil)
            }
        }
    }

    @Test func actualAnswers_errorsAndCacheHitsIncluded_carryTheOriginAndExposedHeaders() throws {
        try Self.withCORSServer([Self.app]) { server in
            let origin = ("Origin", Self.app)
            let answers = [
                try server.send("GET", Self.incidents, headers: [("Authorization", "Bearer 123"), origin]),
                // The same URL again comes from the response cache on the event loop.
                try server.send("GET", Self.incidents, headers: [("Authorization", "Bearer 123"), origin]),
                try server.send("GET", Self.incidents, headers: [("Authorization", "Bearer wrong"), origin]),
                try server.send("POST", Self.incidents, headers: [("Authorization", "Bearer 123"), origin], body: "{"),
                try server.send("GET", Self.uptimeIncidents, headers: [("X-API-Key", "YOUR_API_KEY"), origin]),
                try server.send("GET", Self.uptimeIncidents, headers: [origin]),
                try server.send("GET", "/v1/nowhere", headers: [origin]),
                try server.send("GET", "/healthz", headers: [origin]),
            ]
            #expect(answers.map(\.status) == [200, 200, 401, 400, 200, 401, 404, 200])
            for answer in answers {
                #expect(answer.header("Access-Control-Allow-Origin") == Self.app)
                #expect(answer.header("Vary") == "Origin")
                #expect(answer.header("Access-Control-Expose-Headers") == "ETag, Location, Retry-After, X-Request-Id, X-Statusd-Fault")
                #expect(answer.header("Access-Control-Allow-Credentials") == nil)
                #expect(answer.header("Access-Control-Allow-Methods") == nil)
            }
        }
    }

    @Test func everyOrigin_answersStar_withoutVary() throws {
        try Self.withCORSServer(["*"]) { server in
            let preflight = try Self.preflight(server, Self.incidents, origin: "https://anyone.example")
            #expect(preflight.status == 204 && preflight.header("Access-Control-Allow-Origin") == "*")
            #expect(preflight.header("Vary") == nil)
            let get = try server.send("GET", Self.incidents, headers: [("Authorization", "Bearer 123"), ("Origin", "https://x.test")])
            #expect(get.header("Access-Control-Allow-Origin") == "*" && get.header("Vary") == nil)
            let noOrigin = try server.send("GET", "/healthz")
            #expect(noOrigin.header("Access-Control-Allow-Origin") == nil)
        }
    }

    @Test func originsAreCheckedAndNormalised() throws {
        let policy = try CORSPolicy(origins: ["HTTPS://App.Example.com:443", "http://localhost:3000", "http://[::1]:8080"])
        #expect(policy.origins == ["https://app.example.com", "http://localhost:3000", "http://[::1]:8080"])
        #expect(try CORSPolicy(origins: ["*"]).allowsEveryOrigin)
        let refused = [
            "app.example.com", "https://app.example.com/", "https://app.example.com/path", "ftp://app.example.com",
            "https://app.example.com:99999", "https://user@app.example.com", "https://", "https://exa mple.com",
            "https://app.example.com?x=1", "null",
        ]
        for value in refused {
            #expect(throws: CORSOriginInvalid.self, "\(value)") { try CORSPolicy(origins: [value]) }
        }
        #expect(throws: CORSOriginInvalid.self) { try CORSPolicy(origins: ["*", Self.app]) }
    }
}
