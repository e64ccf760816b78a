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

    /// Subscriber links: checking one never makes the key (a forged token on a server that never
    /// sent mail is refused with a read, no write); the first link made creates it, and links made
    /// by one store's `SubscriberLinks` check out through another's on the same file.
    @Test func subscriberLinks_makeTheirKeyOnlyWhenALinkIsMade() throws {
        try withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("test.db").path
            let store = try Store(path: path)
            let links = SubscriberLinks(store: store)
            let forged = "61.0000000000000000000000000000000000000000000000000000000000000000"
            #expect(try links.subscriberId(from: forged, .unsubscribe) == nil)
            #expect(try store.existingServerSecret(named: "subscriber_links") == nil)
            let token = try links.token(subscriberId: "sub-1", .confirm)
            #expect(try store.existingServerSecret(named: "subscriber_links")?.count == 32)
            let elsewhere = SubscriberLinks(store: try Store(path: path))
            #expect(try elsewhere.subscriberId(from: token, .confirm) == "sub-1")
            #expect(try elsewhere.subscriberId(from: token, .unsubscribe) == nil)
            #expect(try links.subscriberId(from: forged, .unsubscribe) == nil)
        }
    }
}
