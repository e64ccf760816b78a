import COpenSSL
import Foundation
import InMemoryLogging
import Logging
import OnlineOrNotAPI
import StatusdApp
import StatusdCore
import StatusdOutbox
import StatusdStore
import StatusdTesting
import Testing

/// Webhook delivery end to end, over real sockets: a receiver on loopback that fails, stalls past
/// the timeout, then succeeds (signature, retries and their spacing, the delivery log); exactly
/// the matching events and pages, through both API shapes; maintenance time events once per
/// window, whichever store on the file runs the pass.
@Suite(.serialized) struct WebhookDeliveryTests {
    /// Short timings: first retry after 0.3 s, then 0.6 s…; a 0.5 s timeout; looks every 50 ms.
    static let fast = WebhookSenderOptions(
        retryBase: .milliseconds(300), retryCap: .seconds(5), giveUpAfter: .seconds(60), timeout: .milliseconds(500),
        pollInterval: .milliseconds(50))

    static var options: ServeOptions {
        var options = ServeOptions(host: "127.0.0.1", port: 0)
        options.webhooks = fast
        return options
    }

    static let page = "a1b2c3d4"

    /// Creates a webhook through the API; returns its id and secret.
    static func createWebhook(
        _ server: TestServer, url: String, events: [String], pages: [String]? = nil, token: String = "123"
    ) throws -> (id: String, secret: String) {
        let list = events.map { "\"\($0)\"" }.joined(separator: ",")
        let pageList = pages.map { #","status_page_ids":[\#($0.map { "\"\($0)\"" }.joined(separator: ","))]"# } ?? ""
        let response = try server.send(
            "POST", "/v1/webhooks", headers: [("Authorization", "Bearer \(token)"), ("Content-Type", "application/json")],
            body: #"{"url":"\#(url)","events":[\#(list)]\#(pageList)}"#)
        try #require(response.status == 201, "\(response.text)")
        let result = try #require((jsonObject(response.body) as? [String: Any])?["result"] as? [String: Any])
        return (try #require(result["id"] as? String), try #require(result["secret"] as? String))
    }

    static func body(_ request: WebhookReceiver.Request) -> [String: Any] {
        jsonObject(request.body) as? [String: Any] ?? [:]
    }

    /// `v1=` and the hex HMAC-SHA256 of "<timestamp>.<body>", computed here with libcrypto's HMAC.
    static func expectedSignature(secret: String, timestamp: String, body: [UInt8]) -> String {
        let key = Array(secret.utf8)
        let message = Array("\(timestamp).".utf8) + body
        var digest = [UInt8](repeating: 0, count: 64)
        var length: UInt32 = 0
        _ = HMAC(EVP_sha256(), key, Int32(key.count), message, message.count, &digest, &length)
        return "v1=" + digest.prefix(Int(length)).map { String(format: "%02x", $0) }.joined()
    }

    @Test func failsThenStallsThenSucceeds_signedEveryTime_backingOff_andLogged() throws {
        try eachBackend { backend in
            let receiver = try WebhookReceiver(script: [.status(500), .stall(seconds: 1.5), .status(200)])
            defer { receiver.stop() }
            try withTestServer(on: backend, options: Self.options) { server in
                let (webhookId, secret) = try Self.createWebhook(
                    server, url: receiver.url, events: ["status_page.incident.started"], pages: [Self.page])
                let incident = try server.send(
                    "POST", "/v1/status_pages/\(Self.page)/incidents",
                    headers: [("Authorization", "Bearer 123"), ("Content-Type", "application/json")],
                    body: #"{"title":"Checkout down","description":"Looking into it","status":"INVESTIGATING"}"#)
                try #require(incident.status == 200)
                let incidentId = try #require(((jsonObject(incident.body) as? [String: Any])?["result"] as? [String: Any])?["id"] as? String)

                let requests = receiver.waitForRequests(3, seconds: 15)
                try #require(requests.count == 3, "\(requests.count) requests")
                let deliveryId = try #require(requests[0].header("X-Statusd-Delivery"))
                for request in requests {
                    #expect(request.requestLine == "POST /hook HTTP/1.1")
                    #expect(request.header("Content-Type") == "application/json")
                    #expect(request.header("User-Agent") == "statusd/\(StatusdVersion.current)")
                    #expect(request.header("X-Statusd-Event") == "status_page.incident.started")
                    #expect(request.header("X-Statusd-Delivery") == deliveryId)
                    let timestamp = try #require(request.header("X-Statusd-Timestamp"))
                    #expect(abs((Double(timestamp) ?? 0) - Date().timeIntervalSince1970) < 60)
                    #expect(request.header("X-Statusd-Signature") == Self.expectedSignature(
                        secret: secret, timestamp: timestamp, body: request.body))
                    #expect(request.body == requests[0].body, "every attempt sends the same body")
                }
                let payload = Self.body(requests[0])
                #expect(payload["event"] as? String == "status_page.incident.started")
                #expect(payload["status_page_id"] as? String == Self.page)
                let createdAt = try #require(payload["created_at"] as? String)
                #expect(createdAt.count == 24 && createdAt.hasSuffix("Z") && Timestamp(iso8601: createdAt) != nil, "\(createdAt)")
                let shown = try #require(payload["incident"] as? [String: Any])
                #expect(shown["id"] as? String == incidentId)
                #expect(shown["title"] as? String == "Checkout down")
                #expect(shown["status"] as? String == "INVESTIGATING")
                #expect((shown["updates"] as? [[String: Any]])?.first?["description"] as? String == "Looking into it")

                // After the 500: the base (0.3 s, less up to a quarter); after the stall: the 0.5 s
                // timeout, then twice the base (0.6 s, less up to a quarter). Polling adds at most ~50 ms.
                let first = requests[1].arrivedAt - requests[0].arrivedAt
                let second = requests[2].arrivedAt - requests[1].arrivedAt
                #expect(first >= 0.22 && first < 1.3, "\(first)")
                #expect(second >= 0.5 + 0.45 && second < 2.6, "\(second)")

                let log = try Self.waitForLog(server, webhookId) { $0.first?["status"] as? String == "DELIVERED" }
                try #require(log.count == 1, "\(log)")
                #expect(log[0]["id"] as? String == deliveryId)
                #expect(log[0]["event"] as? String == "status_page.incident.started")
                #expect(log[0]["status_page_id"] as? String == Self.page)
                #expect(log[0]["attempts"] as? Int == 3)
                #expect(log[0]["last_status_code"] as? Int == 200)
                #expect(log[0]["last_error"] is NSNull)
                #expect(log[0]["next_attempt_at"] is NSNull)
                #expect(log[0]["delivered_at"] is String)
                usleep(400_000)
                #expect(receiver.requests.count == 3, "nothing more once delivered")
            }
        }
    }

    /// The log while it changes: a failure shows its status code and the next attempt's time.
    @Test func theLogShowsAFailingDeliveryWithItsNextAttempt() throws {
        try eachBackend { backend in
            let receiver = try WebhookReceiver(script: Array(repeating: .status(503), count: 50))
            defer { receiver.stop() }
            var options = Self.options
            options.webhooks?.retryBase = .seconds(30)
            options.webhooks?.retryCap = .seconds(60)
            try withTestServer(on: backend, options: options) { server in
                let (webhookId, _) = try Self.createWebhook(server, url: receiver.url, events: ["status_page.incident.started"])
                _ = try server.send(
                    "POST", "/v1/status_pages/\(Self.page)/incidents",
                    headers: [("Authorization", "Bearer 123"), ("Content-Type", "application/json")],
                    body: #"{"title":"Down","description":"Looking","status":"INVESTIGATING"}"#)
                let log = try Self.waitForLog(server, webhookId) { $0.first?["last_status_code"] as? Int == 503 }
                #expect(log.first?["status"] as? String == "PENDING")
                #expect(log.first?["attempts"] as? Int == 1)
                #expect(log.first?["last_error"] as? String == "HTTP 503")
                let next = try #require((log.first?["next_attempt_at"] as? String).flatMap { Timestamp(iso8601: $0) })
                let wait = Double(next.millisecondsSince1970) / 1000 - Date().timeIntervalSince1970
                #expect(wait > 15 && wait <= 31, "\(wait)")
                #expect(receiver.requests.count == 1)
            }
        }
    }

    /// The sender starts with one worker and adds the others on its first delivery: three deliveries
    /// to a receiver that takes 1.5 s over each are in flight together, not one after another.
    @Test func deliveriesRunInParallelOnceTheFirstIsClaimed() throws {
        let receiver = try WebhookReceiver(script: Array(repeating: .stall(seconds: 1.5), count: 3))
        defer { receiver.stop() }
        var options = Self.options
        options.webhooks?.concurrency = 3
        options.webhooks?.timeout = .seconds(5)
        options.webhooks?.retryBase = .seconds(30)
        try withTestServer(options: options) { server in
            for _ in 0..<3 {
                _ = try Self.createWebhook(server, url: receiver.url, events: ["status_page.incident.started"])
            }
            _ = try server.send(
                "POST", "/v1/status_pages/\(Self.page)/incidents",
                headers: [("Authorization", "Bearer 123"), ("Content-Type", "application/json")],
                body: #"{"title":"Down","description":"Looking","status":"INVESTIGATING"}"#)
            let requests = receiver.waitForRequests(3, seconds: 10)
            try #require(requests.count == 3, "\(requests.count) requests")
            let arrivals = requests.map(\.arrivedAt)
            // One worker would take them 1.5 s apart.
            #expect(arrivals.max()! - arrivals.min()! < 1.0, "\(arrivals)")
        }
    }

    /// Each webhook gets exactly the events it asked for, on the pages it follows, whichever shape
    /// wrote the incident; a project's webhook never gets another project's incident. A timeline
    /// entry that also changes components is one `updated`, not two.
    @Test func exactlyTheMatchingEventsAndPagesThroughBothShapes() throws {
        try eachBackend { backend in
            let resolvedOnDemo = try WebhookReceiver()
            let startedAndUpdatedEverywhere = try WebhookReceiver()
            let acmeOnly = try WebhookReceiver()
            defer { [resolvedOnDemo, startedAndUpdatedEverywhere, acmeOnly].forEach { $0.stop() } }
            try withTestServer(on: backend, options: Self.options) { server in
                _ = try server.store.createProject(id: "acme", name: "Acme")
                _ = try server.store.createStatusPage(
                    id: "acme-page", projectId: "acme", name: "Acme", subdomain: "acme-webhooks", description: nil)
                _ = try server.store.createCredential(name: "acme", projectId: "acme", readOnly: false, secret: "acme")
                _ = try Self.createWebhook(
                    server, url: resolvedOnDemo.url, events: ["status_page.incident.resolved"], pages: [Self.page])
                _ = try Self.createWebhook(
                    server, url: startedAndUpdatedEverywhere.url,
                    events: ["status_page.incident.started", "status_page.incident.updated"])
                _ = try Self.createWebhook(
                    server, url: acmeOnly.url, events: WebhookEvent.allCases.map(\.rawValue), token: "acme")

                let oon = [("Authorization", "Bearer 123"), ("Content-Type", "application/json")]
                let demo = "/v1/status_pages/\(Self.page)/incidents"
                let created = try server.send("POST", demo, headers: oon, body: Shape.onlineOrNot.createBody(title: "One"))
                let id = try #require(Shape.onlineOrNot.incident(in: created)?["id"] as? String)
                #expect(try server.send("POST", "\(demo)/\(id)/updates", headers: oon,
                                        body: #"{"status":"IDENTIFIED","description":"Found it","components_affected":{"property1":"MAJOR_OUTAGE"}}"#).status == 201)
                #expect(try server.send("PATCH", "\(demo)/\(id)", headers: oon, body: #"{"status":"RESOLVED"}"#).status == 200)

                let uptime = [Shape.uptimeIO.authorization, ("Content-Type", "application/json")]
                let otherPage = Shape.uptimeIO.incidentsPath(onPageOf: .uptimeIO)
                let other = try server.send("POST", otherPage, headers: uptime, body: Shape.uptimeIO.createBody(title: "Two"))
                let otherId = try #require(Shape.uptimeIO.incident(in: other)?["id"] as? String)
                #expect(try server.send("POST", "\(otherPage)/\(otherId)/resolve", headers: uptime,
                                        body: #"{"message":"Fixed"}"#).status == 200)
                let acme = try server.send(
                    "POST", "/v1/status_pages/acme-page/incidents",
                    headers: [("Authorization", "Bearer acme"), ("Content-Type", "application/json")],
                    body: Shape.onlineOrNot.createBody(title: "Acme's"))
                #expect(acme.status == 200, "\(acme.text)")

                func seen(_ receiver: WebhookReceiver, _ count: Int) -> [String] {
                    receiver.waitForRequests(count, seconds: 10).map {
                        "\(Self.body($0)["event"] as? String ?? "?") \(Self.body($0)["status_page_id"] as? String ?? "?")"
                    }
                }
                // The all-projects credential's webhook follows acme's page too.
                let everywhere = seen(startedAndUpdatedEverywhere, 4)
                #expect(Set(everywhere) == [
                    "status_page.incident.started a1b2c3d4", "status_page.incident.updated a1b2c3d4",
                    "status_page.incident.started \(Shape.uptimeIOPage)", "status_page.incident.started acme-page",
                ] && everywhere.count == 4, "\(everywhere)")
                #expect(seen(resolvedOnDemo, 1) == ["status_page.incident.resolved a1b2c3d4"])
                #expect(seen(acmeOnly, 1) == ["status_page.incident.started acme-page"])
                usleep(500_000)
                #expect(startedAndUpdatedEverywhere.requests.count == 4)
                #expect(resolvedOnDemo.requests.count == 1)
                #expect(acmeOnly.requests.count == 1)
            }
        }
    }

    /// A window that has begun enqueues `maintenance.started`, one that has ended `ended`, each
    /// once: a second store on the same file (another process) finds them recorded.
    @Test func maintenanceWindowsAreAnnouncedOncePerWindow() throws {
        try eachBackend { backend in
            let receiver = try WebhookReceiver()
            defer { receiver.stop() }
            try withTestServer(on: backend, options: Self.options) { server in
                _ = try Self.createWebhook(
                    server, url: receiver.url, events: ["status_page.maintenance.started", "status_page.maintenance.ended"])
                let now = Date().timeIntervalSince1970
                for (title, startedSecondsAgo) in [("Open", 1.0), ("Over", 61.0)] {
                    _ = try server.store.createScheduledMaintenance(
                        NewScheduledMaintenance(
                            title: title, description: "Planned", startsAt: Timestamp(millisecondsSince1970: Int64((now - startedSecondsAgo) * 1000)),
                            durationMinutes: 1, componentIds: []),
                        statusPageId: Self.page)
                }
                let requests = receiver.waitForRequests(2, seconds: 10)
                let seen = Set(requests.map {
                    "\(Self.body($0)["event"] as? String ?? "?") \((Self.body($0)["maintenance"] as? [String: Any])?["title"] as? String ?? "?")"
                })
                #expect(seen == ["status_page.maintenance.started Open", "status_page.maintenance.ended Over"], "\(seen)")
                let open = requests.first { $0.header("X-Statusd-Event") == "status_page.maintenance.started" }
                #expect((open.map(Self.body)?["maintenance"] as? [String: Any])?["status"] as? String == "IN_PROGRESS")

                let second = try server.openAnotherStore()
                second.writeEventPayloads(with: WebhookPayloadWriter())
                #expect(try second.enqueueMaintenanceEvents(horizonMilliseconds: 86_400_000) == 0)
                usleep(300_000)
                #expect(receiver.requests.count == 2)
            }
        }
    }

    /// Every attempt is logged with the webhook, delivery and outcome; the secret and the URL
    /// (which may carry a token) never are.
    @Test func attemptsAreLoggedWithoutTheSecretOrTheURL() throws {
        try eachBackend { backend in
            let receiver = try WebhookReceiver(script: [.status(500)])
            defer { receiver.stop() }
            let logs = InMemoryLogHandler()
            var options = Self.options
            options.logger = Logger(label: "test") { _ in logs }
            try withTestServer(on: backend, options: options) { server in
                let url = receiver.url + "?token=query-secret-42"
                let (webhookId, secret) = try Self.createWebhook(server, url: url, events: ["status_page.incident.started"])
                _ = try server.send(
                    "POST", "/v1/status_pages/\(Self.page)/incidents",
                    headers: [("Authorization", "Bearer 123"), ("Content-Type", "application/json")],
                    body: #"{"title":"Logged","description":"Looking","status":"INVESTIGATING"}"#)
                _ = try Self.waitForLog(server, webhookId) { $0.first?["status"] as? String == "DELIVERED" }
                let lines = logs.entries.filter { $0.message.description.hasPrefix("webhook") }
                #expect(lines.map(\.message.description) == ["webhook attempt failed", "webhook delivered"])
                #expect(lines.allSatisfy { $0.metadata["webhook_id"]?.description == webhookId })
                let everything = logs.entries.map { "\($0.message) \($0.metadata)" }.joined(separator: "\n")
                #expect(!everything.contains(secret))
                #expect(!everything.contains(String(secret.dropFirst("whsec_".count))))
                #expect(!everything.contains("query-secret-42"))
            }
        }
    }

    static func waitForLog(
        _ server: TestServer, _ webhookId: String, until done: ([[String: Any]]) -> Bool
    ) throws -> [[String: Any]] {
        let deadline = Date().addingTimeInterval(10)
        var log: [[String: Any]] = []
        repeat {
            let response = try server.send("GET", "/v1/webhooks/\(webhookId)/deliveries", headers: [("Authorization", "Bearer 123")])
            log = (jsonObject(response.body) as? [String: Any])?["result"] as? [[String: Any]] ?? []
            if done(log) { return log }
            usleep(20_000)
        } while Date() < deadline
        return log
    }
}
