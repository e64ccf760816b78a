import Foundation
import StatusdTesting
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `statusd serve` as another project's test suite starts it: ephemeral, with fixtures, a still
/// clock, deterministic ids and the control API, from flags or from environment variables.
@Suite struct TestTargetCLITests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static var exampleFixtures: String { repository.appendingPathComponent("examples/fixtures.json").path }

    static func ephemeralFolders() -> Set<String> {
        let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        let names = (try? FileManager.default.contentsOfDirectory(atPath: base)) ?? []
        return Set(names.filter { $0.hasPrefix("statusd-ephemeral-") }.map { "\(base)/\($0)" })
    }

    @Test(arguments: [["--ephemeral"], ["--db", ":memory:"]])
    func anEphemeralDatabase_servesAndVanishesWithTheProcess(arguments: [String]) throws {
        try CLITests.withFolder { folder in
            let server = try ServerProcess(
                binary: try CLITests.binary(), databasePath: nil, arguments: arguments + ["--demo"],
                logFile: folder.appendingPathComponent("serve.log"))
            let mine = Self.ephemeralFolders().filter { $0.contains("-\(server.processIdentifier)-") }
            #expect(mine.count == 1)
            let summary = try server.client.send("GET", "/v1/status_pages/demo/summary")
            #expect(summary.status == 200)
            // Nothing lands in the working folder or as ./statusd.db.
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("statusd.db").path))
            server.send(signal: SIGTERM)
            #expect(server.waitForExit(seconds: 15)?.status == 0)
            #expect(mine.allSatisfy { !FileManager.default.fileExists(atPath: $0) })
        }
    }

    @Test func aFolderLeftByAKilledServer_isSweptByTheNextEphemeralStart() throws {
        try CLITests.withFolder { folder in
            let first = try ServerProcess(
                binary: try CLITests.binary(), databasePath: nil, arguments: ["--ephemeral"],
                logFile: folder.appendingPathComponent("first.log"))
            let left = Self.ephemeralFolders().filter { $0.contains("-\(first.processIdentifier)-") }
            first.send(signal: SIGKILL)
            _ = first.waitForExit(seconds: 15)
            #expect(left.count == 1 && left.allSatisfy { FileManager.default.fileExists(atPath: $0) })
            let second = try ServerProcess(
                binary: try CLITests.binary(), databasePath: nil, arguments: ["--ephemeral"],
                logFile: folder.appendingPathComponent("second.log"))
            #expect(left.allSatisfy { !FileManager.default.fileExists(atPath: $0) })
            second.send(signal: SIGTERM)
            #expect(second.waitForExit(seconds: 15)?.status == 0)
        }
    }

    @Test func theExampleFixtures_load_andEveryEnvironmentVariableWorks() throws {
        try CLITests.withFolder { folder in
            let server = try ServerProcess(
                binary: try CLITests.binary(), databasePath: nil,
                environment: [
                    "STATUSD_EPHEMERAL": "1", "STATUSD_FIXTURES": Self.exampleFixtures, "STATUSD_CLOCK": "2025-03-03T00:00:00Z",
                    "STATUSD_DETERMINISTIC_IDS": "true", "STATUSD_TEST_CONTROL": "yes", "STATUSD_DEMO": "1",
                ],
                logFile: folder.appendingPathComponent("serve.log"))
            let client = server.client
            let bearer = [("Authorization", "Bearer test-writer-token")]
            let incident = try client.send("GET", "/v1/status_pages/shop-status/incidents/checkout-errors", headers: bearer)
            #expect(incident.status == 200, "\(incident.text)")
            let result = (jsonObject(incident.body) as? [String: Any])?["result"] as? [String: Any]
            #expect(result?["status"] as? String == "MONITORING")
            // The demo is there too, and the writer token belongs to project shop alone.
            #expect(try client.send("GET", "/v1/status_pages/a1b2c3d4", headers: [("Authorization", "Bearer 123")]).status == 200)
            #expect(try client.send("GET", "/v1/status_pages/a1b2c3d4", headers: bearer).status == 404)
            let created = try client.send(
                "POST", "/v1/status_pages/shop-status/incidents", headers: bearer,
                body: #"{"title":"Search down","description":"Looking","status":"INVESTIGATING"}"#)
            let made = (jsonObject(created.body) as? [String: Any])?["result"] as? [String: Any]
            #expect(made?["id"] as? String == "00000000-0000-8000-8000-000000000001")
            #expect(made?["created_at"] as? String == "2025-03-03T00:00:00.000Z")
            let reset = try client.send("POST", "/_statusd/reset")
            #expect(reset.status == 200)
            #expect(reset.text.contains(#""fixtures":["demo","\#(Self.exampleFixtures)"]"#))
            server.send(signal: SIGTERM)
            #expect(server.waitForExit(seconds: 15)?.status == 0)
        }
    }

    @Test func refusals_areOneClearLine() throws {
        try CLITests.withFolder { folder in
            let remote = try CLITests.run(["serve", "--ephemeral", "--test-control", "--host", "0.0.0.0", "--port", "0"], in: folder)
            #expect(remote.status == 1)
            #expect(remote.stderr.hasPrefix("statusd: error: --test-control lets any client reset the database; on 0.0.0.0 without TLS it is refused."))

            try #"{"incidents":[{"id":"i","status_page_id":"nope","title":"T","status":"RESOLVED"}]}"#
                .write(to: folder.appendingPathComponent("bad.json"), atomically: true, encoding: .utf8)
            let bad = try CLITests.run(["serve", "--ephemeral", "--fixtures", "bad.json", "--port", "0"], in: folder)
            #expect(bad.status == 1)
            #expect(bad.stderr == "statusd: error: bad.json: incidents[0].status_page_id: no status page 'nope' (in the file or the database)\n")

            let missing = try CLITests.run(["serve", "--ephemeral", "--fixtures", "none.json", "--port", "0"], in: folder)
            #expect(missing.status == 1 && missing.stderr.hasPrefix("statusd: error: cannot read none.json"))

            let clock = try CLITests.run(["serve", "--clock", "tomorrow"], in: folder)
            #expect(clock.status != 0 && clock.stderr.contains("--clock must be a UTC time like 2021-01-01T00:00:00Z"))

            let flag = try CLITests.run(["serve", "--ephemeral", "--port", "0"], in: folder,
                                        environment: ["STATUSD_TEST_CONTROL": "maybe"])
            #expect(flag.status == 1 && flag.stderr == "statusd: error: STATUSD_TEST_CONTROL must be 1/true/yes or 0/false/no, got 'maybe'\n")

            let memory = try CLITests.run(["migrate", "--db", ":memory:"], in: folder)
            #expect(memory.status == 1 && memory.stderr.contains("--db :memory: is for `statusd serve`"))
            // None of these left a database behind.
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("statusd.db").path))
        }
    }
}
