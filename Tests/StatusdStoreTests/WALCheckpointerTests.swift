import Foundation
@testable import StatusdStore
import StatusdCore
import Testing

/// `keepWALSmall`: a WAL over the limit is emptied by a TRUNCATE checkpoint, even while reads keep
/// going, and nothing written is lost.
@Suite struct WALCheckpointerTests {
    @Test func aWALOverTheLimitIsEmptiedWhileReadsGoOn() throws {
        try withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("test.db").path
            let store = try Store(path: path)
            _ = try PageFixture.make(in: store)
            let ids = try (0..<200).map { try store.createIncident(.make(title: "Incident \($0)"), statusPageId: "page").id }
            let walPath = path + "-wal"
            #expect(WALCheckpointer.fileSize(walPath) > 64 * 1024)

            let reading = ManagedAtomicFlag()
            let reader = Thread {
                while !reading.isSet {
                    _ = try? store.withReadSnapshot { try store.incident(ids[0], statusPageId: "page") }
                }
            }
            reader.start()
            defer { reading.set() }
            store.keepWALSmall(limitBytes: 64 * 1024, interval: .milliseconds(50))
            let deadline = Date().addingTimeInterval(10)
            while WALCheckpointer.fileSize(walPath) > 64 * 1024, Date() < deadline {
                Thread.sleep(forTimeInterval: 0.02)
            }
            #expect(WALCheckpointer.fileSize(walPath) <= 64 * 1024)
            for id in ids { #expect(try store.incident(id, statusPageId: "page") != nil) }
            _ = try store.createIncident(.make(), statusPageId: "page")  // and the emptied WAL takes writes
            #expect(try store.integrityCheck() == ["ok"])
        }
    }
}

/// A one-way flag for stopping a test's background thread.
final class ManagedAtomicFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}
