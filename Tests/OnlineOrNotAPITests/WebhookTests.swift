import Foundation
import StatusdApp
import StatusdCore
import StatusdStore
import StatusdTesting
import Testing

/// `/v1/webhooks[/{id}[/deliveries]]` end to end: the 2026 spec's Webhook shape, the secret shown
/// once, the rules on url, events and status_page_ids (400 naming what is wrong), updates, delete,
/// and that a project's credential never sees or targets another project's pages or webhooks.
/// No sender runs here (WebhookDeliveryTests covers delivery).
@Suite struct WebhookTests {
    static let june = Timestamp(millisecondsSince1970: 1_622_505_600_000)  // 2021-06-01T00:00:00.000Z
    static let firstId = "00000000-0000-8000-8000-000000000001"

    static var noSender: ServeOptions {
        var options = ServeOptions(host: "127.0.0.1", port: 0)
        options.webhooks = nil
        return options
    }

    static func server<T>(_ body: (TestServer) throws -> T) throws -> T {
        try withTestServer(options: noSender, clock: .manual(at: june), ids: .deterministic(), body)
    }

    static let body = #"{"url":"http://hooks.example.com/statusd?team=ops","description":"Ops","events":["status_page.incident.started","status_page.incident.resolved"],"status_page_ids":["a1b2c3d4"]}"#

    static let created = """
        {"id":"\(firstId)","url":"http://hooks.example.com/statusd?team=ops","description":"Ops",
        "events":["status_page.incident.started","status_page.incident.resolved"],
        "created_at":"2021-06-01T00:00:00.000Z","updated_at":"2021-06-01T00:00:00.000Z",
        "status_pages":[{"id":"a1b2c3d4","name":"Demo Status"}],"checks":[],"heartbeats":[],"all_status_pages":false}
        """

    @Test func createAnswers201WithTheSecretOnceThenGetListAndDeleteWithoutIt() throws {
        try Self.server { server in
            let response = try server.oon("POST", "/v1/webhooks", body: Self.body)
            #expect(response.status == 201, "\(response.text)")
            let secret = try #require(result(response)["secret"] as? String)
            #expect(secret.hasPrefix("whsec_") && secret.count == 49, "\(secret)")
            let withSecret = Self.created.dropLast() + #","secret":"\#(secret)"}"#
            expectJSON(response.body, equals: #"{"result":\#(withSecret),"success":true,"errors":[],"messages":[]}"#)

            let shown = try server.oon("GET", "/v1/webhooks/\(Self.firstId)")
            expectJSON(shown.body, equals: #"{"result":\#(Self.created),"success":true,"errors":[],"messages":[]}"#)
            #expect(!shown.text.contains(secret))
            let list = try server.oon("GET", "/v1/webhooks")
            expectJSON(list.body, equals: """
                {"result":[\(Self.created)],"result_info":{"page":1,"per_page":20,"count":1,"total_count":1},
                "success":true,"errors":[],"messages":[]}
                """)
            #expect(!list.text.contains(secret))

            let deleted = try server.oon("DELETE", "/v1/webhooks/\(Self.firstId)")
            expectJSON(deleted.body, equals: #"{"result":{"id":"\#(Self.firstId)"},"success":true,"errors":[],"messages":[]}"#)
            expectError(try server.oon("GET", "/v1/webhooks/\(Self.firstId)"), status: 404, code: 10003, mentioning: "Webhook not found")
            expectError(try server.oon("DELETE", "/v1/webhooks/\(Self.firstId)"), status: 404, code: 10003)
        }
    }

    @Test func absentOrEmptyPagesFollowEveryPage() throws {
        try Self.server { server in
            for body in [
                #"{"url":"http://h.example/a","events":["status_page.maintenance.started"]}"#,
                #"{"url":"http://h.example/a","events":["status_page.maintenance.ended"],"status_page_ids":[]}"#,
                #"{"url":"http://h.example/a","events":["status_page.incident.updated"],"status_page_ids":null}"#,
            ] {
                let response = try server.oon("POST", "/v1/webhooks", body: body)
                #expect(response.status == 201, "\(response.text)")
                #expect(result(response)["all_status_pages"] as? Bool == true)
                #expect((result(response)["status_pages"] as? [Any])?.isEmpty == true)
                #expect(result(response)["description"] is NSNull)
            }
        }
    }

    @Test func updateChangesWhatItSendsAndKeepsTheSecret() throws {
        try Self.server { server in
            let secret = try #require(result(try server.oon("POST", "/v1/webhooks", body: Self.body))["secret"] as? String)
            let patched = try server.oon("PATCH", "/v1/webhooks/\(Self.firstId)", body: """
                {"url":"http://127.0.0.1:9/next","events":["status_page.incident.updated"],"status_page_ids":[],"description":null}
                """)
            expectJSON(patched.body, equals: """
                {"result":{"id":"\(Self.firstId)","url":"http://127.0.0.1:9/next","description":null,
                "events":["status_page.incident.updated"],
                "created_at":"2021-06-01T00:00:00.000Z","updated_at":"2021-06-01T00:00:00.000Z",
                "status_pages":[],"checks":[],"heartbeats":[],"all_status_pages":true},
                "success":true,"errors":[],"messages":[]}
                """)
            #expect(!patched.text.contains(secret))
            let posted = try server.oon("POST", "/v1/webhooks/\(Self.firstId)", body: #"{"status_page_ids":["a1b2c3d4"]}"#)
            #expect(posted.status == 200, "\(posted.text)")
            // The pages change; the rest stays as the PATCH left it.
            #expect((result(posted)["status_pages"] as? [[String: Any]])?.first?["id"] as? String == "a1b2c3d4")
            #expect(result(posted)["url"] as? String == "http://127.0.0.1:9/next")
            #expect(result(posted)["all_status_pages"] as? Bool == false)
        }
    }

    @Test func badBodiesAre400NamingTheField() throws {
        try Self.server { server in
            let bad: [(String, String, String)] = [
                (#"{"events":["status_page.incident.started"]}"#, "url", "url is required"),
                (#"{"url":"https://hooks.example.com","events":["status_page.incident.started"]}"#, "url", "must use http"),
                (#"{"url":"ftp://hooks.example.com","events":["status_page.incident.started"]}"#, "url", "absolute http:// URL"),
                (#"{"url":"hooks.example.com/x","events":["status_page.incident.started"]}"#, "url", "absolute http:// URL"),
                (#"{"url":"http://","events":["status_page.incident.started"]}"#, "url", "must name a host"),
                (#"{"url":"http://h.example:99999/","events":["status_page.incident.started"]}"#, "url", "must name a host"),
                (#"{"url":"http://u:p@h.example/","events":["status_page.incident.started"]}"#, "url", "user information"),
                (#"{"url":"http://h.example/a b","events":["status_page.incident.started"]}"#, "url", "printable ASCII"),
                (#"{"url":"http://h.example/#x","events":["status_page.incident.started"]}"#, "url", "fragment"),
                (#"{"url":42,"events":["status_page.incident.started"]}"#, "url", "url must be a string"),
                (#"{"url":"http://h.example/"}"#, "events", "events is required"),
                (#"{"url":"http://h.example/","events":[]}"#, "events", "at least 1 item"),
                (#"{"url":"http://h.example/","events":"status_page.incident.started"}"#, "events", "array of strings"),
                (#"{"url":"http://h.example/","events":["status_page.incident.started","uptime.down"]}"#, "events",
                 "unknown event 'uptime.down'"),
                (#"{"url":"http://h.example/","events":["status_page.incident.started"],"status_page_ids":["nope"]}"#,
                 "status_page_ids", "no status page 'nope'"),
                (#"{"url":"http://h.example/","events":["status_page.incident.started"],"check_ids":["c1"]}"#,
                 "check_ids", "must be empty"),
            ]
            for (body, field, message) in bad {
                let response = try server.oon("POST", "/v1/webhooks", body: body)
                expectError(response, status: 400, code: 10005, mentioning: message)
                #expect(errors(response).map { $0["field"] as? String } == [field], "\(body): \(response.text)")
            }
            expectError(try server.oon("POST", "/v1/webhooks", body: "{"), status: 400, code: 10006)
            let listed = try server.oon("GET", "/v1/webhooks")
            #expect(results(listed).isEmpty, "\(listed.text)")
            expectError(try server.oon("GET", "/v1/webhooks", token: nil), status: 401, code: 10001)
        }
    }

    @Test func readOnlyCredentialsReadButCannotWrite() throws {
        try Self.server { server in
            _ = try server.store.createCredential(name: "viewer", projectId: nil, readOnly: true, secret: "viewer")
            #expect(try server.oon("POST", "/v1/webhooks", body: Self.body).status == 201)
            #expect(try server.oon("GET", "/v1/webhooks", token: "viewer").status == 200)
            expectError(try server.oon("POST", "/v1/webhooks", token: "viewer", body: Self.body), status: 403, code: 10002)
            expectError(
                try server.oon("DELETE", "/v1/webhooks/\(Self.firstId)", token: "viewer"), status: 403, code: 10002)
        }
    }

    /// A credential of project acme: its webhooks are acme's, it may not name the demo's page (in
    /// project default), and it never sees the all-projects credential's webhooks, nor they its.
    @Test func aProjectCredentialNeverSeesOrTargetsAnotherProject() throws {
        try Self.server { server in
            _ = try server.store.createProject(id: "acme", name: "Acme")
            _ = try server.store.createStatusPage(
                id: "acme-page", projectId: "acme", name: "Acme", subdomain: "acme-hooks", description: nil)
            _ = try server.store.createCredential(name: "acme", projectId: "acme", readOnly: false, secret: "acme")
            _ = try server.store.createProject(id: "other", name: "Other")
            _ = try server.store.createCredential(name: "other", projectId: "other", readOnly: false, secret: "other")

            let foreign = try server.oon("POST", "/v1/webhooks", token: "acme", body: Self.body)
            expectError(foreign, status: 400, code: 10005, mentioning: "no status page 'a1b2c3d4'")
            let own = try server.oon("POST", "/v1/webhooks", token: "acme", body: """
                {"url":"http://h.example/acme","events":["status_page.incident.started"],"status_page_ids":["acme-page"]}
                """)
            #expect(own.status == 201, "\(own.text)")
            let ownId = try #require(result(own)["id"] as? String)

            // Another project's credential: not found, whatever it tries; its list is empty.
            #expect(results(try server.oon("GET", "/v1/webhooks", token: "other")).isEmpty)
            for (method, path, body) in [
                ("GET", "/v1/webhooks/\(ownId)", nil), ("PATCH", "/v1/webhooks/\(ownId)", #"{"url":"http://x.example/"}"#),
                ("DELETE", "/v1/webhooks/\(ownId)", nil), ("GET", "/v1/webhooks/\(ownId)/deliveries", nil),
            ] as [(String, String, String?)] {
                expectError(try server.oon(method, path, token: "other", body: body), status: 404, code: 10003)
            }
            let retarget = try server.oon("PATCH", "/v1/webhooks/\(ownId)", token: "acme", body: #"{"status_page_ids":["a1b2c3d4"]}"#)
            expectError(retarget, status: 400, code: 10005, mentioning: "no status page 'a1b2c3d4'")

            // Not even an all-projects credential points acme's webhook at another project's page
            // (its events would never reach it).
            let widened = try server.oon("PATCH", "/v1/webhooks/\(ownId)", body: #"{"status_page_ids":["acme-page","a1b2c3d4"]}"#)
            expectError(widened, status: 400, code: 10005, mentioning: "no status page 'a1b2c3d4'")
            #expect(try server.oon("PATCH", "/v1/webhooks/\(ownId)", body: #"{"status_page_ids":["acme-page"]}"#).status == 200)

            // The all-projects credential sees every webhook; acme does not see its.
            #expect(try server.oon("POST", "/v1/webhooks", body: Self.body).status == 201)
            #expect(results(try server.oon("GET", "/v1/webhooks")).count == 2)
            #expect(results(try server.oon("GET", "/v1/webhooks", token: "acme")).map { $0["id"] as? String } == [ownId])
        }
    }

    /// A webhook whose only page is purged follows no page from then on: it never widens to all.
    @Test func aWebhookThatLosesItsPagesDoesNotWiden() throws {
        try Self.server { server in
            _ = try server.store.createStatusPage(
                id: "gone", projectId: "default", name: "Gone", subdomain: "gone-hooks", description: nil)
            let created = try server.oon("POST", "/v1/webhooks", body: """
                {"url":"http://h.example/","events":["status_page.incident.started"],"status_page_ids":["gone"]}
                """)
            #expect(created.status == 201, "\(created.text)")
            #expect(try server.store.deleteStatusPage("gone"))
            let shown = try server.oon("GET", "/v1/webhooks/\(Self.firstId)")
            #expect(result(shown)["all_status_pages"] as? Bool == false, "\(shown.text)")
            #expect((result(shown)["status_pages"] as? [Any])?.isEmpty == true, "\(shown.text)")
            _ = try server.createIncident(title: "Elsewhere")
            let log = try server.oon("GET", "/v1/webhooks/\(Self.firstId)/deliveries")
            #expect(results(log).isEmpty, "\(log.text)")
        }
    }

    @Test func listsArePagedAndSearched() throws {
        try Self.server { server in
            for index in 1...3 {
                let body = #"{"url":"http://h.example/\#(index)","events":["status_page.incident.started"]}"#
                #expect(try server.oon("POST", "/v1/webhooks", body: body).status == 201)
            }
            let second = try server.oon("GET", "/v1/webhooks?page=2&per_page=2")
            #expect(results(second).map { $0["url"] as? String } == ["http://h.example/3"], "\(second.text)")
            let info = (jsonObject(second.body) as? [String: Any])?["result_info"] as? [String: Any]
            #expect(info?["total_count"] as? Int == 3 && info?["page"] as? Int == 2 && info?["per_page"] as? Int == 2)
            #expect(results(try server.oon("GET", "/v1/webhooks?search=example/2")).count == 1)
            expectError(try server.oon("GET", "/v1/webhooks?per_page=0"), status: 400, code: 10005)
        }
    }
}
