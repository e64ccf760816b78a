import Foundation
import StatusdCore
import StatusdStore
import StatusdTesting
import Testing

/// `/v1/status_pages/{id}/subscribers[/{id}]` end to end: the 2026 spec's list, create (201) and
/// delete, the address rule (400), one address per page in any case (409), scoping (403/404),
/// paging, cached lists, and that the public summary never shows subscribers.
@Suite struct SubscriberTests {
    static let collection = "/v1/status_pages/a1b2c3d4/subscribers"
    static let june = Timestamp(millisecondsSince1970: 1_622_505_600_000)  // 2021-06-01T00:00:00.000Z
    /// The demo's subscriber, the spec's example.
    static let demoJSON = #"{"id":"a1b2c3d4e5f6","email_address":"user@example.com","confirmed":false,"created_at":"2021-01-01T00:00:00.000Z"}"#

    static func body(_ address: String) -> String { #"{"email_address":"\#(address)"}"# }

    static func create(_ server: TestServer, _ address: String) throws -> String {
        let created = try server.oon("POST", collection, body: body(address))
        try #require(created.status == 201, "\(created.text)")
        return try #require(result(created)["id"] as? String)
    }

    static func addresses(_ response: TestResponse) -> [String] {
        results(response).compactMap { $0["email_address"] as? String }
    }

    @Test func createAnswers201WithTheSpecShapeAndListsItFirst() throws {
        try withTestServer(clock: .manual(at: Self.june), ids: .deterministic()) { server in
            let created = try server.oon("POST", Self.collection, body: Self.body("New.User+status@Example.com"))
            #expect(created.status == 201, "\(created.text)")
            let subscriber = """
                {"id":"00000000-0000-8000-8000-000000000001","email_address":"New.User+status@Example.com",
                "confirmed":false,"created_at":"2021-06-01T00:00:00.000Z"}
                """
            expectJSON(created.body, equals: #"{"result":\#(subscriber),"success":true,"errors":[],"messages":[]}"#)
            expectJSON(try server.oon("GET", Self.collection).body, equals: """
                {"result":[\(subscriber),\(Self.demoJSON)],
                "result_info":{"page":1,"per_page":20,"count":2,"total_count":2},
                "success":true,"errors":[],"messages":[]}
                """)
        }
    }

    /// The rule of EmailAddress, each refusal a 400 in the envelope naming `email_address`; nothing
    /// is created.
    @Test func invalidAddressesAre400NamingTheField() throws {
        try withTestServer { server in
            let bad: [(String, String)] = [
                (Self.body("plainaddress"), "exactly one @"),
                (Self.body("two@@example.com"), "exactly one @"),
                (Self.body("a@b@example.com"), "exactly one @"),
                (Self.body("@example.com"), "1 to 64 characters before the @"),
                (Self.body(String(repeating: "x", count: 65) + "@example.com"), "1 to 64 characters before the @"),
                (Self.body("user@localhost"), "a domain with a dot"),
                (Self.body("user@"), "a domain with a dot"),
                (Self.body("user@example..com"), "labels"),
                (Self.body("user@-example.com"), "labels"),
                (Self.body("user@exa_mple.com"), "labels"),
                (Self.body("first..last@example.com"), "before the @ only"),
                (Self.body("a(comment)@example.com"), "before the @ only"),
                (Self.body("user name@example.com"), "without spaces or control characters"),
                (Self.body(" user@example.com"), "without spaces or control characters"),
                (Self.body(#"user@example.com\n"#), "without spaces or control characters"),
                (Self.body(#"user\u0000@example.com"#), "without spaces or control characters"),
                (Self.body("jösé@example.com"), "plain ASCII"),
                (Self.body(""), "exactly one @"),
                (Self.body(String(repeating: "a", count: 64) + "@" + String(repeating: "b.", count: 95) + "com"), "at most 254"),
                (Self.body(String(repeating: "a", count: 100_000)), "at most 254"),
                (#"{"email_address":42}"#, "email_address must be a string"),
                (#"{"email_address":null}"#, "email_address must be a string"),
                (#"{"email_address":["user@example.com"]}"#, "email_address must be a string"),
                (#"{"email_address":{"value":"user@example.com"}}"#, "email_address must be a string"),
                ("{}", "email_address is required"),
                (#"{"email":"user@example.com"}"#, "email_address is required"),
            ]
            for (body, message) in bad {
                let response = try server.oon("POST", Self.collection, body: body)
                expectError(response, status: 400, code: 10005, mentioning: message)
                #expect(errors(response).map { $0["field"] as? String } == ["email_address"], "\(response.text)")
            }
            expectError(try server.oon("POST", Self.collection, body: "[1]"), status: 400, code: 10006)
            expectError(try server.oon("POST", Self.collection, body: #"{"email_address":"#), status: 400, code: 10006)
            expectError(try server.oon("POST", Self.collection), status: 400, code: 10006)
            expectError(
                try server.oon("POST", Self.collection, body: Self.body("a@example.com"), contentType: "text/plain"),
                status: 415, code: 10007)
            #expect(Self.addresses(try server.oon("GET", Self.collection)) == ["user@example.com"])
        }
    }

    /// One subscriber per address and page, whatever the letter case; the first spelling stays.
    @Test func aDuplicateInAnyCaseIs409() throws {
        try withTestServer { server in
            for spelling in ["user@example.com", "USER@EXAMPLE.COM", "User@Example.Com"] {
                let response = try server.oon("POST", Self.collection, body: Self.body(spelling))
                expectError(response, status: 409, code: 10009, mentioning: "already subscribed")
            }
            _ = try Self.create(server, "Ann@Example.com")
            expectError(try server.oon("POST", Self.collection, body: Self.body("ann@example.com")), status: 409, code: 10009)
            // The same address on another page is another subscriber.
            let other = "/v1/status_pages/550e8400-e29b-41d4-a716-446655440000/subscribers"
            #expect(try server.oon("POST", other, body: Self.body("user@example.com")).status == 201)
            #expect(Self.addresses(try server.oon("GET", Self.collection)) == ["Ann@Example.com", "user@example.com"])
        }
    }

    @Test func listIsPagedNewestFirstAndSearchable() throws {
        let clock = StoreClock.manual(at: Self.june)
        try withTestServer(clock: clock) { server in
            for address in ["alpha@example.org", "beta@example.org", "gamma@example.net"] {
                clock.advance(byMilliseconds: 60_000)
                _ = try Self.create(server, address)
            }
            let second = try server.oon("GET", "\(Self.collection)?page=2&per_page=2")
            #expect(Self.addresses(second) == ["alpha@example.org", "user@example.com"])
            let info = try JSONSerialization.data(withJSONObject: (jsonObject(second.body) as? [String: Any])?["result_info"] ?? [:])
            expectJSON(Array(info), equals: #"{"page":2,"per_page":2,"count":2,"total_count":4}"#)
            #expect(Self.addresses(try server.oon("GET", "\(Self.collection)?per_page=1")) == ["gamma@example.net"])
            #expect(Self.addresses(try server.oon("GET", "\(Self.collection)?search=EXAMPLE.ORG")) == ["beta@example.org", "alpha@example.org"])
            #expect(Self.addresses(try server.oon("GET", "\(Self.collection)?search=%25")).isEmpty)
            #expect(results(try server.oon("GET", "\(Self.collection)?page=9")).isEmpty)
            expectError(try server.oon("GET", "\(Self.collection)?per_page=101"), status: 400, code: 10005, mentioning: "per_page")
            expectError(try server.oon("GET", "\(Self.collection)?page=0"), status: 400, code: 10005, mentioning: "page")
        }
    }

    @Test func deleteAnswersTheIdThen404() throws {
        try withTestServer(ids: .deterministic()) { server in
            let id = try Self.create(server, "leaving@example.com")
            let deleted = try server.oon("DELETE", "\(Self.collection)/\(id.uppercased())")
            expectJSON(deleted.body, equals: #"{"result":{"id":"\#(id)"},"success":true,"errors":[],"messages":[]}"#)
            expectError(try server.oon("DELETE", "\(Self.collection)/\(id)"), status: 404, code: 10003, mentioning: "Subscriber not found")
            expectError(try server.oon("DELETE", "\(Self.collection)/no-such-subscriber"), status: 404, code: 10003)
            #expect(Self.addresses(try server.oon("GET", Self.collection)) == ["user@example.com"])
            // Deleted, the address may subscribe again.
            #expect(try server.oon("POST", Self.collection, body: Self.body("Leaving@example.com")).status == 201)
            // The spec has no retrieve or update: 405 with the methods there are.
            let item = "\(Self.collection)/a1b2c3d4e5f6"
            for method in ["GET", "PATCH", "PUT"] {
                let response = try server.oon(method, item, body: method == "GET" ? nil : "{}")
                expectError(response, status: 405, code: 10004)
                #expect(response.header("Allow")?.contains("DELETE") == true)
            }
            expectError(try server.oon("PUT", Self.collection, body: Self.body("a@example.com")), status: 405, code: 10004)
        }
    }

    @Test func readOnlyCredentialsListButCannotWrite() throws {
        try withTestServer { server in
            _ = try server.store.createCredential(name: "viewer", projectId: nil, readOnly: true, secret: "viewer")
            #expect(try server.oon("GET", Self.collection, token: "viewer").status == 200)
            expectError(try server.oon("POST", Self.collection, token: "viewer", body: Self.body("a@example.com")), status: 403, code: 10002)
            expectError(try server.oon("DELETE", "\(Self.collection)/a1b2c3d4e5f6", token: "viewer"), status: 403, code: 10002)
            #expect(Self.addresses(try server.oon("GET", Self.collection)) == ["user@example.com"])
        }
    }

    @Test func subscribersOfAnotherProjectOrPageAre404() throws {
        try withTestServer { server in
            _ = try server.store.createProject(id: "acme", name: "Acme")
            _ = try server.store.createCredential(name: "acme", projectId: "acme", readOnly: false, secret: "acme")
            let item = "\(Self.collection)/a1b2c3d4e5f6"
            expectError(try server.oon("GET", Self.collection, token: "acme"), status: 404, code: 10003, mentioning: "Status page")
            expectError(try server.oon("POST", Self.collection, token: "acme", body: Self.body("a@example.com")), status: 404, code: 10003)
            expectError(try server.oon("DELETE", item, token: "acme"), status: 404, code: 10003)
            // Another page's subscriber is not this page's.
            let other = "/v1/status_pages/550e8400-e29b-41d4-a716-446655440000/subscribers"
            expectError(try server.oon("DELETE", "\(other)/a1b2c3d4e5f6"), status: 404, code: 10003, mentioning: "Subscriber not found")
            #expect(results(try server.oon("GET", other)).isEmpty)
            expectError(try server.oon("GET", "/v1/status_pages/nope/subscribers"), status: 404, code: 10003)
            expectError(try server.oon("POST", "/v1/status_pages/nope/subscribers", body: Self.body("a@example.com")), status: 404, code: 10003)
            expectError(try server.oon("GET", Self.collection, token: nil), status: 401, code: 10001)
            expectError(try server.oon("POST", Self.collection, token: nil, body: "{}"), status: 401, code: 10001)
            #expect(Self.addresses(try server.oon("GET", Self.collection)) == ["user@example.com"])
        }
    }

    /// A cached list is never shown stale: not after a create or delete through the API, nor after
    /// a write by another process on the same file (the triggers move the counter).
    @Test func aCachedListShowsChangesAtOnce() throws {
        try withTestServer { server in
            let hitsBefore = try server.cacheHits()
            #expect(Self.addresses(try server.oon("GET", Self.collection)) == ["user@example.com"])
            #expect(Self.addresses(try server.oon("GET", Self.collection)) == ["user@example.com"])
            #expect(try server.cacheHits() > hitsBefore, "the second list came from the cache")
            let id = try Self.create(server, "fresh@example.com")
            #expect(Set(Self.addresses(try server.oon("GET", Self.collection))) == ["fresh@example.com", "user@example.com"])
            #expect(try server.oon("DELETE", "\(Self.collection)/\(id)").status == 200)
            #expect(Self.addresses(try server.oon("GET", Self.collection)) == ["user@example.com"])
            let cli = try server.openAnotherStore()
            _ = try cli.createSubscriber(statusPageId: "a1b2c3d4", emailAddress: "from-cli@example.com")
            #expect(Set(Self.addresses(try server.oon("GET", Self.collection))) == ["from-cli@example.com", "user@example.com"])
            #expect(try cli.deleteSubscriber("a1b2c3d4e5f6", statusPageId: "a1b2c3d4"))
            #expect(Self.addresses(try server.oon("GET", Self.collection)) == ["from-cli@example.com"])
        }
    }

    /// Subscribers are private to the page's owner: the public summary shows none of them.
    @Test func theSummaryShowsNoSubscribers() throws {
        try withTestServer { server in
            _ = try Self.create(server, "private@example.com")
            let summary = try server.send("GET", "/v1/status_pages/demo/summary")
            #expect(summary.status == 200, "\(summary.text)")
            #expect(!summary.text.contains("@example.com") && !summary.text.lowercased().contains("subscriber"), "\(summary.text)")
            #expect(result(summary)["status_page"] != nil)
        }
    }
}
