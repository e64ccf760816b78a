import Foundation
import StatusdCore
import StatusdStore
import StatusdTesting
import Testing

/// Every status page field the 2026 spec lists is kept and shown again; the password only as
/// `has_password`.
@Suite struct StatusPageFieldTests {
    static let start = Timestamp(millisecondsSince1970: 1_609_459_200_000)  // 2021-01-01T00:00:00.000Z

    static let fullBody = """
        {"name":"Shop","subdomain":"shop","custom_domain":"https://status.shop.example",
        "description":"Checkout and search","hide_from_search_engines":true,"password":"hunter2",
        "allowed_ips":["192.168.1.1","10.0.0.0/8","2001:db8::/32"],
        "favicon_url":"https://shop.example/favicon.ico","logo_url":"https://shop.example/logo.png",
        "dark_logo_url":"https://shop.example/logo-dark.png"}
        """

    @Test func everyFieldRoundTripsAndThePasswordIsNeverShown() throws {
        try withTestServer(clock: .manual(at: Self.start), ids: .deterministic()) { server in
            let created = try server.oon("POST", "/v1/status_pages", body: Self.fullBody)
            #expect(created.status == 201, "\(created.text)")
            let expected = """
                {"result":{"id":"00000000-0000-8000-8000-000000000001","name":"Shop","subdomain":"shop",
                "custom_domain":"https://status.shop.example","status":"ALL_SYSTEMS_OPERATIONAL",
                "favicon_url":"https://shop.example/favicon.ico","logo_url":"https://shop.example/logo.png",
                "dark_logo_url":"https://shop.example/logo-dark.png","description":"Checkout and search",
                "hide_from_search_engines":true,"has_password":true,
                "allowed_ips":["192.168.1.1","10.0.0.0/8","2001:db8::/32"],"project_id":"default",
                "created_at":"2021-01-01T00:00:00.000Z","updated_at":"2021-01-01T00:00:00.000Z"},
                "success":true,"errors":[],"messages":[]}
                """
            expectJSON(created.body, equals: expected)
            let id = "00000000-0000-8000-8000-000000000001"
            let read = try server.oon("GET", "/v1/status_pages/\(id)")
            expectJSON(read.body, equals: expected)
            for response in [created, read, try server.oon("GET", "/v1/status_pages"), try server.send("GET", "/v1/status_pages/shop/summary")] {
                #expect(!response.text.contains("hunter2"))
                #expect(!response.text.contains("\"password\""))
            }
            let listed = results(try server.oon("GET", "/v1/status_pages")).first { $0["id"] as? String == id }
            #expect(listed?["has_password"] as? Bool == true)
            #expect(listed?["logo_url"] as? String == "https://shop.example/logo.png")
        }
    }

    @Test func thePasswordIsKeptAndChangedButNeverShown() throws {
        try withTestServer { server in
            let created = try server.oon("POST", "/v1/status_pages", body: Self.fullBody)
            let id = try #require(result(created)["id"] as? String)
            #expect(try server.store.statusPage(id, passwordMatches: "hunter2"))
            #expect(try !server.store.statusPage(id, passwordMatches: "hunter3"))
            // Another password replaces it; leaving it out keeps it.
            _ = try server.oon("PATCH", "/v1/status_pages/\(id)", body: #"{"password":"correct horse"}"#)
            #expect(try server.store.statusPage(id, passwordMatches: "correct horse"))
            #expect(try !server.store.statusPage(id, passwordMatches: "hunter2"))
            _ = try server.oon("PATCH", "/v1/status_pages/\(id)", body: #"{"name":"Renamed"}"#)
            #expect(try server.store.statusPage(id, passwordMatches: "correct horse"))
        }
    }

    @Test(arguments: [#"null"#, #""""#])
    func nullOrEmptyRemovesThePassword(value: String) throws {
        try withTestServer { server in
            let id = try #require(result(try server.oon("POST", "/v1/status_pages", body: Self.fullBody))["id"] as? String)
            let cleared = try server.oon("POST", "/v1/status_pages/\(id)", body: #"{"password":\#(value)}"#)
            #expect(result(cleared)["has_password"] as? Bool == false, "\(cleared.text)")
            #expect(try !server.store.statusPage(id, passwordMatches: "hunter2"))
        }
    }

    @Test func updatesApplyAndClearEachField() throws {
        try withTestServer { server in
            let id = try #require(result(try server.oon("POST", "/v1/status_pages", body: Self.fullBody))["id"] as? String)
            // The provider's names for the branding fields, and PATCH as the provider updates.
            let branded = try server.oon(
                "PATCH", "/v1/status_pages/\(id)",
                body: #"{"logo":"https://cdn.example/l.png","dark_logo":null,"favicon":"","hide_from_search_engines":false}"#)
            #expect(branded.status == 200, "\(branded.text)")
            #expect(result(branded)["logo_url"] as? String == "https://cdn.example/l.png")
            #expect(result(branded)["dark_logo_url"] is NSNull)
            #expect(result(branded)["favicon_url"] is NSNull)
            #expect(result(branded)["hide_from_search_engines"] as? Bool == false)
            #expect(result(branded)["custom_domain"] as? String == "https://status.shop.example")

            let cleared = try server.oon(
                "POST", "/v1/status_pages/\(id)", body: #"{"custom_domain":"","allowed_ips":null,"description":null}"#)
            #expect(result(cleared)["custom_domain"] is NSNull)
            #expect(result(cleared)["allowed_ips"] is NSNull)
            #expect(result(cleared)["description"] is NSNull)
            let empty = try server.oon("PATCH", "/v1/status_pages/\(id)", body: #"{"allowed_ips":[]}"#)
            #expect((result(empty)["allowed_ips"] as? [Any])?.isEmpty == true)
            #expect(result(empty)["has_password"] as? Bool == true)
            // What a GET shows after the writes (the response cache follows them).
            let read = result(try server.oon("GET", "/v1/status_pages/\(id)"))
            #expect((read["allowed_ips"] as? [Any])?.isEmpty == true)
            #expect(read["logo_url"] as? String == "https://cdn.example/l.png")
        }
    }

    @Test(arguments: [
        (#"{"custom_domain":5}"#, "custom_domain"),
        (#"{"custom_domain":"has space.example"}"#, "custom_domain"),
        (#"{"hide_from_search_engines":"yes"}"#, "hide_from_search_engines"),
        (#"{"password":123}"#, "password"),
        (#"{"allowed_ips":"10.0.0.1"}"#, "allowed_ips"),
        (#"{"allowed_ips":[1]}"#, "allowed_ips"),
        (#"{"allowed_ips":["not-an-ip"]}"#, "allowed_ips"),
        (#"{"allowed_ips":["10.0.0.0/33"]}"#, "allowed_ips"),
        (#"{"allowed_ips":["::1/129"]}"#, "allowed_ips"),
        (#"{"logo_url":false}"#, "logo_url"),
        (#"{"favicon":7}"#, "favicon"),
        (#"{"description":[]}"#, "description"),
    ])
    func invalidFieldsAre400NamingThem(body: String, field: String) throws {
        try withTestServer { server in
            let response = try server.oon("PATCH", "/v1/status_pages/a1b2c3d4", body: body)
            expectError(response, status: 400, code: 10005)
            #expect(errors(response).contains { ($0["message"] as? String)?.lowercased().contains(field.lowercased()) == true }
                    || response.text.contains(field), "\(response.text)")
            #expect(result(try server.oon("GET", "/v1/status_pages/a1b2c3d4"))["name"] as? String == "Demo Status")
        }
    }

    @Test func oversizeStringsAre400() throws {
        try withTestServer { server in
            let long = { (count: Int) in String(repeating: "a", count: count) }
            expectError(try server.oon("PATCH", "/v1/status_pages/a1b2c3d4", body: #"{"custom_domain":"\#(long(256))"}"#), status: 400, code: 10005)
            expectError(try server.oon("PATCH", "/v1/status_pages/a1b2c3d4", body: #"{"password":"\#(long(257))"}"#), status: 400, code: 10005)
            expectError(try server.oon("PATCH", "/v1/status_pages/a1b2c3d4", body: #"{"logo_url":"\#(long(2049))"}"#), status: 400, code: 10005)
            let many = (0..<101).map { "\"10.0.0.\($0 % 250)\"" }.joined(separator: ",")
            expectError(try server.oon("PATCH", "/v1/status_pages/a1b2c3d4", body: #"{"allowed_ips":[\#(many)]}"#), status: 400, code: 10005, mentioning: "at most")
        }
    }
}
