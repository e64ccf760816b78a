import Foundation
import InMemoryLogging
import Logging
import StatusdApp
import StatusdOutbox
import StatusdTesting
import Testing

/// Subscriber mail end to end, over real sockets, into a real SMTP server (aiosmtpd) on loopback:
/// the confirmation mail and its link, incident mail to confirmed subscribers only, unsubscribe
/// through the mail's link, a server that is down and then up, STARTTLS with AUTH.
@Suite(.serialized) struct MailDeliveryTests {
    static let page = "/v1/status_pages/a1b2c3d4"

    static func options(smtp: String, logs: InMemoryLogHandler? = nil) -> ServeOptions {
        var options = ServeOptions(host: "127.0.0.1", port: 0)
        options.webhooks = WebhookSenderOptions(
            retryBase: .milliseconds(200), retryCap: .seconds(2), giveUpAfter: .seconds(60), timeout: .seconds(2),
            pollInterval: .milliseconds(50))
        options.smtp = try? SMTPURL.parse(smtp).get()
        options.smtpFrom = "status@example.net"
        if let logs { options.logger = Logger(label: "test") { _ in logs } }
        return options
    }

    static func subscribe(_ server: TestServer, _ address: String) throws -> String {
        let created = try server.send(
            "POST", page + "/subscribers", headers: [("Authorization", "Bearer 123"), ("Content-Type", "application/json")],
            body: #"{"email_address":"\#(address)"}"#)
        try #require(created.status == 201, "\(created.text)")
        return try #require(((jsonObject(created.body) as? [String: Any])?["result"] as? [String: Any])?["id"] as? String)
    }

    static func createIncident(_ server: TestServer, title: String, description: String) throws -> String {
        let created = try server.send(
            "POST", page + "/incidents", headers: [("Authorization", "Bearer 123"), ("Content-Type", "application/json")],
            body: #"{"title":"\#(title)","description":"\#(description)","status":"INVESTIGATING"}"#)
        try #require(created.status == 201 || created.status == 200, "\(created.text)")
        return try #require(((jsonObject(created.body) as? [String: Any])?["result"] as? [String: Any])?["id"] as? String)
    }

    /// The page's subscribers as (address, confirmed).
    static func subscribers(_ server: TestServer) throws -> [String: Bool] {
        let list = try server.send("GET", page + "/subscribers?per_page=100", headers: [("Authorization", "Bearer 123")])
        let results = (jsonObject(list.body) as? [String: Any])?["result"] as? [[String: Any]] ?? []
        var out: [String: Bool] = [:]
        for item in results { out[item["email_address"] as? String ?? ""] = item["confirmed"] as? Bool }
        return out
    }

    @Test func confirmThenIncidentMailToConfirmedOnly_thenUnsubscribeStopsIt() throws {
        try eachBackend { backend in
            let sink = try SMTPSink()
            defer { sink.stop() }
            try withTestServer(on: backend, options: Self.options(smtp: "smtp://127.0.0.1:\(sink.port)")) { server in
                _ = try Self.subscribe(server, "alice@example.org")
                let confirmation = try #require(sink.waitFor(1).first)
                #expect(confirmation.recipients == ["alice@example.org"])
                #expect(confirmation.mailFrom == "status@example.net")
                #expect(confirmation.header("Subject")?.hasPrefix("Confirm your subscription") == true)
                #expect(confirmation.header("Content-Type") == "text/plain; charset=utf-8")
                #expect(confirmation.header("Message-ID")?.hasSuffix("@example.net>") == true)
                _ = try Self.subscribe(server, "bob@example.org")  // never confirms
                #expect(sink.waitFor(2).count == 2)

                let confirm = try #require(confirmation.link(containing: "/subscribers/confirm"))
                #expect(confirm.hasPrefix("/status/"))
                #expect(try Self.subscribers(server)["alice@example.org"] == false)
                let confirmed = try server.send("GET", confirm)
                #expect(confirmed.status == 200)
                #expect(confirmed.text.contains("Subscription confirmed"))
                #expect(try Self.subscribers(server) == ["alice@example.org": true, "bob@example.org": false, "user@example.com": false])
                let forged = try server.send("GET", confirm.replacingOccurrences(of: "token=", with: "token=00"))
                #expect(forged.status == 404)

                _ = try Self.createIncident(server, title: "Checkout errors", description: "Payments fail for some cards")
                let update = try #require(sink.waitFor(3).last)
                #expect(sink.messages.count == 3)
                #expect(update.recipients == ["alice@example.org"])
                #expect(update.header("Subject")?.contains("Checkout errors: Investigating") == true)
                #expect(update.text.contains("Payments fail for some cards"))
                #expect(update.header("List-Unsubscribe-Post") == "List-Unsubscribe=One-Click")
                let unsubscribe = try #require(update.link(containing: "/unsubscribe"))
                #expect(update.header("List-Unsubscribe")?.contains(unsubscribe) == true)

                // A GET only asks (mail scanners open links); the POST removes.
                let form = try server.send("GET", unsubscribe)
                #expect(form.status == 200)
                #expect(form.text.contains("<button type=\"submit\">Unsubscribe</button>"))
                #expect(try Self.subscribers(server)["alice@example.org"] == true)
                let done = try server.send(
                    "POST", unsubscribe, headers: [("Content-Type", "application/x-www-form-urlencoded")],
                    body: "List-Unsubscribe=One-Click")
                #expect(done.status == 200)
                #expect(done.text.contains("Unsubscribed"))
                #expect(try Self.subscribers(server) == ["bob@example.org": false, "user@example.com": false])
                // The audit log names the subscriber's link, not a credential, for both changes (and never the token).
                let audit = try server.send(
                    "GET", "/v1/audit_logs?resource_type=subscriber", headers: [("Authorization", "Bearer 123")])
                let entries = (jsonObject(audit.body) as? [String: Any])?["result"] as? [[String: Any]] ?? []
                let byLink = entries.filter { ($0["actor"] as? [String: Any])?["type"] as? String == "subscriber" }
                #expect(byLink.map { $0["action"] as? String } == ["deleted", "updated"], "\(audit.text)")
                #expect(byLink.last?["fields"] as? [String] == ["confirmed_at"])
                #expect(byLink.allSatisfy { ($0["request"] as? String)?.contains("token") == false })

                // Nothing for alice any more: the next mail the server gets is carol's confirmation.
                _ = try Self.createIncident(server, title: "Second", description: "Again")
                _ = try Self.subscribe(server, "carol@example.org")
                let after = sink.waitFor(4)
                #expect(after.count == 4)
                #expect(after.last?.recipients == ["carol@example.org"])
            }
        }
    }

    @Test func smtpServerDownThenUp_deliversOnce() throws {
        let port = try SMTPSink.freePort()
        let logs = InMemoryLogHandler()
        try withTestServer(options: Self.options(smtp: "smtp://127.0.0.1:\(port)", logs: logs)) { server in
            _ = try Self.subscribe(server, "dave@example.org")
            let end = Date().addingTimeInterval(10)
            while !logs.entries.contains(where: { $0.message.description == "mail attempt failed" }), Date() < end { usleep(20_000) }
            #expect(logs.entries.contains { $0.message.description == "mail attempt failed" })
            let sink = try SMTPSink(port: port)
            defer { sink.stop() }
            #expect(sink.waitFor(1).first?.recipients == ["dave@example.org"])
            // One more mail behind it shows the first was not sent again meanwhile.
            _ = try Self.subscribe(server, "erin@example.org")
            let all = sink.waitFor(2)
            #expect(all.map(\.recipients) == [["dave@example.org"], ["erin@example.org"]])
        }
    }

    @Test func startTLSWithAuth_noVerifyDelivers_verifyRefusesASelfSignedCertificate() throws {
        try eachBackend { backend in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("smtp-tls-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let cert = folder.appendingPathComponent("cert.pem").path, key = folder.appendingPathComponent("key.pem").path
            let openssl = Process()
            openssl.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
            openssl.arguments = ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1",
                                 "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"]
            openssl.standardError = FileHandle.nullDevice
            try openssl.run()
            openssl.waitUntilExit()
            try #require(openssl.terminationStatus == 0)
            let sink = try SMTPSink(arguments: ["--tls", cert, key, "--auth", "mailer:s3cret pass"])
            defer { sink.stop() }

            try withTestServer(on: backend, options: Self.options(smtp: "smtp://mailer:s3cret%20pass@127.0.0.1:\(sink.port)?tls=no-verify")) { server in
                _ = try Self.subscribe(server, "frank@example.org")
                let mail = try #require(sink.waitFor(1).first)
                #expect(mail.tls)
                #expect(mail.authenticated)
            }
            let logs = InMemoryLogHandler()
            try withTestServer(on: backend, options: Self.options(smtp: "smtp://mailer:s3cret%20pass@127.0.0.1:\(sink.port)", logs: logs)) { server in
                _ = try Self.subscribe(server, "grace@example.org")
                let end = Date().addingTimeInterval(10)
                while !logs.entries.contains(where: { $0.message.description == "mail attempt failed" }), Date() < end { usleep(20_000) }
                let failure = logs.entries.first { $0.message.description == "mail attempt failed" }
                #expect(failure?.metadata["error"]?.description.contains("certificate not trusted") == true)
                #expect(sink.messages.count == 1)
                let everything = logs.entries.map { "\($0.message) \($0.metadata)" }.joined(separator: "\n")
                #expect(!everything.contains("s3cret"))
            }
        }
    }

    @Test func noSMTPURL_noMailIsEnqueued() throws {
        try withSQLiteTestServer(options: ServeOptions(host: "127.0.0.1", port: 0)) { server in
            _ = try Self.subscribe(server, "henry@example.org")
            let sqlite = Process()
            sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
            sqlite.arguments = [server.store.path, "SELECT COUNT(*) FROM deliveries WHERE channel = 'email'"]
            let output = Pipe()
            sqlite.standardOutput = output
            try sqlite.run()
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            sqlite.waitUntilExit()
            #expect(text.trimmingCharacters(in: .whitespacesAndNewlines) == "0")
        }
    }
}
