import Foundation
@testable import StatusdStore
import StatusdCore
import StatusdTesting
import Testing

/// `Store.withIdempotencyKey`: the write and its key row commit together or not at all; a key is
/// claimed in this process while its first request runs.
@Suite struct IdempotencyKeyTests {
    static let answer = IdempotentAnswer(
        status: 201, headerFields: [("Content-Type", "application/json"), ("Location", "/x")], body: Array("{}".utf8))

    static func newIncident(_ title: String) -> NewIncident {
        NewIncident(title: title, description: "d", impact: nil, components: [], createdBy: "test")
    }

    @Test func aKeyStillRunningIsInFlight() throws {
        try withTestStore { store in
            let fixture = try PageFixture.make(in: store)
            let credential = try store.createCredential(name: "ci", projectId: nil, readOnly: false, secret: nil).credential
            let fingerprint = try Store.idempotencyFingerprint(method: "POST", target: "/a", body: [])
            var inner: IdempotentOutcome?
            let outer = try store.withIdempotencyKey("k", credentialId: credential.id, fingerprint: fingerprint) {
                _ = try store.createIncident(Self.newIncident("Outer"), statusPageId: fixture.page.id)
                inner = try store.withIdempotencyKey("k", credentialId: credential.id, fingerprint: fingerprint) { Self.answer }
                return Self.answer
            }
            guard case .inFlight = inner else { Issue.record("inner: \(String(describing: inner))"); return }
            guard case .ran(let ran) = outer else { Issue.record("outer: \(outer)"); return }
            #expect(ran == Self.answer)
            // Released once done: a retry replays, headers in order.
            let retry = try store.withIdempotencyKey("k", credentialId: credential.id, fingerprint: fingerprint) {
                Issue.record("ran twice")
                return Self.answer
            }
            guard case .replayed(let replayed) = retry else { Issue.record("retry: \(retry)"); return }
            #expect(replayed == Self.answer)
        }
    }

    /// Two instances on one PostgreSQL database: while the key's first request runs on one, the
    /// other answers in flight at once (the key's advisory lock), then replays once it committed.
    @Test(.postgres) func aKeyRunningOnAnotherInstanceIsInFlight() throws {
        try withFreshStoreDatabase { url in
            let first = try Store(postgres: url)
            let second = try Store(postgres: url)
            let fixture = try PageFixture.make(in: first)
            let credential = try first.createCredential(name: "ci", projectId: nil, readOnly: false, secret: nil).credential
            let fingerprint = try Store.idempotencyFingerprint(method: "POST", target: "/a", body: [])
            var elsewhere: IdempotentOutcome?
            let outcome = try first.withIdempotencyKey("k", credentialId: credential.id, fingerprint: fingerprint) {
                _ = try first.createIncident(Self.newIncident("First"), statusPageId: fixture.page.id)
                elsewhere = try second.withIdempotencyKey("k", credentialId: credential.id, fingerprint: fingerprint) { Self.answer }
                return Self.answer
            }
            guard case .inFlight = elsewhere else { Issue.record("second: \(String(describing: elsewhere))"); return }
            guard case .ran = outcome else { Issue.record("first: \(outcome)"); return }
            let retry = try second.withIdempotencyKey("k", credentialId: credential.id, fingerprint: fingerprint) {
                Issue.record("ran twice")
                return Self.answer
            }
            guard case .replayed(let replayed) = retry else { Issue.record("retry: \(retry)"); return }
            #expect(replayed == Self.answer)
        }
    }

    /// A request that fails after writing (a crash, in effect) leaves neither its write nor its key.
    @Test func aFailedRequestKeepsNeitherWriteNorKey() throws {
        struct Crash: Error {}
        try withTestStore { store in
            let fixture = try PageFixture.make(in: store)
            let credential = try store.createCredential(name: "ci", projectId: nil, readOnly: false, secret: nil).credential
            let fingerprint = try Store.idempotencyFingerprint(method: "POST", target: "/a", body: [])
            #expect(throws: Crash.self) {
                try store.withIdempotencyKey("k", credentialId: credential.id, fingerprint: fingerprint) {
                    _ = try store.createIncident(Self.newIncident("Lost"), statusPageId: fixture.page.id)
                    throw Crash()
                }
            }
            #expect(try store.incidents(IncidentQuery(statusPageId: fixture.page.id, search: "Lost")).total == 0)
            #expect(try store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM idempotency_keys") } == 0)
        }
    }

    @Test func aKeyExpiresAfter24Hours() throws {
        let clock = StoreClock.manual(at: Timestamp(millisecondsSince1970: 1_800_000_000_000))
        try withTemporaryFolder { folder in
            let store = try Store(path: folder.appendingPathComponent("t.db").path, clock: clock)
            let credential = try store.createCredential(name: "ci", projectId: nil, readOnly: false, secret: nil).credential
            let fingerprint = try Store.idempotencyFingerprint(method: "POST", target: "/a", body: [])
            _ = try store.withIdempotencyKey("k", credentialId: credential.id, fingerprint: fingerprint) { Self.answer }
            _ = clock.advance(byMilliseconds: Store.idempotencyKeyLifetimeMilliseconds - 1)
            let early = try store.withIdempotencyKey("k", credentialId: credential.id, fingerprint: [1]) { Self.answer }
            guard case .keyReused = early else { Issue.record("within 24 h: \(early)"); return }
            _ = clock.advance(byMilliseconds: 1)
            let late = try store.withIdempotencyKey("k", credentialId: credential.id, fingerprint: [1]) { Self.answer }
            guard case .ran = late else { Issue.record("after 24 h: \(late)"); return }
        }
    }

    /// Two processes on one file: the second takes the key after the first committed, and replays.
    @Test func anotherStoreOnTheFileReplays() throws {
        try withServerAndCLIStores { server, other in
            let fixture = try PageFixture.make(in: server)
            let credential = try server.createCredential(name: "ci", projectId: nil, readOnly: false, secret: nil).credential
            let fingerprint = try Store.idempotencyFingerprint(method: "POST", target: "/a", body: [])
            _ = try server.withIdempotencyKey("k", credentialId: credential.id, fingerprint: fingerprint) {
                _ = try server.createIncident(Self.newIncident("Once"), statusPageId: fixture.page.id)
                return Self.answer
            }
            let second = try other.withIdempotencyKey("k", credentialId: credential.id, fingerprint: fingerprint) {
                _ = try other.createIncident(Self.newIncident("Once"), statusPageId: fixture.page.id)
                return Self.answer
            }
            guard case .replayed(let replayed) = second else { Issue.record("second: \(second)"); return }
            #expect(replayed == Self.answer)
            #expect(try other.incidents(IncidentQuery(statusPageId: fixture.page.id, search: "Once")).total == 1)
        }
    }
}
