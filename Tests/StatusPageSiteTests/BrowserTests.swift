import Foundation
import StatusdTesting
import Testing

/// What a person sees, in a real headless Chromium (Debian's `chromium`, installed by
/// scripts/install-deps): the page's DOM after the browser has loaded it, script and all.
@Suite(.enabled(if: Chromium.path != nil, "chromium is not installed (scripts/install-deps installs it); browser test skipped"))
struct BrowserTests {
    @Test func theBrowserShows_theStatusLine_aComponent_andTheLatestUpdate() throws {
        try withTestServer { server in
            let id = try server.openIncident(title: "Login failures", message: "Investigating failed logins")
            try server.manage("POST", demoManaged + "/incidents/\(id)/updates", #"{"description":"A fix is rolling out","status":"MONITORING"}"#)
            let dom = try Chromium.dumpDOM("http://127.0.0.1:\(server.port)\(demoSite)")
            #expect(dom.contains("Major System Outage"))
            #expect(dom.contains(#"<span class="component-name">API</span>"#))
            #expect(dom.contains("Major outage"))
            #expect(dom.contains("A fix is rolling out"))
            #expect(dom.contains(#"class="relative""#), "the relative-time script ran under the CSP")
        }
    }

    @Test func theBrowserShows_thePasswordForm() throws {
        try withTestServer { server in
            try server.manage("PATCH", demoManaged, #"{"password": "open sesame"}"#)
            let dom = try Chromium.dumpDOM("http://127.0.0.1:\(server.port)\(demoSite)")
            #expect(dom.contains("Password required"))
            #expect(dom.contains(#"type="password""#))
            #expect(!dom.contains("Demo Status"))
        }
    }
}

enum Chromium {
    static let path = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// `chromium --headless --dump-dom URL`, quiet, with its own profile, bounded to a minute.
    static func dumpDOM(_ url: String) throws -> String {
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("chromium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        let result = try run(try #require(path), [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--disable-extensions", "--disable-background-networking", "--user-data-dir=\(profile.path)",
            "--virtual-time-budget=5000", "--timeout=30000", "--dump-dom", url,
        ], timeout: 60)
        try #require(result.status == 0, "chromium exited \(result.status)")
        return result.output
    }
}
