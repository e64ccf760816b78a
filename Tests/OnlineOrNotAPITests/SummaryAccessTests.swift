import Foundation
import StatusdTesting
import Testing

/// The public summary honours a page's IP allow-list and password, and never shows the list.
@Suite struct SummaryAccessTests {
    static let page = "/v1/status_pages/a1b2c3d4"
    static let summary = "/v1/status_pages/demo/summary"

    @Test func anAllowList_admitsOnlyItsAddresses_andIsNotShownPublicly() throws {
        try withTestServer(demo: true) { server in
            #expect(try server.oon("PATCH", Self.page, body: #"{"allowed_ips": ["10.0.0.0/8", "192.168.1.1"]}"#).status == 200)
            let outside = try server.send("GET", Self.summary)
            #expect(outside.status == 404)
            expectError(outside, status: 404, code: 10003)

            #expect(try server.oon("PATCH", Self.page, body: #"{"allowed_ips": ["10.0.0.0/8", "127.0.0.0/8"]}"#).status == 200)
            let inside = try server.send("GET", Self.summary)
            #expect(inside.status == 200, "\(inside.text)")
            let result = (jsonObject(inside.body) as? [String: Any])?["result"] as? [String: Any]
            let page = result?["status_page"] as? [String: Any]
            #expect(page?["allowed_ips"] is NSNull, "the list is for the page's owners, not its visitors")
            #expect(!inside.text.contains("10.0.0.0"))
            // The management API still shows it.
            #expect(try server.oon("GET", Self.page).text.contains("10.0.0.0/8"))

            #expect(try server.oon("PATCH", Self.page, body: #"{"allowed_ips": []}"#).status == 200)
            #expect(try server.send("GET", Self.summary).status == 200, "an empty list restricts nothing")
        }
    }

    @Test func aPassword_isAskedForWithBasicAuthentication() throws {
        try withTestServer(demo: true) { server in
            #expect(try server.oon("PATCH", Self.page, body: #"{"password": "open sesame"}"#).status == 200)
            let asked = try server.send("GET", Self.summary)
            #expect(asked.status == 401)
            #expect(asked.header("WWW-Authenticate") == #"Basic realm="status page", charset="UTF-8""#)
            expectError(asked, status: 401, code: 10001)
            func basic(_ credentials: String) -> [(String, String)] {
                [("Authorization", "Basic " + Data(credentials.utf8).base64EncodedString())]
            }
            #expect(try server.send("GET", Self.summary, headers: basic("anyone:wrong")).status == 401)
            #expect(try server.send("GET", Self.summary, headers: [("Authorization", "Bearer 123")]).status == 401)
            #expect(try server.send("GET", Self.summary, headers: [("Authorization", "Basic %%%")]).status == 401)
            let opened = try server.send("GET", Self.summary, headers: basic(":open sesame"))
            #expect(opened.status == 200, "\(opened.text)")
            #expect(try server.send("GET", Self.summary, headers: basic("visitor:open sesame")).status == 200)
            // Removing the password opens the page again.
            #expect(try server.oon("PATCH", Self.page, body: #"{"password": null}"#).status == 200)
            #expect(try server.send("GET", Self.summary).status == 200)
        }
    }
}
