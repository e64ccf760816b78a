import Foundation
import StatusdTesting
import Testing

/// The public page over real sockets: what it shows, its headers, escaping, and that a write shows
/// on the very next GET though answers are cached.
@Suite struct PublicPageTests {
    static let policy = "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' https: data:; "
        + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    @Test func theDemoPage_showsStatusComponentsAndMaintenance_withStrictHeaders() throws {
        try withTestServer { server in
            let page = try server.send("GET", demoSite)
            #expect(page.status == 200)
            #expect(page.header("Content-Type") == "text/html; charset=utf-8")
            #expect(page.header("Content-Security-Policy") == Self.policy)
            #expect(page.header("X-Content-Type-Options") == "nosniff")
            #expect(page.header("X-Robots-Tag") == nil)
            #expect(!page.text.contains(#"name="robots""#))
            let html = page.text
            #expect(html.contains("<h1>Demo Status</h1>"))
            #expect(html.contains(#"<span class="icon" aria-hidden="true"></span>All Systems Operational</h2>"#))
            #expect(html.contains(#"<span class="component-name">API</span>"#))
            #expect(html.contains(#"level-ok"><span class="icon" aria-hidden="true"></span>Operational</span>"#))
            #expect(html.contains("Scheduled maintenance") && html.contains("Database upgrade"))
            #expect(html.contains(#"<time datetime="2099-01-01T02:00:00Z">2099-01-01 02:00 UTC+00:00</time>"#))
            #expect(!html.contains("<script>"), "no inline script")
            #expect(!html.contains("style="), "no inline style")
            #expect(html.contains(#"<script src="/status/assets/page.js?v="#))
            // The stylesheet and script it names are served.
            let css = try server.send("GET", "/status/assets/page.css")
            #expect(css.status == 200 && css.header("Content-Type") == "text/css; charset=utf-8")
            #expect(try server.send("GET", "/status/assets/page.js").header("Content-Type") == "text/javascript; charset=utf-8")
        }
    }

    @Test func anUnknownPage_is404InHTML() throws {
        try withTestServer { server in
            let missing = try server.send("GET", "/status/nope")
            #expect(missing.status == 404)
            #expect(missing.header("Content-Type") == "text/html; charset=utf-8")
            #expect(try server.send("GET", "/status/demo/nothing/here").status == 404)
            #expect(try server.send("DELETE", demoSite).status == 405)
        }
    }

    @Test func anIncidentTitle_rendersAsText_andEveryWriteShowsOnTheNextGet() throws {
        try withTestServer { server in
            let first = try server.send("GET", demoSite)
            #expect(try server.send("GET", demoSite).body == first.body)
            let hits = try server.cacheHits()
            #expect(try server.send("GET", demoSite).status == 200)
            #expect(try server.cacheHits() == hits + 1, "an unchanged page comes from the cache")

            let id = try server.openIncident(title: "<script>alert(1)</script>", message: "Looking & <b>checking</b>")
            let after = try server.send("GET", demoSite).text
            #expect(after.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(!after.contains("<script>alert(1)"))
            #expect(after.contains("Looking &amp; &lt;b&gt;checking&lt;/b&gt;"))
            #expect(after.contains("Major System Outage"))
            #expect(after.contains(#"level-major"><span class="icon" aria-hidden="true"></span>Major outage</span>"#))
            #expect(after.contains("Active incidents"))

            try server.manage("POST", demoManaged + "/incidents/\(id)/updates", #"{"description":"Fix deployed","status":"MONITORING"}"#)
            let updated = try server.send("GET", demoSite).text
            #expect(updated.contains("Fix deployed"))
            let newest = try #require(updated.range(of: "Fix deployed")), oldest = try #require(updated.range(of: "Looking &amp;"))
            #expect(newest.lowerBound < oldest.lowerBound, "the timeline is newest first")
            #expect(updated.contains("<strong>Monitoring</strong>"))
        }
    }

    @Test func hidingFromSearchEngines_setsTheMetaTagAndHeader() throws {
        try withTestServer { server in
            try server.manage("PATCH", demoManaged, #"{"hide_from_search_engines": true}"#)
            let page = try server.send("GET", demoSite)
            #expect(page.header("X-Robots-Tag") == "noindex")
            #expect(page.text.contains(#"<meta name="robots" content="noindex">"#))
            #expect(try server.send("GET", demoSite + "/feed.atom").header("X-Robots-Tag") == "noindex")
        }
    }

    @Test func theEntityTag_answers304_untilThePageChanges() throws {
        try withTestServer { server in
            let page = try server.send("GET", demoSite)
            let tag = try #require(page.header("ETag"))
            let again = try server.send("GET", demoSite, headers: [("If-None-Match", tag)])
            #expect(again.status == 304 && again.body.isEmpty)
            #expect(again.header("ETag") == tag)
            try server.manage("PATCH", demoManaged, #"{"description": "Now with news"}"#)
            let changed = try server.send("GET", demoSite, headers: [("If-None-Match", tag)])
            #expect(changed.status == 200 && changed.text.contains("Now with news"))
        }
    }

    @Test func theHistory_pagesBy90Days_andLinksToOlderIncidents() throws {
        try withTestServer { server in
            let first = try server.send("GET", demoSite).text
            #expect(first.contains("No incidents in this period."))
            // The demo's only incident is from 2021: the link skips the empty periods to it.
            let link = try #require(first.firstMatch(of: /href="(\/status\/demo\?page=\d+)#history" rel="next"/))
            let older = try server.send("GET", String(link.output.1))
            #expect(older.status == 200)
            #expect(older.text.contains("API is inaccessible") && older.text.contains("The API is available again."))
            #expect(older.text.contains(#"rel="prev""#))
            #expect(try server.send("GET", demoSite + "?page=0").status == 400)
            #expect(try server.send("GET", demoSite + "?page=abc").status == 400)
        }
    }

    @Test func unpublishedAndDeletedPages_are404() throws {
        try withTestServer { (server: TestServer) throws in
            let uptime = "/api/projects/660e8400-e29b-41d4-a716-446655440001/status-pages/550e8400-e29b-41d4-a716-446655440000"
            let key = [("X-API-Key", "YOUR_API_KEY"), ("Content-Type", "application/json")]
            #expect(try server.send("GET", "/status/acme").status == 200)
            #expect(try server.send("PATCH", uptime, headers: key, body: #"{"is_published": false}"#).status == 200)
            #expect(try server.send("GET", "/status/acme").status == 404)
            #expect(try server.send("GET", "/status/acme/feed.rss").status == 404)
            #expect(try server.send("DELETE", "/api/projects/default/status-pages/a1b2c3d4", headers: key).status == 200)
            #expect(try server.send("GET", demoSite).status == 404)
        }
    }

    @Test func aCustomDomain_servesThePageAtItsRoot_byHost() throws {
        try withTestServer { server in
            #expect(try server.send("GET", "/", host: "status.example.com").status == 404)
            try server.manage("PATCH", demoManaged, #"{"custom_domain": "status.example.com"}"#)
            let page = try server.send("GET", "/", host: "Status.Example.COM:8443")
            #expect(page.status == 200)
            #expect(page.text.contains("<h1>Demo Status</h1>"))
            #expect(page.text.contains(#"href="/feed.atom""#))
            #expect(try server.send("GET", "/", host: "other.example.com").status == 404)
            let feed = try server.send("GET", "/feed.json", host: "status.example.com")
            #expect(feed.status == 200 && feed.text.contains(#""home_page_url":"http://status.example.com/""#))
            // The answer for one Host is never served for another.
            try server.manage("PATCH", demoManaged, #"{"custom_domain": "status.example.org"}"#)
            #expect(try server.send("GET", "/", host: "status.example.com").status == 404)
            #expect(try server.send("GET", "/", host: "status.example.org").status == 200)
        }
    }
}
