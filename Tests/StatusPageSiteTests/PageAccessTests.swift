import Foundation
import StatusdTesting
import Testing

/// A protected page shows nothing but its form until the password is given; the cookie it then
/// gets stops working when the password changes. An address list hides the page from others.
@Suite struct PageAccessTests {
    @Test func thePasswordForm_thenACookie_thatAPasswordChangeRevokes() throws {
        try withTestServer { server in
            try server.manage("PATCH", demoManaged, #"{"password": "open sesame"}"#)
            let asked = try server.send("GET", demoSite)
            #expect(asked.status == 401)
            #expect(asked.text.contains(#"<form method="post" action="/status/demo">"#))
            #expect(!asked.text.contains("Demo Status") && !asked.text.contains("API"), "nothing of the page")
            #expect(asked.header("Content-Security-Policy")?.contains("form-action 'self'") == true)
            #expect(try server.send("GET", demoSite + "/feed.atom").status == 401)
            #expect(try server.send("GET", demoSite + "/feed.json").status == 401)

            let wrong = try server.submitPassword("guess")
            #expect(wrong.status == 401)
            #expect(wrong.text.contains("That password is not right.") && wrong.text.contains("<form"))
            #expect(wrong.header("Set-Cookie") == nil)

            let right = try server.submitPassword("open sesame")
            #expect(right.status == 303)
            #expect(right.header("Location") == "/status/demo")
            let setCookie = try #require(right.header("Set-Cookie"))
            #expect(setCookie.contains("; Path=/status/demo; Max-Age=604800; HttpOnly; SameSite=Lax"))
            #expect(!setCookie.contains("Secure"), "plain HTTP")
            let cookie = [("Cookie", try #require(cookiePair(setCookie)))]
            let opened = try server.send("GET", demoSite, headers: cookie)
            #expect(opened.status == 200 && opened.text.contains("<h1>Demo Status</h1>"))
            #expect(try server.send("GET", demoSite, headers: cookie).status == 200, "again, from the cache")
            #expect(try server.send("GET", demoSite).status == 401, "a cached copy is never shown without the cookie")
            #expect(try server.send("GET", demoSite + "/feed.atom", headers: cookie).status == 200)
            // A tampered cookie opens nothing.
            // (The last character changed to another: "00" in its place was the cookie itself now and then.)
            let forged = cookie[0].1.dropLast() + (cookie[0].1.last == "0" ? "1" : "0")
            #expect(try server.send("GET", demoSite, headers: [("Cookie", String(forged))]).status == 401)

            try server.manage("PATCH", demoManaged, #"{"password": "new secret"}"#)
            #expect(try server.send("GET", demoSite, headers: cookie).status == 401, "the old cookie is dead")
            #expect(try server.send("GET", demoSite + "/feed.rss", headers: cookie).status == 401)
        }
    }

    @Test func theCookieIsSecure_behindAnHTTPSProxy() throws {
        try withTestServer { server in
            try server.manage("PATCH", demoManaged, #"{"password": "open sesame"}"#)
            let body = "password=open+sesame"
            let right = try server.send(
                "POST", demoSite,
                headers: [("Content-Type", "application/x-www-form-urlencoded"), ("X-Forwarded-Proto", "https")], body: body)
            #expect(right.status == 303)
            #expect(right.header("Set-Cookie")?.hasSuffix("; Secure") == true)
        }
    }

    @Test func anAllowList_hidesThePageAndFeeds_fromOtherAddresses() throws {
        try withTestServer { server in
            try server.manage("PATCH", demoManaged, #"{"allowed_ips": ["10.0.0.0/8"]}"#)
            #expect(try server.send("GET", demoSite).status == 404)
            #expect(try server.send("GET", demoSite + "/feed.atom").status == 404)
            #expect(try server.submitPassword("x").status == 404)
            try server.manage("PATCH", demoManaged, #"{"allowed_ips": ["127.0.0.0/8"]}"#)
            #expect(try server.send("GET", demoSite).status == 200)
            #expect(try server.send("GET", demoSite).status == 200)
            try server.manage("PATCH", demoManaged, #"{"allowed_ips": ["10.0.0.1"]}"#)
            #expect(try server.send("GET", demoSite).status == 404, "checked on every answer, cached or not")
        }
    }
}
