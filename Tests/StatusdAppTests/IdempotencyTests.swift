import Dispatch
import Foundation
import StatusdApp
import StatusdCore
import StatusdStore
import StatusdTesting
import Synchronization
import Testing

/// `Idempotency-Key` on POST and PATCH (issue 20), over real sockets, through both shapes: a retry
/// replays the first answer byte for byte without a second write; the key is per credential, is
/// refused for another request (422), and survives a restart.
@Suite struct IdempotencyTests {
    /// What a replay must repeat: status, every header but `Date` and `X-Request-Id` (each request's
    /// own), body.
    static func replayable(_ response: TestResponse) -> [String] {
        [String(response.status)]
            + response.headers.filter { !["date", "x-request-id"].contains($0.name.lowercased()) }.map { "\($0.name.lowercased()): \($0.value)" }
            + [response.text]
    }

    static func create(
        _ server: TestServer, _ shape: Shape, title: String, key: String?, auth: (String, String)? = nil
    ) throws -> TestResponse {
        var headers = [auth ?? shape.authorization, ("Content-Type", "application/json")]
        if let key { headers.append(("Idempotency-Key", key)) }
        return try server.send("POST", shape.incidentsPath(onPageOf: shape), headers: headers, body: shape.createBody(title: title))
    }

    static func count(_ server: TestServer, _ shape: Shape, title: String) throws -> Int {
        try server.store.incidents(IncidentQuery(statusPageId: shape.page, search: title, perPage: 100)).total
    }

    @Test(arguments: Shape.allCases)
    func aRetriedCreateReplaysTheFirstAnswerAndWritesOnce(shape: Shape) throws {
        try withTestServer { server in
            let first = try Self.create(server, shape, title: "Retried create", key: #""create-1""#)
            #expect((200..<300).contains(first.status), "\(first.text)")
            let retry = try Self.create(server, shape, title: "Retried create", key: #""create-1""#)
            #expect(Self.replayable(retry) == Self.replayable(first))
            #expect(try Self.count(server, shape, title: "Retried create") == 1)
        }
    }

    @Test(arguments: Shape.allCases)
    func concurrentRequestsWithOneKeyCreateOneIncident(shape: Shape) throws {
        try withTestServer { (server: TestServer) throws in
            let responses = Mutex<[TestResponse]>([])
            DispatchQueue.concurrentPerform(iterations: 8) { _ in
                let response = try? Self.create(server, shape, title: "Concurrent create", key: #""together""#)
                responses.withLock { $0.append(response ?? TestResponse(status: 0, headers: [], body: [])) }
            }
            let all = responses.withLock { $0 }
            let succeeded = all.filter { (200..<300).contains($0.status) }
            #expect(!succeeded.isEmpty)
            // Every 2xx is the one answer, replayed; the rest were told the first was still running.
            #expect(Set(succeeded.map { Self.replayable($0) }).count == 1)
            #expect(all.allSatisfy { (200..<300).contains($0.status) || $0.status == 409 }, "\(all.map(\.status))")
            #expect(try Self.count(server, shape, title: "Concurrent create") == 1)
        }
    }

    @Test(arguments: Shape.allCases)
    func theSameKeyForAnotherBodyIsRefusedWith422(shape: Shape) throws {
        try withTestServer { server in
            _ = try Self.create(server, shape, title: "First body", key: #""reused""#)
            let other = try Self.create(server, shape, title: "Second body", key: #""reused""#)
            #expect(other.status == 422)
            switch shape {
            case .onlineOrNot:
                #expect(other.text == #"{"result":null,"success":false,"errors":[{"code":10011,"message":"This Idempotency-Key was already used for a different request (another method, path or body)"}],"messages":[]}"#)
            case .uptimeIO:
                #expect(other.text == #"{"success":false,"error":{"code":"IDEMPOTENCY_KEY_REUSED","message":"This Idempotency-Key was already used for a different request (another method, path or body)"}}"#)
            }
            #expect(try Self.count(server, shape, title: "Second body") == 0)
        }
    }

    @Test func theSameKeyOnAnotherRouteIsRefusedWith422() throws {
        try withTestServer { server in
            _ = try Self.create(server, .onlineOrNot, title: "Route one", key: #""route""#)
            let page = try server.send(
                "PATCH", "/v1/status_pages/\(Shape.onlineOrNotPage)",
                headers: [Shape.onlineOrNot.authorization, ("Content-Type", "application/json"), ("Idempotency-Key", #""route""#)],
                body: Shape.onlineOrNot.createBody(title: "Route one"))
            #expect(page.status == 422)
        }
    }

    @Test(arguments: Shape.allCases)
    func anotherCredentialsKeyIsIndependent(shape: Shape) throws {
        try withTestServer { server in
            _ = try server.store.createCredential(name: "other", projectId: nil, readOnly: false, secret: "other-secret")
            let otherAuth = shape == .onlineOrNot ? ("Authorization", "Bearer other-secret") : ("X-API-Key", "other-secret")
            let mine = try Self.create(server, shape, title: "Per credential", key: #""shared-key""#)
            let theirs = try Self.create(server, shape, title: "Per credential", key: #""shared-key""#, auth: otherAuth)
            #expect((200..<300).contains(mine.status) && (200..<300).contains(theirs.status))
            #expect(shape.incident(in: mine)?["id"] as? String != shape.incident(in: theirs)?["id"] as? String)
            #expect(try Self.count(server, shape, title: "Per credential") == 2)
        }
    }

    /// A PATCH replayed after a later change answers as it did then, and does not undo the change.
    @Test(arguments: Shape.allCases)
    func aRetriedPatchReplaysWithoutWritingAgain(shape: Shape) throws {
        try withTestServer { server in
            let created = try Self.create(server, shape, title: "To be patched", key: nil)
            let id = try #require(shape.incident(in: created)?["id"] as? String)
            let path = shape.incidentsPath(onPageOf: shape) + "/" + id
            func patch(_ title: String, key: String?) throws -> TestResponse {
                var headers = [shape.authorization, ("Content-Type", "application/json")]
                if let key { headers.append(("Idempotency-Key", key)) }
                return try server.send("PATCH", path, headers: headers, body: #"{"title":"\#(title)"}"#)
            }
            let first = try patch("Patched once", key: #""patch-1""#)
            #expect(first.status == 200, "\(first.text)")
            #expect(try patch("Patched later", key: nil).status == 200)
            let retry = try patch("Patched once", key: #""patch-1""#)
            #expect(Self.replayable(retry) == Self.replayable(first))
            let shown = try server.send("GET", path, headers: [shape.authorization])
            #expect(shape.incident(in: shown)?["title"] as? String == "Patched later")
        }
    }

    @Test func aKeySurvivesARestart() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("statusd-idem-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("statusd.db").path
        func withServer<T>(_ body: (TestServer) throws -> T) throws -> T {
            let running = try RunningServer(store: try Store(path: path), options: ServeOptions(host: "127.0.0.1", port: 0))
            defer { running.stop() }
            return try body(TestServer(running: running, database: path))
        }
        let first = try withServer { server in
            try server.store.loadDemoFixtures()
            return try Self.create(server, .uptimeIO, title: "Before restart", key: #""restart""#)
        }
        #expect(first.status == 201, "\(first.text)")
        try withServer { server in
            let retry = try Self.create(server, .uptimeIO, title: "Before restart", key: #""restart""#)
            #expect(Self.replayable(retry) == Self.replayable(first))
            #expect(try Self.count(server, .uptimeIO, title: "Before restart") == 1)
        }
    }

    @Test(arguments: [#"unquoted"#, #""""#, "\"\(String(repeating: "k", count: 256))\"", #""a"b""#, #""bad\escape""#])
    func aMalformedKeyIsRefusedWith400(key: String) throws {
        try withTestServer { server in
            let online = try Self.create(server, .onlineOrNot, title: "Bad key", key: key)
            #expect(online.status == 400)
            #expect(online.text == #"{"result":null,"success":false,"errors":[{"code":10005,"message":"Idempotency-Key must be one quoted string (RFC 8941) of 1 to 255 printable ASCII characters, e.g. \"4f1c2a\"","field":"Idempotency-Key"}],"messages":[]}"#)
            let uptime = try Self.create(server, .uptimeIO, title: "Bad key", key: key)
            #expect(uptime.status == 400)
            #expect((jsonObject(uptime.body) as? [String: Any])?["success"] as? Bool == false)
            #expect(try Self.count(server, .onlineOrNot, title: "Bad key") + Self.count(server, .uptimeIO, title: "Bad key") == 0)
        }
    }

    @Test func aKeyOf255CharactersWithEscapesIsAccepted() throws {
        try withTestServer { server in
            let key = "\"" + String(repeating: "k", count: 253) + #"\"\\""#
            let first = try Self.create(server, .onlineOrNot, title: "Long key", key: key)
            #expect(first.status == 200, "\(first.text)")
            #expect(Self.replayable(try Self.create(server, .onlineOrNot, title: "Long key", key: key)) == Self.replayable(first))
        }
    }

    /// A 4xx changed nothing and is not kept: the retry, now valid, runs.
    @Test func aClientErrorIsNotKept() throws {
        try withTestServer { server in
            let path = Shape.onlineOrNot.incidentsPath(onPageOf: .onlineOrNot)
            let headers = [Shape.onlineOrNot.authorization, ("Content-Type", "application/json"), ("Idempotency-Key", #""fix-and-retry""#)]
            let invalid = try server.send("POST", path, headers: headers, body: #"{"title":""}"#)
            #expect(invalid.status == 400)
            let valid = try Self.create(server, .onlineOrNot, title: "Fixed", key: #""fix-and-retry""#)
            #expect(valid.status == 200, "\(valid.text)")
            #expect(try Self.count(server, .onlineOrNot, title: "Fixed") == 1)
        }
    }

    /// PUT and DELETE are idempotent already: a key there is ignored, even a malformed one.
    @Test func aKeyOnDeleteIsIgnored() throws {
        try withTestServer { server in
            let created = try Self.create(server, .onlineOrNot, title: "To delete", key: nil)
            let id = try #require(Shape.onlineOrNot.incident(in: created)?["id"] as? String)
            let deleted = try server.send(
                "DELETE", Shape.onlineOrNot.incidentsPath(onPageOf: .onlineOrNot) + "/" + id,
                headers: [Shape.onlineOrNot.authorization, ("Idempotency-Key", "unquoted")])
            #expect((200..<300).contains(deleted.status), "\(deleted.text)")
        }
    }

    /// While the first request with a key waits for the write lock (held by another store on the
    /// file, as another process would), a second with the key answers 409 at once; the first then
    /// completes, and the one incident is created. SQLite's: PostgreSQL has no lock of the whole
    /// database (its instances' keys: IdempotencyKeyTests).
    @Test(arguments: Shape.allCases)
    func aKeyInFlightAnswers409(shape: Shape) throws {
        try withSQLiteTestServer { (server: TestServer) throws in
            let other = try server.openAnotherStore()
            let credentialId = try #require(try server.store.credentials().first?.id)
            let holding = DispatchSemaphore(value: 0)
            let release = DispatchSemaphore(value: 0)
            let holder = DispatchGroup()
            DispatchQueue.global().async(group: holder) {
                _ = try? other.withIdempotencyKey("lock-holder", credentialId: credentialId, fingerprint: [0]) {
                    holding.signal()
                    release.wait()
                    return IdempotentAnswer(status: 500, headerFields: [], body: [])
                }
            }
            holding.wait()
            let answers = Mutex<[TestResponse]>([])
            let answered = DispatchSemaphore(value: 0)
            for _ in 0..<2 {
                DispatchQueue.global().async {
                    let response = (try? Self.create(server, shape, title: "In flight", key: #""in-flight""#))
                        ?? TestResponse(status: 0, headers: [], body: [])
                    answers.withLock { $0.append(response) }
                    answered.signal()
                }
            }
            answered.wait()
            // The lock is still held: this answer cannot be the request that writes.
            let first = try #require(answers.withLock { $0.first })
            release.signal()
            holder.wait()
            answered.wait()
            #expect(first.status == 409, "\(first.text)")
            switch shape {
            case .onlineOrNot:
                #expect(first.text == #"{"result":null,"success":false,"errors":[{"code":10009,"message":"A request with this Idempotency-Key is still being processed; retry once it has completed"}],"messages":[]}"#)
            case .uptimeIO:
                #expect(first.text == #"{"success":false,"error":{"code":"CONFLICT","message":"A request with this Idempotency-Key is still being processed; retry once it has completed"}}"#)
            }
            let second = try #require(answers.withLock { $0.last })
            #expect((200..<300).contains(second.status), "\(second.text)")
            #expect(try Self.count(server, shape, title: "In flight") == 1)
        }
    }
}
