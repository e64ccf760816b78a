import Foundation
import StatusdTesting
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A `kill -9` between the commit that enqueues a delivery and its delivery loses nothing: the
/// restarted server on the same file delivers it, once.
@Suite(.serialized) struct WebhookCrashTests {
    static let fastSender = [
        "--webhook-retry-base", "0.3", "--webhook-timeout", "0.5", "--webhook-poll-interval", "0.05",
    ]

    /// The `--webhook-*` timings take seconds (fractions allowed); anything else is refused with the flag named.
    @Test func webhookFlagsRefuseNonsense() throws {
        try CLITests.withFolder { folder in
            for (flag, value) in [("--webhook-retry-base", "0"), ("--webhook-timeout", "-1"), ("--webhook-poll-interval", "soon")] {
                let run = try CLITests.run(["serve", "--port", "0", flag, value], in: folder)
                #expect(run.status != 0, "\(flag) \(value)")
                #expect(run.stderr.contains(flag), "\(run.stderr)")
            }
        }
    }

    @Test func killNineWhileTheReceiverIsDown_theRestartedServerDeliversOnce() throws {
        let binary = try CLITests.binary()
        try CLITests.withFolder { folder in
            let database = folder.appendingPathComponent("statusd.db").path
            // A free port nobody listens on yet: the receiver is down.
            let probe = try WebhookReceiver()
            let port = probe.port
            probe.stop()

            var server = try ServerProcess(
                binary: binary, databasePath: database, arguments: ["--demo"] + Self.fastSender,
                logFile: folder.appendingPathComponent("first.log"))
            let client = server.client
            let auth = [("Authorization", "Bearer 123")]
            let created = try client.send(
                "POST", "/v1/webhooks", headers: auth,
                body: #"{"url":"http://127.0.0.1:\#(port)/hook","events":["status_page.incident.started"]}"#)
            try #require(created.status == 201, "\(created.text)")
            let webhookId = try #require(((jsonObject(created.body) as? [String: Any])?["result"] as? [String: Any])?["id"] as? String)
            let incident = try client.send(
                "POST", "/v1/status_pages/a1b2c3d4/incidents", headers: auth,
                body: #"{"title":"Crash","description":"Looking into it","status":"INVESTIGATING"}"#)
            try #require(incident.status == 200, "\(incident.text)")
            let incidentId = try #require(((jsonObject(incident.body) as? [String: Any])?["result"] as? [String: Any])?["id"] as? String)
            // Let the sender try (and fail: connection refused) at least once, then crash it.
            usleep(200_000)
            server.send(signal: SIGKILL)
            #expect(server.waitForExit(seconds: 10)?.endedBySignal == true)

            let receiver = try WebhookReceiver(port: port)
            defer { receiver.stop() }
            server = try ServerProcess(
                binary: binary, databasePath: database, arguments: Self.fastSender,
                logFile: folder.appendingPathComponent("second.log"))
            let requests = receiver.waitForRequests(1, seconds: 20)
            try #require(requests.count == 1, "no delivery after the restart")
            let body = jsonObject(requests[0].body) as? [String: Any]
            #expect(body?["event"] as? String == "status_page.incident.started")
            #expect((body?["incident"] as? [String: Any])?["id"] as? String == incidentId)

            // Delivered once: nothing more comes, and the log says so.
            usleep(1_000_000)
            #expect(receiver.requests.count == 1)
            let log = try server.client.send("GET", "/v1/webhooks/\(webhookId)/deliveries", headers: auth)
            let entries = (jsonObject(log.body) as? [String: Any])?["result"] as? [[String: Any]] ?? []
            #expect(entries.count == 1, "\(log.text)")
            #expect(entries.first?["status"] as? String == "DELIVERED", "\(log.text)")
            #expect((entries.first?["attempts"] as? Int ?? 0) >= 1, "\(log.text)")
            #expect(entries.first?["last_status_code"] as? Int == 200)
            server.send(signal: SIGTERM)
            _ = server.waitForExit(seconds: 10)
        }
    }
}
