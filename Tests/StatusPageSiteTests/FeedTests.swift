import Foundation
import StatusdTesting
import Testing

/// The three feeds, checked with feedparser (PyPI, in .venv-site made by scripts/site-test-tools;
/// JSON Feed by its spec's rules, which feedparser 6.0 does not read):
/// well-formed (no `bozo`), one entry per timeline entry and window, newest first, stable ids,
/// and conditional GETs.
@Suite struct FeedTests {
    /// Prints `version`, then `id|title` for each entry, in feed order; exits 1 when bozo.
    /// feedparser 6.0.14 (the release on PyPI) reads no JSON Feed: that one is checked here
    /// against JSON Feed 1.1's rules (version URL, title, items with a string id and content,
    /// RFC 3339 dates) in the same output form.
    static let parse = """
        import sys, json, datetime, feedparser
        body = sys.stdin.buffer.read()
        if "json" in sys.argv[1]:
            feed = json.loads(body)
            assert feed["version"] == "https://jsonfeed.org/version/1.1", feed.get("version")
            assert isinstance(feed["title"], str) and feed["feed_url"].startswith("http")
            print("json11")
            for item in feed["items"]:
                assert isinstance(item["id"], str) and isinstance(item["content_text"], str)
                for key in ("date_published", "date_modified"):
                    datetime.datetime.fromisoformat(item[key].replace("Z", "+00:00"))
                print(item["id"] + "|" + item["title"])
            sys.exit(0)
        feed = feedparser.parse(body, response_headers={"content-type": sys.argv[1]})
        if feed.bozo:
            print("bozo:", feed.bozo_exception); sys.exit(1)
        print(feed.version)
        for entry in feed.entries:
            assert entry.updated_parsed is not None
            print(entry.id + "|" + entry.title)
        """

    /// feedparser's entries of a response, told its Content-Type (how it tells JSON from XML).
    static func parsed(_ response: TestResponse) throws -> [String] {
        let body = response.body
        let tools = try run(repositoryRoot + "/scripts/site-test-tools", [], timeout: 300)
        try #require(tools.status == 0, "scripts/site-test-tools failed")
        let python = tools.output.trimmingCharacters(in: .whitespacesAndNewlines)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("feed-\(UUID().uuidString)")
        try Data(body).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try run(
            "/bin/sh", ["-c", "\"$0\" -c \"$1\" \"$3\" < \"$2\"", python, parse, file.path, response.header("Content-Type") ?? ""])
        try #require(result.status == 0, "feedparser: \(result.output)")
        return result.output.split(separator: "\n").map(String.init)
    }

    @Test func everyFeed_parses_withEveryUpdateAndWindow_newestFirst() throws {
        try withTestServer { server in
            let id = try server.openIncident(title: "Queue delays", message: "Jobs are slow")
            try server.manage("POST", demoManaged + "/incidents/\(id)/updates", #"{"description":"Draining the queue","status":"IDENTIFIED"}"#)
            for (path, type, version) in [
                ("/feed.atom", "application/atom+xml; charset=utf-8", "atom10"),
                ("/feed.rss", "application/rss+xml; charset=utf-8", "rss20"),
                ("/feed.json", "application/feed+json; charset=utf-8", "json11"),
            ] {
                let response = try server.send("GET", demoSite + path)
                #expect(response.status == 200)
                #expect(response.header("Content-Type") == type)
                let lines = try Self.parsed(response)
                #expect(lines.first == version, "\(path)")
                let entries = Array(lines.dropFirst())
                // 2 demo entries of 2021, the window (announced 2021), and 2 new ones.
                #expect(entries.count == 5, "\(path): \(entries)")
                #expect(entries.first?.hasSuffix("|Queue delays: Identified") == true, "\(path): \(entries)")
                #expect(entries.dropFirst().first?.hasSuffix("|Queue delays: Investigating") == true)
                #expect(entries.contains("urn:statusd:maintenance:a1b2c3d4:sm1b2c3d4|Scheduled maintenance: Database upgrade"))
                #expect(entries.allSatisfy { $0.hasPrefix("urn:statusd:update:a1b2c3d4:") || $0.hasPrefix("urn:statusd:maintenance:") })
                // The same ids on the next read.
                #expect(try Self.parsed(try server.send("GET", demoSite + path)) == lines)
            }
        }
    }

    @Test func aTitleWithMarkupAndControlCharacters_staysValidXML() throws {
        try withTestServer { server in
            _ = try server.openIncident(title: "<b>Bold</b> & \"quoted\"", message: "bell \u{07} here")
            for path in ["/feed.atom", "/feed.rss", "/feed.json"] {
                let lines = try Self.parsed(try server.send("GET", demoSite + path))
                #expect(lines.dropFirst().first?.hasSuffix("|<b>Bold</b> & \"quoted\": Investigating") == true, "\(path): \(lines)")
            }
        }
    }

    @Test func entityTagsAndDates_answer304() throws {
        try withTestServer { server in
            let feed = try server.send("GET", demoSite + "/feed.atom")
            let tag = try #require(feed.header("ETag"))
            let modified = try #require(feed.header("Last-Modified"))
            #expect(modified.hasSuffix(" GMT"))
            #expect(try server.send("GET", demoSite + "/feed.atom", headers: [("If-None-Match", tag)]).status == 304)
            #expect(try server.send("GET", demoSite + "/feed.atom", headers: [("If-None-Match", "\"other\"")]).status == 200)
            let since = try server.send("GET", demoSite + "/feed.atom", headers: [("If-Modified-Since", modified)])
            #expect(since.status == 304 && since.body.isEmpty)
            #expect(since.header("Last-Modified") == modified)
            #expect(try server.send("GET", demoSite + "/feed.atom", headers: [("If-Modified-Since", "Sat, 01 Jan 2000 00:00:00 GMT")]).status == 200)
            // A new update: a new tag, and the old one no longer matches.
            _ = try server.openIncident(title: "New", message: "Something")
            let fresh = try server.send("GET", demoSite + "/feed.atom", headers: [("If-None-Match", tag)])
            #expect(fresh.status == 200 && fresh.header("ETag") != tag)
        }
    }
}
