@testable import StatusdStore
import Testing

/// The server's own keys (Migrations/0014): made once, the same for every store on the file and
/// after reopening it, and left alone by a fixture reset.
@Suite struct ServerSecretTests {
    @Test func aSecret_isSharedByEveryStoreOnTheFile_andOutlivesAReset() throws {
        try withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("test.db").path
            let first = try Store(path: path)
            let second = try Store(path: path)
            let made = try first.serverSecret(named: "page_access")
            #expect(made.count == 32)
            #expect(try second.serverSecret(named: "page_access") == made)
            #expect(try first.serverSecret(named: "other") != made)
            try first.reset(to: [])
            #expect(try Store(path: path).serverSecret(named: "page_access") == made)
        }
    }
}
