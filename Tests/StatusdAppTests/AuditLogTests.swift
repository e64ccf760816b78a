import Foundation
import StatusdCore
import StatusdStore
import StatusdTesting
import Testing

/// The audit log (issue 20) over real sockets: every write through either shape appears once, with
/// the credential that made it, the request and the fields it changed; `GET /v1/audit_logs` pages
/// and filters; a project's credential sees its project only; no secret is ever in it.
@Suite struct AuditLogTests {
    static let oonPage = "/v1/status_pages/\(Shape.onlineOrNotPage)"
    static let uioPage = "/api/projects/\(Shape.uptimeIOProject)/status-pages/\(Shape.uptimeIOPage)"

    static func send(
        _ server: TestServer, _ shape: Shape, _ method: String, _ path: String, body: String? = nil,
        secret: String? = nil
    ) throws -> TestResponse {
        var headers = [shape.authorization]
        if let secret { headers = [shape == .onlineOrNot ? ("Authorization", "Bearer \(secret)") : ("X-API-Key", secret)] }
        if body != nil { headers.append(("Content-Type", "application/json")) }
        return try server.send(method, path, headers: headers, body: body)
    }

    /// The log as `/v1/audit_logs` lists it (newest first), with its total.
    static func log(_ server: TestServer, _ query: String = "", secret: String = "123") throws -> (entries: [[String: Any]], total: Int) {
        let response = try server.send(
            "GET", "/v1/audit_logs\(query.isEmpty ? "" : "?" + query)", headers: [("Authorization", "Bearer \(secret)")])
        #expect(response.status == 200, "\(response.text)")
        let body = jsonObject(response.body) as? [String: Any]
        let info = body?["result_info"] as? [String: Any]
        return (body?["result"] as? [[String: Any]] ?? [], info?["total_count"] as? Int ?? -1)
    }

    /// The id in a create answer of either shape (`result.id`, or `data.<resource>.id`).
    static func createdId(_ response: TestResponse, _ shape: Shape, _ resource: String = "incident") -> String? {
        let body = jsonObject(response.body) as? [String: Any]
        switch shape {
        case .onlineOrNot: return (body?["result"] as? [String: Any])?["id"] as? String
        case .uptimeIO: return ((body?["data"] as? [String: Any])?[resource] as? [String: Any])?["id"] as? String
        }
    }

    struct Expected {
        var action: String
        var type: String
        var id: String?
        var fields: [String]? = nil
    }

    /// Sends one write, then checks that exactly one entry was added, naming the caller and the request.
    static func expectOneEntry(
        _ server: TestServer, _ shape: Shape, _ method: String, _ path: String, body: String? = nil,
        _ expected: (TestResponse) -> Expected, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> TestResponse {
        let before = try log(server).total
        let response = try send(server, shape, method, path, body: body)
        #expect((200..<300).contains(response.status), "\(method) \(path): \(response.text)", sourceLocation: sourceLocation)
        let (entries, total) = try log(server, "per_page=1")
        #expect(total == before + 1, "\(method) \(path): \(total - before) entries", sourceLocation: sourceLocation)
        let entry = entries.first ?? [:]
        let want = expected(response)
        let actor = entry["actor"] as? [String: Any]
        let credential = shape == .onlineOrNot ? "demo-token-123" : "demo-token-your-api-key"
        #expect(entry["action"] as? String == want.action, "\(method) \(path): \(entry)", sourceLocation: sourceLocation)
        #expect(entry["resource_type"] as? String == want.type, "\(method) \(path): \(entry)", sourceLocation: sourceLocation)
        if let id = want.id {
            #expect(entry["resource_id"] as? String == id, "\(method) \(path): \(entry)", sourceLocation: sourceLocation)
        }
        if let fields = want.fields {
            #expect(entry["fields"] as? [String] == fields, "\(method) \(path): \(entry)", sourceLocation: sourceLocation)
        }
        #expect(actor?["type"] as? String == "api_token" && actor?["id"] as? String == credential,
                "\(method) \(path): \(entry)", sourceLocation: sourceLocation)
        let pathOnly = String(path.prefix { $0 != "?" })
        #expect(entry["request"] as? String == "\(method) \(pathOnly)", sourceLocation: sourceLocation)
        return response
    }

    /// Creates an incident through `shape`, expecting its one entry; its id.
    static func createsAnAuditedIncident(_ server: TestServer, _ shape: Shape, _ incidents: String) throws -> String {
        let created = try expectOneEntry(server, shape, "POST", incidents, body: shape.createBody(title: "Audited")) {
            Expected(action: "created", type: "incident", id: createdId($0, shape))
        }
        return try #require(createdId(created, shape))
    }

    @Test func everyWriteOfTheOnlineOrNotShapeIsRecordedOnceWithItsCredential() throws {
        try withTestServer { server in
            let s = Shape.onlineOrNot
            let incidents = "\(Self.oonPage)/incidents"
            let incident = try Self.createsAnAuditedIncident(server, s, incidents)
            _ = try Self.expectOneEntry(server, s, "PATCH", "\(incidents)/\(incident)", body: #"{"title":"Audited again"}"#) { _ in
                Expected(action: "updated", type: "incident", id: incident, fields: ["title"])
            }
            _ = try Self.expectOneEntry(
                server, s, "POST", "\(incidents)/\(incident)/updates", body: #"{"description":"Fixed","status":"RESOLVED"}"#
            ) { Expected(action: "created", type: "incident_update", id: Self.createdId($0, s)) }
            _ = try Self.expectOneEntry(server, s, "POST", "\(Self.oonPage)/components", body: #"{"name":"Audited API"}"#) {
                Expected(action: "created", type: "component", id: Self.createdId($0, s))
            }
            _ = try Self.expectOneEntry(server, s, "POST", "\(Self.oonPage)/groups", body: #"{"name":"Audited group"}"#) {
                Expected(action: "created", type: "component_group", id: Self.createdId($0, s))
            }
            _ = try Self.expectOneEntry(server, s, "PATCH", Self.oonPage, body: #"{"name":"Renamed page"}"#) { _ in
                Expected(action: "updated", type: "status_page", id: Shape.onlineOrNotPage, fields: ["name"])
            }
            _ = try Self.expectOneEntry(
                server, s, "POST", "\(Self.oonPage)/subscribers", body: #"{"email_address":"audit@example.com"}"#
            ) { Expected(action: "created", type: "subscriber", id: Self.createdId($0, s)) }
            _ = try Self.expectOneEntry(
                server, s, "POST", "/v1/webhooks",
                body: #"{"url":"http://hooks.example.com/x","events":["status_page.incident.started"]}"#
            ) { Expected(action: "created", type: "webhook", id: Self.createdId($0, s)) }
            let token = try Self.expectOneEntry(
                server, s, "POST", "/v1/tokens", body: #"{"name":"ci","grants":[{"scope":"INCIDENTS","permission":"EDIT"}]}"#
            ) { Expected(action: "created", type: "api_token", id: Self.createdId($0, s)) }
            let tokenId = try #require(Self.createdId(token, s))
            _ = try Self.expectOneEntry(server, s, "DELETE", "/v1/tokens/\(tokenId)") { _ in
                Expected(action: "deleted", type: "api_token", id: tokenId, fields: [])
            }
            _ = try Self.expectOneEntry(server, s, "DELETE", "\(incidents)/\(incident)") { _ in
                Expected(action: "deleted", type: "incident", id: incident, fields: [])
            }
        }
    }

    @Test func editsAndDeletesOfEveryOtherResourceAreRecordedOnce() throws {
        try withTestServer { server in
            let s = Shape.onlineOrNot
            let p = Self.oonPage
            let window = try Self.expectOneEntry(
                server, s, "POST", "\(p)/scheduled_maintenance",
                body: #"{"title":"Upgrade","description":"DB","start_date":"2099-01-01T01:00:00.000Z","duration_minutes":60,"components_affected":["property2"]}"#
            ) { Expected(action: "created", type: "scheduled_maintenance", id: Self.createdId($0, s)) }
            let windowId = try #require(Self.createdId(window, s))
            _ = try Self.expectOneEntry(
                server, s, "PATCH", "\(p)/scheduled_maintenance/\(windowId)", body: #"{"duration_minutes":90}"#
            ) { _ in Expected(action: "updated", type: "scheduled_maintenance", id: windowId, fields: ["duration_minutes", "end_at"]) }
            _ = try Self.expectOneEntry(server, s, "DELETE", "\(p)/scheduled_maintenance/\(windowId)") { _ in
                Expected(action: "deleted", type: "scheduled_maintenance", id: windowId)
            }
            _ = try Self.expectOneEntry(
                server, s, "PUT", "\(p)/components/sort-order", body: #"{"component_ids":["property2","property1"]}"#
            ) { _ in Expected(action: "updated", type: "status_page", id: Shape.onlineOrNotPage, fields: ["component_order"]) }
            _ = try Self.expectOneEntry(server, s, "PATCH", "\(p)/components/property1", body: #"{"status":"MAINTENANCE"}"#) { _ in
                Expected(action: "updated", type: "component", id: "property1", fields: ["status_override"])
            }
            _ = try Self.expectOneEntry(server, s, "DELETE", "\(p)/components/property1") { _ in
                Expected(action: "deleted", type: "component", id: "property1")
            }
            let group = try Self.expectOneEntry(server, s, "POST", "\(p)/groups", body: #"{"name":"Edge"}"#) {
                Expected(action: "created", type: "component_group", id: Self.createdId($0, s))
            }
            let groupId = try #require(Self.createdId(group, s))
            _ = try Self.expectOneEntry(server, s, "PATCH", "\(p)/groups/\(groupId)", body: #"{"description":"CDN"}"#) { _ in
                Expected(action: "updated", type: "component_group", id: groupId, fields: ["description"])
            }
            _ = try Self.expectOneEntry(server, s, "DELETE", "\(p)/groups/\(groupId)") { _ in
                Expected(action: "deleted", type: "component_group", id: groupId)
            }
            let subscriber = try Self.expectOneEntry(
                server, s, "POST", "\(p)/subscribers", body: #"{"email_address":"gone@example.com"}"#
            ) { Expected(action: "created", type: "subscriber", id: Self.createdId($0, s)) }
            let subscriberId = try #require(Self.createdId(subscriber, s))
            _ = try Self.expectOneEntry(server, s, "DELETE", "\(p)/subscribers/\(subscriberId)") { _ in
                Expected(action: "deleted", type: "subscriber", id: subscriberId)
            }
            let hook = try Self.expectOneEntry(
                server, s, "POST", "/v1/webhooks", body: #"{"url":"http://hooks.example.com/z","events":["status_page.incident.started"]}"#
            ) { Expected(action: "created", type: "webhook", id: Self.createdId($0, s)) }
            let hookId = try #require(Self.createdId(hook, s))
            _ = try Self.expectOneEntry(
                server, s, "PATCH", "/v1/webhooks/\(hookId)", body: #"{"status_page_ids":["\#(Shape.onlineOrNotPage)"]}"#
            ) { _ in Expected(action: "updated", type: "webhook", id: hookId, fields: ["all_pages", "status_page_ids"]) }
            _ = try Self.expectOneEntry(server, s, "DELETE", "/v1/webhooks/\(hookId)") { _ in
                Expected(action: "deleted", type: "webhook", id: hookId)
            }
            _ = try Self.expectOneEntry(server, s, "DELETE", p) { _ in
                Expected(action: "deleted", type: "status_page", id: Shape.onlineOrNotPage)
            }
            // Entries outlive what they describe: the page's are still listed, with its project.
            let kept = try Self.log(server, "status_page_id=\(Shape.onlineOrNotPage)&per_page=100")
            #expect(kept.total >= 10 && kept.entries.allSatisfy { $0["project_id"] as? String == Shape.onlineOrNotProject })
        }
    }

    @Test func everyWriteOfTheUptimeIOShapeIsRecordedOnceWithItsCredential() throws {
        try withTestServer { server in
            let s = Shape.uptimeIO
            let incidents = "\(Self.uioPage)/incidents"
            let incident = try Self.createsAnAuditedIncident(server, s, incidents)
            _ = try Self.expectOneEntry(server, s, "PATCH", "\(incidents)/\(incident)", body: #"{"severity":"major"}"#) { _ in
                Expected(action: "updated", type: "incident", id: incident, fields: ["impact", "severity", "updates"])
            }
            _ = try Self.expectOneEntry(
                server, s, "POST", "\(incidents)/\(incident)/updates", body: #"{"message":"Still on it","status":"identified"}"#
            ) { _ in Expected(action: "created", type: "incident_update", id: nil) }
            _ = try Self.expectOneEntry(
                server, s, "POST", "\(incidents)/\(incident)/resolve", body: #"{"message":"Fixed"}"#
            ) { _ in Expected(action: "updated", type: "incident", id: incident, fields: ["ended_at", "status", "updates"]) }
            _ = try Self.expectOneEntry(server, s, "PATCH", Self.uioPage, body: #"{"name":"Renamed portal"}"#) { _ in
                Expected(action: "updated", type: "status_page", id: Shape.uptimeIOPage, fields: ["name"])
            }
            _ = try Self.expectOneEntry(server, s, "DELETE", "\(incidents)/\(incident)") { _ in
                Expected(action: "deleted", type: "incident", id: incident, fields: [])
            }
        }
    }

    /// Refused writes, replays of an Idempotency-Key and writes that change nothing add no entry.
    @Test func whatWritesNothingRecordsNothing() throws {
        try withTestServer { server in
            let s = Shape.onlineOrNot
            let incidents = "\(Self.oonPage)/incidents"
            let keyed = [s.authorization, ("Content-Type", "application/json"), ("Idempotency-Key", #""once""#)]
            let first = try server.send("POST", incidents, headers: keyed, body: s.createBody(title: "Keyed"))
            #expect(first.status == 200, "\(first.text)")
            let counted = try Self.log(server).total
            #expect(try server.send("POST", incidents, headers: keyed, body: s.createBody(title: "Keyed")).status == 200)
            #expect(try Self.send(server, s, "POST", incidents, body: #"{"title":""}"#).status == 400)
            #expect(try Self.send(server, s, "PATCH", "\(incidents)/nope", body: #"{"title":"x"}"#).status == 404)
            #expect(try Self.send(server, s, "DELETE", "\(incidents)/nope").status == 404)
            let id = try #require(Self.createdId(first, s))
            #expect(try Self.send(server, s, "PATCH", "\(incidents)/\(id)", body: #"{"title":"Keyed"}"#).status == 200)
            #expect(try Self.log(server).total == counted)
        }
    }

    /// A password set, a token made and a webhook's signing secret: named as fields, never their values.
    @Test func secretsAreNamedNeverKept() throws {
        try withTestServer { server in
            let s = Shape.onlineOrNot
            let page = try Self.send(server, s, "PATCH", Self.oonPage, body: #"{"password":"correct-horse-battery"}"#)
            #expect(page.status == 200, "\(page.text)")
            let token = try Self.send(server, s, "POST", "/v1/tokens", body: #"{"name":"ci","grants":[{"scope":"INCIDENTS","permission":"READ"}]}"#)
            #expect(token.status == 201, "\(token.text)")
            let secret = try #require((jsonObject(token.body) as? [String: Any]).flatMap { $0["result"] as? [String: Any] }?["token"] as? String)
            let hook = try Self.send(server, s, "POST", "/v1/webhooks", body: #"{"url":"http://hooks.example.com/y","events":["status_page.incident.started"]}"#)
            let signing = try #require((jsonObject(hook.body) as? [String: Any]).flatMap { $0["result"] as? [String: Any] }?["secret"] as? String)
            let (entries, _) = try Self.log(server)
            #expect(entries.first { $0["resource_type"] as? String == "status_page" }?["fields"] as? [String] == ["password"])
            let listed = try server.send("GET", "/v1/audit_logs?per_page=100", headers: [("Authorization", "Bearer 123")]).text
            let cli = try CLITests.run(["audit", "--db", server.database, "--limit", "100"], in: URL(fileURLWithPath: NSTemporaryDirectory()))
            for text in ["correct-horse-battery", secret, signing] {
                #expect(!listed.contains(text) && !cli.stdout.contains(text))
            }
            #expect(cli.status == 0 && cli.lines.count == 3, "\(cli.stdout)\(cli.stderr)")
        }
    }

    @Test func listsPageAndFilterByResourceAndTime() throws {
        let clock = StoreClock.manual(at: Timestamp(iso8601: "2026-01-01T00:00:00Z")!)
        try withTestServer(clock: clock) { server in
            let s = Shape.onlineOrNot
            var ids: [String] = []
            for title in ["One", "Two", "Three"] {
                ids.append(try #require(Self.createdId(try Self.send(server, s, "POST", "\(Self.oonPage)/incidents", body: s.createBody(title: title)), s)))
                _ = clock.advance(byMilliseconds: 60_000)
            }
            let all = try Self.log(server, "per_page=2")
            #expect(all.total == 3 && all.entries.map { $0["resource_id"] as? String } == [ids[2], ids[1]])
            #expect(try Self.log(server, "per_page=2&page=2").entries.map { $0["resource_id"] as? String } == [ids[0]])
            let one = try Self.log(server, "resource_type=incident&resource_id=\(ids[1])")
            #expect(one.total == 1 && one.entries.first?["created_at"] as? String == "2026-01-01T00:01:00.000Z")
            let window = try Self.log(server, "since=2026-01-01T00:01:00Z&until=2026-01-01T00:02:00Z")
            #expect(window.entries.map { $0["resource_id"] as? String } == [ids[1]])
            #expect(try Self.log(server, "status_page_id=\(Shape.uptimeIOPage)").total == 0)

            let bad = try server.send(
                "GET", "/v1/audit_logs?resource_type=incidents&since=yesterday", headers: [("Authorization", "Bearer 123")])
            #expect(bad.status == 400)
            expectJSON(bad.body, equals: """
                {"result":null,"success":false,"errors":[
                {"code":10005,"message":"resource_type must be one of: project, status_page, component, component_group, incident, incident_update, scheduled_maintenance, subscriber, webhook, api_token","field":"resource_type"},
                {"code":10005,"message":"since must be an ISO 8601 date-time, e.g. 2026-01-31T12:00:00Z","field":"since"}],"messages":[]}
                """)
        }
    }

    @Test func aProjectsCredentialSeesItsProjectOnlyAndTheGrantIsChecked() throws {
        try withTestServer { server in
            _ = try Self.send(server, .onlineOrNot, "POST", "\(Self.oonPage)/incidents", body: Shape.onlineOrNot.createBody(title: "Default's"))
            _ = try Self.send(server, .uptimeIO, "POST", "\(Self.uioPage)/incidents", body: Shape.uptimeIO.createBody(title: "Acme's"))
            let acme = try server.store.createCredential(
                name: "acme", projectId: Shape.uptimeIOProject, readOnly: true, secret: nil).secret
            // The Acme incident and the credential made for Acme (by statusd itself: no request).
            let seen = try Self.log(server, secret: acme)
            #expect(seen.total == 2 && seen.entries.allSatisfy { $0["project_id"] as? String == Shape.uptimeIOProject })
            #expect(seen.entries.map { ($0["actor"] as? [String: Any])?["type"] as? String } == ["statusd", "api_token"])
            #expect(try Self.log(server).total == 3)
            let noGrant = try server.store.createCredential(
                name: "incidents-only", projectId: nil, readOnly: false, secret: nil,
                grants: CredentialGrants([Grant(.incidents, .edit)])).secret
            let refused = try server.send("GET", "/v1/audit_logs", headers: [("Authorization", "Bearer \(noGrant)")])
            #expect(refused.status == 403 && refused.text.contains("AUDIT_LOGS READ"), "\(refused.text)")
        }
    }

    /// The CLI's writes are the CLI's, seen through the API of a server on the same file.
    @Test func cliWritesAreRecordedAsTheCLIs() throws {
        try withTestServer { server in
            let made = try CLITests.run(
                ["token", "create", "--db", server.database, "--name", "from-cli", "--secret", "cli-secret-value"],
                in: URL(fileURLWithPath: NSTemporaryDirectory()))
            #expect(made.status == 0, "\(made.stderr)")
            let entry = try #require(try Self.log(server, "resource_type=api_token").entries.first)
            let actor = entry["actor"] as? [String: Any]
            #expect(actor?["type"] as? String == "cli" && actor?["id"] is NSNull, "\(entry)")
            #expect(entry["request"] as? String == "statusd token create" && entry["action"] as? String == "created")
            let cli = try CLITests.run(["audit", "--db", server.database, "--resource-type", "api_token"], in: URL(fileURLWithPath: NSTemporaryDirectory()))
            #expect(cli.lines.count == 1 && cli.stdout.contains("created api_token") && cli.stdout.contains("by=cli"), "\(cli.stdout)")
            #expect(!cli.stdout.contains("cli-secret-value"))
            let bad = try CLITests.run(["audit", "--db", server.database, "--resource-type", "tokens"], in: URL(fileURLWithPath: NSTemporaryDirectory()))
            #expect(bad.status != 0 && bad.stderr.contains("--resource-type tokens"), "\(bad.stderr)")
        }
    }
}
