import Foundation
import StatusdApp
import StatusdCore
import StatusdStore
import StatusdTesting
import Testing

/// The `/_statusd/` control API of `serve --test-control`, end to end over real sockets.
@Suite struct TestControlTests {
    static let bearer = [("Authorization", "Bearer 123"), ("Content-Type", "application/json")]
    static let incidentBody = #"{"title":"Down","description":"Looking","status":"INVESTIGATING","components":{"property1":"MAJOR_OUTAGE"}}"#
    static let uptimeList = "/api/projects/660e8400-e29b-41d4-a716-446655440001/status-pages/550e8400-e29b-41d4-a716-446655440000/incidents"

    static func withControlServer<T>(
        clock: StoreClock = .manual(at: Timestamp(iso8601: "2021-06-01T00:00:00Z")!), ids: IdSource = .deterministic(),
        _ body: (TestServer) throws -> T
    ) throws -> T {
        var options = ServeOptions(host: "127.0.0.1", port: 0)
        options.testControl = TestControlOptions(fixtures: [try Fixtures.demo()])
        return try withTestServer(demo: true, options: options, clock: clock, ids: ids, body)
    }

    static func object(_ response: TestResponse) -> [String: Any] {
        jsonObject(response.body) as? [String: Any] ?? [:]
    }

    @Test func withoutTheFlag_thereIsNoControlAPI() throws {
        try withTestServer { server in
            let (reset, journal) = (try server.send("POST", "/_statusd/reset"), try server.send("GET", "/_statusd/requests"))
            #expect(reset.status == 404 && journal.status == 404)
        }
    }

    @Test func clockAndIds_makeEveryRunTheSameBytes() throws {
        var bodies: [String] = []
        for _ in 0..<2 {
            try Self.withControlServer { server in
                let created = try server.send("POST", "/v1/status_pages/a1b2c3d4/incidents", headers: Self.bearer,
                                              body: Self.incidentBody)
                #expect(created.status == 200)
                let result = Self.object(created)["result"] as? [String: Any] ?? [:]
                #expect(result["id"] as? String == "00000000-0000-8000-8000-000000000001")
                #expect(result["started"] as? String == "2021-06-01T00:00:00.000Z")
                bodies.append(created.text)
            }
        }
        // Two runs on each backend: the same bytes from all of them.
        #expect(bodies.count == 2 * TestBackend.available.count && Set(bodies).count == 1)
    }

    @Test func theClock_isSetAndAdvanced_andWritesUseIt() throws {
        try Self.withControlServer { server in
            #expect(try server.send("GET", "/_statusd/clock").text == #"{"now":"2021-06-01T00:00:00.000Z","manual":true}"#)
            let advanced = try server.send("POST", "/_statusd/clock", body: #"{"advance_seconds":90.5}"#)
            #expect(advanced.status == 200 && advanced.text == #"{"now":"2021-06-01T00:01:30.500Z","manual":true}"#)
            let set = try server.send("POST", "/_statusd/clock", body: #"{"now":"2022-02-02T02:02:02Z"}"#)
            #expect(set.text == #"{"now":"2022-02-02T02:02:02.000Z","manual":true}"#)
            let created = try server.send("POST", "/v1/status_pages/a1b2c3d4/incidents", headers: Self.bearer,
                                          body: Self.incidentBody)
            #expect((Self.object(created)["result"] as? [String: Any])?["created_at"] as? String == "2022-02-02T02:02:02.000Z")
            let bad = try server.send("POST", "/_statusd/clock", body: #"{"now":"soon"}"#)
            #expect(bad.status == 400 && bad.text == #"{"error":"now: must be a UTC time like 2021-01-01T00:00:00Z"}"#)
        }
    }

    @Test func reset_restoresTheFixtures_clockIdsJournalAndFaults() throws {
        try Self.withControlServer { server in
            let first = try server.send("POST", "/v1/status_pages/a1b2c3d4/incidents", headers: Self.bearer,
                                        body: Self.incidentBody)
            let id = (Self.object(first)["result"] as? [String: Any])?["id"] as? String
            #expect(try server.send("DELETE", "/v1/status_pages/a1b2c3d4/incidents/a1b2c3d4", headers: Self.bearer).status == 200)
            _ = try server.send("POST", "/_statusd/clock", body: #"{"advance_seconds":3600}"#)
            _ = try server.send("POST", "/_statusd/faults", body: #"{"path":"/nowhere","status":500}"#)

            let reset = try server.send("POST", "/_statusd/reset")
            #expect(reset.status == 200)
            #expect(reset.text == #"{"reset":true,"fixtures":["demo"],"now":"2021-06-01T00:00:00.000Z"}"#)
            #expect(try server.send("GET", "/v1/status_pages/a1b2c3d4/incidents/a1b2c3d4", headers: Self.bearer).status == 200)
            #expect(try server.send("GET", "/v1/status_pages/a1b2c3d4/incidents/\(id ?? "")", headers: Self.bearer).status == 404)
            let faults = Self.object(try server.send("GET", "/_statusd/faults"))["faults"] as? [Any]
            #expect(faults?.isEmpty == true)
            let journal = Self.object(try server.send("GET", "/_statusd/requests"))
            #expect(journal["count"] as? Int == 2)  // the two GETs after the reset
            let again = try server.send("POST", "/v1/status_pages/a1b2c3d4/incidents", headers: Self.bearer,
                                        body: Self.incidentBody)
            #expect((Self.object(again)["result"] as? [String: Any])?["id"] as? String == id)
        }
    }

    @Test func theJournal_recordsWhatClientsSent_withSecretsMasked() throws {
        try Self.withControlServer { server in
            _ = try server.send("POST", "/v1/status_pages/a1b2c3d4/incidents?x=1", headers: Self.bearer,
                                body: Self.incidentBody)
            _ = try server.send("GET", Self.uptimeList + "?page=2", headers: [("X-API-Key", "YOUR_API_KEY"),
                                                                           ("Cookie", "session=abc")])
            _ = try server.send("GET", "/nowhere")

            let all = Self.object(try server.send("GET", "/_statusd/requests"))
            let entries = try #require(all["requests"] as? [[String: Any]])
            #expect(entries.map { $0["id"] as? Int } == [1, 2, 3])
            #expect(entries.map { $0["status"] as? Int } == [200, 200, 404])
            let post = entries[0]
            #expect(post["method"] as? String == "POST" && post["path"] as? String == "/v1/status_pages/a1b2c3d4/incidents")
            #expect(post["query"] as? String == "x=1" && post["route"] as? String == "/v1/status_pages/:status_page_id/incidents")
            #expect(post["body"] as? String == Self.incidentBody)
            #expect((post["json"] as? [String: Any])?["title"] as? String == "Down")
            let headers = (post["headers"] as? [[String: String]] ?? []).map { [$0["name"] ?? "": $0["value"] ?? ""] }
            #expect(headers.contains(["Authorization": "Bearer ***"]))
            let uptime = (entries[1]["headers"] as? [[String: String]] ?? []).map { [$0["name"] ?? "": $0["value"] ?? ""] }
            #expect(uptime.contains(["X-API-Key": "***"]) && uptime.contains(["Cookie": "***"]))
            #expect(!all.description.contains("YOUR_API_KEY") && !all.description.contains("session=abc"))
            #expect(post["body_bytes"] as? Int == Self.incidentBody.utf8.count && post["body_truncated"] as? Bool == false)
            #expect(entries[2]["route"] is NSNull && entries[2]["body"] is NSNull)

            let posts = Self.object(try server.send("GET", "/_statusd/requests?method=post"))
            #expect((posts["requests"] as? [[String: Any]])?.map { $0["id"] as? Int } == [1])
            let prefixed = Self.object(try server.send("GET", "/_statusd/requests?path_prefix=/api/&limit=5"))
            #expect((prefixed["requests"] as? [[String: Any]])?.map { $0["id"] as? Int } == [2])
            let last = Self.object(try server.send("GET", "/_statusd/requests?limit=1"))
            #expect((last["requests"] as? [[String: Any]])?.map { $0["id"] as? Int } == [3])
            let after = Self.object(try server.send("GET", "/_statusd/requests?after=1&limit=1"))
            #expect((after["requests"] as? [[String: Any]])?.map { $0["id"] as? Int } == [3])
            let route = Self.object(try server.send(
                "GET", "/_statusd/requests?route=/v1/status_pages/:status_page_id/incidents"))
            #expect(route["count"] as? Int == 1)
            let badFilter = try server.send("GET", "/_statusd/requests?colour=red")
            #expect(badFilter.status == 400)

            #expect(try server.send("DELETE", "/_statusd/requests").status == 204)
            #expect(Self.object(try server.send("GET", "/_statusd/requests"))["count"] as? Int == 0)
        }
    }

    @Test func aStatusFault_answersInTheShapesEnvelope_forTheNextNRequests() throws {
        try Self.withControlServer { server in
            let added = try server.send("POST", "/_statusd/faults", body:
                #"{"method":"GET","path":"/api/projects/*/status-pages/:page/incidents","status":503,"retry_after":7,"count":2}"#)
            #expect(added.status == 201)
            #expect(Self.object(added)["id"] as? String == "fault-1" && Self.object(added)["remaining"] as? Int == 2)
            let key = [("X-API-Key", "YOUR_API_KEY")]
            for _ in 0..<2 {
                let faulted = try server.send("GET", Self.uptimeList, headers: key)
                #expect(faulted.status == 503 && faulted.header("Retry-After") == "7")
                #expect(faulted.header("X-Statusd-Fault") == "fault-1")
                #expect(faulted.text
                    == #"{"success":false,"error":{"code":"SERVICE_UNAVAILABLE","message":"Injected fault: 503 Service Unavailable"}}"#)
            }
            #expect(try server.send("GET", Self.uptimeList, headers: key).status == 200)
            // POST to the same path is not matched by a GET rule.
            let listed = Self.object(try server.send("GET", "/_statusd/faults"))
            let fault = try #require((listed["faults"] as? [[String: Any]])?.first)
            #expect(fault["remaining"] as? Int == 0 && fault["hits"] as? Int == 2)

            _ = try server.send("POST", "/_statusd/faults", body: #"{"path":"/v1/**","status":429,"message":"slow down"}"#)
            let limited = try server.send("GET", "/v1/status_pages/a1b2c3d4/incidents", headers: Self.bearer)
            #expect(limited.status == 429)
            #expect(limited.text == #"{"result":null,"success":false,"errors":[{"code":429,"message":"slow down"}],"messages":[]}"#)
            #expect(try server.send("DELETE", "/_statusd/faults/fault-2").status == 204)
            #expect(try server.send("DELETE", "/_statusd/faults/fault-2").status == 404)
            #expect(try server.send("GET", "/v1/status_pages/a1b2c3d4/incidents", headers: Self.bearer).status == 200)

            let journal = Self.object(try server.send("GET", "/_statusd/requests"))
            let faults = (journal["requests"] as? [[String: Any]] ?? []).map { $0["faults"] as? [String] }
            #expect(faults == [["fault-1"], ["fault-1"], [], ["fault-2"], []])
        }
    }

    @Test func customBodies_latency_andDroppedConnections() throws {
        try Self.withControlServer { server in
            _ = try server.send("POST", "/_statusd/faults", body: #"{"path":"/healthz","status":500,"body":{"oops":true},"count":1}"#)
            let custom = try server.send("GET", "/healthz")
            #expect(custom.status == 500 && custom.text == #"{"oops":true}"#)

            _ = try server.send("POST", "/_statusd/faults", body: #"{"path":"/healthz","latency_ms":300,"count":1}"#)
            let started = ContinuousClock.now
            let slow = try server.send("GET", "/healthz")
            #expect(slow.status == 200 && ContinuousClock.now - started >= .milliseconds(300))

            _ = try server.send("POST", "/_statusd/faults", body: #"{"path":"/healthz","drop_connection":true,"count":1}"#)
            #expect(throws: (any Error).self) { try server.send("GET", "/healthz") }
            #expect(try server.send("GET", "/healthz").status == 200)
            let journal = Self.object(try server.send("GET", "/_statusd/requests?limit=2"))
            #expect((journal["requests"] as? [[String: Any]])?.first?["status"] is NSNull)
        }
    }

    @Test func aProbabilityFault_firesOnlySometimes() throws {
        try Self.withControlServer { server in
            _ = try server.send("POST", "/_statusd/faults", body: #"{"path":"/healthz","status":502,"probability":0.5}"#)
            let statuses = try (0..<60).map { _ in try server.send("GET", "/healthz").status }
            let failed = statuses.filter { $0 == 502 }.count
            // 60 draws at p = 0.5: all-or-nothing has a chance of 2^-59.
            #expect(failed > 0 && failed < 60 && statuses.allSatisfy { $0 == 502 || $0 == 200 })
        }
    }

    @Test(arguments: [
        (#"{"status":503}"#, "path: required, a path pattern starting with / (`:name` or `*` match one segment, a final `**` the rest)"),
        (#"{"path":"/x"}"#, "give at least one of status, drop_connection, latency_ms"),
        (#"{"path":"/x","status":99}"#, "status: must be a whole number from 200 to 599"),
        (#"{"path":"/x","status":503,"drop_connection":true}"#,
         "status and drop_connection exclude each other: a dropped connection has no status"),
        (#"{"path":"/x","status":503,"probability":2}"#, "probability: must be a number above 0 and at most 1"),
        (#"{"path":"/x","status":503,"colour":1}"#,
         "colour: unknown field (known: body, count, drop_connection, latency_ms, message, method, path, probability, retry_after, status)"),
        (#"[1]"#, "the body must be a JSON object"),
        (#"{"#, "the body must be a JSON object"),
    ])
    func badFaults_areRefusedWithTheReason(body: String, message: String) throws {
        try Self.withControlServer { server in
            let response = try server.send("POST", "/_statusd/faults", body: body)
            #expect(response.status == 400)
            #expect(Self.object(response)["error"] as? String == message)
        }
    }

    @Test func fixturesPosted_areLoaded_andBadOnesNamed() throws {
        try Self.withControlServer { server in
            let file = #"{"status_pages":[{"id":"extra","project_id":"default","name":"Extra"}]}"#
            #expect(try server.send("POST", "/_statusd/fixtures", body: file).status == 201)
            #expect(try server.send("GET", "/v1/status_pages/extra", headers: Self.bearer).status == 200)
            let bad = try server.send("POST", "/_statusd/fixtures", body: #"{"pages":[]}"#)
            #expect(bad.status == 422 && bad.text == #"{"error":"body: pages: unknown field"}"#)
            // A reset goes back to the start-up fixtures only.
            _ = try server.send("POST", "/_statusd/reset")
            #expect(try server.send("GET", "/v1/status_pages/extra", headers: Self.bearer).status == 404)
        }
    }

    @Test func controlRoutes_answer404And405InPlainJSON() throws {
        try Self.withControlServer { server in
            let missing = try server.send("GET", "/_statusd/nothing")
            #expect(missing.status == 404 && missing.text == #"{"error":"no such control endpoint"}"#)
            let wrong = try server.send("GET", "/_statusd/reset")
            #expect(wrong.status == 405 && wrong.header("Allow") == "OPTIONS, POST")
        }
    }

    @Test func remoteTestControl_withoutTLS_isRefused() throws {
        var options = ServeOptions(host: "0.0.0.0", port: 0)
        options.testControl = TestControlOptions()
        let store = try Store(path: FileManager.default.temporaryDirectory
            .appendingPathComponent("statusd-refuse-\(UUID().uuidString).db").path)
        defer { try? FileManager.default.removeItem(atPath: store.path) }
        #expect(throws: TestControlRefused.self) { _ = try RunningServer(store: store, options: options) }
        #expect(TestControlOptions.isLoopback("127.0.0.1") && TestControlOptions.isLoopback("::1"))
        #expect(TestControlOptions.isLoopback("localhost") && !TestControlOptions.isLoopback("0.0.0.0"))
        #expect(!TestControlOptions.isLoopback("10.0.0.2") && !TestControlOptions.isLoopback("::"))
    }

    @Test func latencyRules_addUp_andLeaveTheAnswerToTheNextRule() throws {
        try Self.withControlServer { server in
            _ = try server.send("POST", "/_statusd/faults", body: #"{"path":"/healthz","latency_ms":200}"#)
            _ = try server.send("POST", "/_statusd/faults", body: #"{"method":"GET","path":"/healthz","status":503,"count":1}"#)
            let started = ContinuousClock.now
            let both = try server.send("GET", "/healthz")
            #expect(both.status == 503 && both.header("X-Statusd-Fault") == "fault-1, fault-2")
            #expect(ContinuousClock.now - started >= .milliseconds(200))
            // HEAD matches a GET rule; latency alone keeps the real answer and says so.
            let head = try server.send("HEAD", "/healthz")
            #expect(head.status == 200 && head.header("X-Statusd-Fault") == "fault-1")
        }
    }

    @Test func aSlowAnswer_holdsNoHandlerThread() throws {
        try Self.withControlServer { server in
            _ = try server.send("POST", "/_statusd/faults", body: #"{"path":"/healthz","latency_ms":1500}"#)
            let slow = (0..<40).map { _ in try? RawHTTPClient(port: server.port, timeout: 10) }
            for client in slow { try client?.send("GET /healthz HTTP/1.1\r\nHost: h\r\n\r\n") }
            Thread.sleep(forTimeInterval: 0.2)
            // 40 held answers, more than the 16 read handler threads: the clock still answers at once.
            let started = ContinuousClock.now
            #expect(try server.send("GET", "/_statusd/clock").status == 200)
            #expect(ContinuousClock.now - started < .milliseconds(1000))
            for client in slow { #expect(try client?.readResponse().status == 200) }
        }
    }

    @Test func countedIds_skipIdsAFixtureAlreadyHolds() throws {
        try Self.withControlServer { server in
            let file = #"{"status_pages":[{"id":"00000000-0000-8000-8000-000000000001","name":"Taken"}]}"#
            #expect(try server.send("POST", "/_statusd/fixtures", body: file).status == 201)
            let created = try server.send("POST", "/v1/status_pages", headers: Self.bearer, body: #"{"name":"New","subdomain":"new"}"#)
            #expect(created.status == 201, "\(created.text)")
            #expect((Self.object(created)["result"] as? [String: Any])?["id"] as? String == "00000000-0000-8000-8000-000000000002")
        }
    }

    @Test(arguments: [
        #"{"advance_seconds":-1e11}"#, #"{"now":"2021-02-30T00:00:00Z"}"#, #"{"now":"2021-01-01T00:00:00Z","x":1}"#,
    ])
    func theClock_staysWithinWhatTheShapesCanWrite(body: String) throws {
        try Self.withControlServer { server in
            let refused = try server.send("POST", "/_statusd/clock", body: body)
            let after = try server.send("GET", "/_statusd/clock")
            #expect(refused.status == 400)
            #expect(after.text == #"{"now":"2021-06-01T00:00:00.000Z","manual":true}"#)
        }
    }

    @Test func theJournal_masksSecretLookingHeadersAndQueries_andCapsBodies() throws {
        try Self.withControlServer { server in
            let big = String(repeating: "x", count: 300_000)
            _ = try server.send("POST", "/healthz?api_key=SECRET1&page=2", headers: [("X-Auth-Token", "SECRET2")], body: big)
            let journal = try server.send("GET", "/_statusd/requests")
            #expect(!journal.text.contains("SECRET"))
            let entry = try #require((Self.object(journal)["requests"] as? [[String: Any]])?.first)
            #expect(entry["query"] as? String == "api_key=***&page=2")
            #expect(entry["body_bytes"] as? Int == 300_000 && entry["body_truncated"] as? Bool == true)
            #expect((entry["body"] as? String)?.utf8.count == 256 << 10)
        }
    }
}
