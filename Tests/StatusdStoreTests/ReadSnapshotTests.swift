import Foundation
import StatusdCore
@testable import StatusdStore
import StatusdSync
import Testing

/// `withReadSnapshot` runs on reused read-only connections (`SnapshotReaders`): each request must
/// still see every write committed before it started, including a CLI's from another process.
@Suite struct ReadSnapshotTests {
    @Test func aReusedReaderSeesWritesCommittedSinceItsLastSnapshot() throws {
        try withTestStore { store in
            _ = try PageFixture.make(in: store)
            for round in 0..<5 {
                let created = try store.createIncident(.make(title: "Round \(round)"), statusPageId: "page")
                let seen = try store.withReadSnapshot { try store.incident(created.id, statusPageId: "page") }
                #expect(seen?.title == "Round \(round)")
            }
        }
    }

    @Test func aRevokeThroughAnotherStoreAppliesToTheNextSnapshot() throws {
        try withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("test.db").path
            let server = try Store(path: path)
            let cli = try Store(path: path)
            let (credential, secret) = try server.createCredential(
                name: "ci", projectId: nil, readOnly: false, secret: "snapshot-secret-0123456789")
            #expect(try server.withReadSnapshot { try server.authenticate(secret: secret) }?.id == credential.id)
            #expect(try cli.revokeCredential(credential.id))
            #expect(try server.withReadSnapshot { try server.authenticate(secret: secret) } == nil)
            server.waitForLastUsedWrites()
        }
    }

    @Test func moreConcurrentSnapshotsThanReadersAllSucceed() throws {
        try withTestStore { store in
            _ = try PageFixture.make(in: store)
            let created = try store.createIncident(.make(), statusPageId: "page")
            let count = SnapshotReaders.slotCount * 2
            let successes = Locked(0)
            let finished = DispatchGroup()
            for _ in 0..<count {  // one thread each (not concurrentPerform, which is as wide as the CPU)
                finished.enter()
                Thread.detachNewThread {
                    let seen = try? store.withReadSnapshot { () -> Incident? in
                        Thread.sleep(forTimeInterval: 0.05)  // hold the reader so that the others overlap
                        return try store.incident(created.id, statusPageId: "page")
                    }
                    if seen?.id == created.id { successes.withLock { $0 += 1 } }
                    finished.leave()
                }
            }
            finished.wait()
            #expect(successes.withLock { $0 } == count)
        }
    }
}
