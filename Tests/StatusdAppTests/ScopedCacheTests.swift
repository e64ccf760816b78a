import Foundation
import StatusdCore
import StatusdStore
import StatusdTesting
import Testing

/// Cached answers are scoped to the page they show: a write to one page, by any writer (either
/// shape, a second process on the file, the CLI executable), shows on the very next read of that
/// page and leaves every other page's cached answers in place. The demo has two pages: the
/// OnlineOrNot seed's `a1b2c3d4` (subdomain `demo`) and the UptimeIO seed's page.
@Suite struct ScopedCacheTests {
    static let writtenPage = "a1b2c3d4"
    static let writtenIncidents = "/v1/status_pages/\(writtenPage)/incidents"
    static let writtenComponents = "/v1/status_pages/\(writtenPage)/components"
    static let writtenSummary = "/v1/status_pages/demo/summary"
    /// The UptimeIO seed's page, never written in these tests.
    static let otherProject = "660e8400-e29b-41d4-a716-446655440001"
    static let otherPage = "550e8400-e29b-41d4-a716-446655440000"
    static let otherIncident = "/api/projects/\(otherProject)/status-pages/\(otherPage)/incidents/990e8400-e29b-41d4-a716-446655440050"
    static let otherSummary = "/v1/status_pages/acme/summary"

    func oon(_ server: TestServer, _ method: String, _ path: String, body: String? = nil) throws -> TestResponse {
        var headers = [("Authorization", "Bearer 123")]
        if body != nil { headers.append(("Content-Type", "application/json")) }
        return try server.send(method, path, headers: headers, body: body)
    }

    func uio(_ server: TestServer, _ method: String, _ path: String, body: String? = nil) throws -> TestResponse {
        var headers = [("X-API-Key", "YOUR_API_KEY")]
        if body != nil { headers.append(("Content-Type", "application/json")) }
        return try server.send(method, path, headers: headers, body: body)
    }

    /// The other page's answers, read once to fill the cache; afterwards `expectStillCached`
    /// checks that each is a hit with the same bytes.
    struct OtherPage {
        let incident: TestResponse
        let summary: TestResponse
    }

    func fill(_ server: TestServer) throws -> OtherPage {
        let page = OtherPage(incident: try uio(server, "GET", Self.otherIncident), summary: try server.send("GET", Self.otherSummary))
        #expect(page.incident.status == 200 && page.summary.status == 200, "\(page.summary.text)")
        return page
    }

    func expectStillCached(_ server: TestServer, _ page: OtherPage, after writer: String) throws {
        let before = try server.cacheHits()
        #expect(try uio(server, "GET", Self.otherIncident).body == page.incident.body, "after \(writer)")
        #expect(try server.send("GET", Self.otherSummary).body == page.summary.body, "after \(writer)")
        #expect(try server.cacheHits() == before + 2, "the other page's answers were dropped by \(writer)")
    }

    /// Reads `path` twice (the second from the cache), so that the next read after a write would
    /// be stale if the write were missed.
    func warm(_ read: () throws -> TestResponse) throws {
        #expect(try read().status == 200)
        #expect(try read().status == 200)
    }

    @Test func everyWriterShowsOnTheNextReadOfItsPageAndSparesTheOtherPage() throws {
        try withTestServer(demo: true) { server in
            let other = try fill(server)
            let incidents = { try self.oon(server, "GET", Self.writtenIncidents) }
            let components = { try self.oon(server, "GET", Self.writtenComponents) }

            try warm(incidents)
            let created = try oon(server, "POST", Self.writtenIncidents, body: #"{"title":"Written through OnlineOrNot","description":"d","status":"INVESTIGATING"}"#)
            #expect(created.status == 200, "\(created.text)")
            #expect(try incidents().text.contains("Written through OnlineOrNot"))
            try expectStillCached(server, other, after: "an OnlineOrNot write")

            try warm(incidents)
            let uptimeIO = try uio(
                server, "POST", "/api/projects/default/status-pages/\(Self.writtenPage)/incidents",
                body: #"{"title":"Written through UptimeIO","message":"m","severity":"minor","affected_monitor_ids":["property1"]}"#)
            #expect(uptimeIO.status == 201, "\(uptimeIO.text)")
            #expect(try incidents().text.contains("Written through UptimeIO"))
            try expectStillCached(server, other, after: "an UptimeIO write")

            try warm(components)
            let second = try server.openAnotherStore()
            _ = try second.createComponent(
                id: nil, statusPageId: Self.writtenPage, name: "Made by a second store", description: nil, statusOverride: nil)
            #expect(try components().text.contains("Made by a second store"))
            try expectStillCached(server, other, after: "a second store on the file")

            try warm(components)
            let run = try CLITests.run(
                ["component", "create", "--page", Self.writtenPage, "--name", "Made by the CLI", "--db", server.database],
                in: URL(fileURLWithPath: NSTemporaryDirectory()))
            #expect(run.status == 0, "\(run.stderr)")
            #expect(try components().text.contains("Made by the CLI"))
            try expectStillCached(server, other, after: "the CLI executable")
            server.store.waitForLastUsedWrites()
        }
    }

    @Test func thePublicSummaryIsCachedUnderItsPage() throws {
        try withTestServer(demo: true) { server in
            let summary = { try server.send("GET", Self.writtenSummary) }
            let first = try summary()
            #expect(first.status == 200)
            let before = try server.cacheHits()
            #expect(try summary().body == first.body)
            #expect(try server.cacheHits() == before + 1)
            let changed = try oon(server, "POST", Self.writtenComponents, body: #"{"name":"Shown at once"}"#)
            #expect(changed.status == 201 || changed.status == 200, "\(changed.text)")
            #expect(try summary().text.contains("Shown at once"))
            server.store.waitForLastUsedWrites()
        }
    }

    /// The password is checked for every request: a protected page's summary is never reused, and a
    /// request without the password never gets what another request with it was shown.
    @Test func aProtectedSummaryIsNeverReused() throws {
        try withTestServer(demo: true) { server in
            let set = try oon(server, "PATCH", "/v1/status_pages/\(Self.writtenPage)", body: #"{"password":"open sesame"}"#)
            #expect(set.status == 200, "\(set.text)")
            let basic = "Basic " + Data(":open sesame".utf8).base64EncodedString()
            let withPassword = { try server.send("GET", Self.writtenSummary, headers: [("Authorization", basic)]) }
            #expect(try withPassword().status == 200)
            let before = try server.cacheHits()
            #expect(try withPassword().status == 200)
            #expect(try server.cacheHits() == before)
            #expect(try server.send("GET", Self.writtenSummary).status == 401)
            server.store.waitForLastUsedWrites()
        }
    }

    /// A page restricted to addresses that do not include the test client's: 404, also after the
    /// unrestricted answer was cached (the restriction is a write to the page).
    @Test func anAddressRestrictionTakesEffectOverACachedSummary() throws {
        try withTestServer(demo: true) { server in
            try warm { try server.send("GET", Self.writtenSummary) }
            let restricted = try oon(server, "PATCH", "/v1/status_pages/\(Self.writtenPage)", body: #"{"allowed_ips":["10.0.0.0/8"]}"#)
            #expect(restricted.status == 200, "\(restricted.text)")
            #expect(try server.send("GET", Self.writtenSummary).status == 404)
            let opened = try oon(server, "PATCH", "/v1/status_pages/\(Self.writtenPage)", body: #"{"allowed_ips":["127.0.0.1"]}"#)
            #expect(opened.status == 200)
            try warm { try server.send("GET", Self.writtenSummary) }
            server.store.waitForLastUsedWrites()
        }
    }

    /// An answer found under another spelling of the page id also depends on no page having the
    /// spelling asked for: a page made later under exactly that spelling shows at once.
    @Test func aPageMadeUnderTheSpellingAskedForShowsAtOnce() throws {
        try withTestServer(demo: true) { server in
            let upper = Self.otherPage.uppercased()
            let read = { try self.oon(server, "GET", "/v1/status_pages/\(upper)") }
            try warm(read)
            #expect(try read().text.contains(#""id":"\#(Self.otherPage)""#))
            _ = try server.store.createStatusPage(
                id: upper, projectId: Store.defaultProjectId, name: "Upper", subdomain: nil, description: nil)
            let after = try read()
            #expect(after.text.contains(#""name":"Upper""#), "\(after.text)")
            server.store.waitForLastUsedWrites()
        }
    }
}
