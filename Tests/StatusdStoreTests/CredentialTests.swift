import Foundation
import GRDB
@testable import StatusdStore
import StatusdCore
import Testing

@Suite struct CredentialTests {
    @Test func generatedSecret_isRandomBase64URL_authenticates() throws {
        try withTestStore { store in
            let first = try store.createCredential(name: "ci", projectId: nil, readOnly: false, secret: nil)
            let second = try store.createCredential(name: "ci", projectId: nil, readOnly: false, secret: nil)
            #expect(first.secret.count == 43)
            #expect(first.secret != second.secret)
            #expect(first.secret.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
            #expect(try store.authenticate(secret: first.secret)?.id == first.credential.id)
            #expect(try store.authenticate(secret: first.secret + "x") == nil)
            #expect(try store.authenticate(secret: "") == nil)
        }
    }

    @Test func givenSecret_scopeAndReadOnly_areKept() throws {
        try withTestStore { store in
            _ = try store.createProject(id: "p1", name: "P1")
            let created = try store.createCredential(name: "reader", projectId: "p1", readOnly: true, secret: "known")
            #expect(created.secret == "known")
            let found = try #require(try store.authenticate(secret: "known"))
            #expect(found.name == "reader")
            #expect(found.projectId == "p1")
            #expect(found.readOnly)
            #expect(found.reaches(project: "p1"))
            #expect(!found.reaches(project: "p2"))
        }
    }

    @Test func duplicateSecret_orMissingProject_isRefused() throws {
        try withTestStore { store in
            _ = try store.createCredential(name: "a", projectId: nil, readOnly: false, secret: "same")
            #expect(throws: StoreError.duplicate(field: "secret", value: "(hidden)")) {
                try store.createCredential(name: "b", projectId: nil, readOnly: false, secret: "same")
            }
            #expect(throws: StoreError.missingParent("project")) {
                try store.createCredential(name: "b", projectId: "nope", readOnly: false, secret: nil)
            }
            #expect(try store.credentials().count == 1)
        }
    }

    @Test func revoke_takesEffectOnNextAuthentication_evenFromAnotherStore() throws {
        // A second Store on the same database stands for the CLI while `serve` runs (or, on
        // PostgreSQL, another instance).
        try withServerAndCLIStores { store, cli in
            let created = try store.createCredential(name: "a", projectId: nil, readOnly: false, secret: "s1")
            #expect(try store.authenticate(secret: "s1") != nil)
            #expect(try cli.revokeCredential(created.credential.id))
            #expect(try store.authenticate(secret: "s1") == nil)
            #expect(try cli.revokeCredential("absent") == false)
            let listed = try #require(try store.credentials().first)
            #expect(listed.revokedAt != nil)
        }
    }

    @Test func authenticate_recordsLastUsed() throws {
        try withTestStore { store in
            let created = try store.createCredential(name: "a", projectId: nil, readOnly: false, secret: "s1")
            #expect(created.credential.lastUsedAt == nil)
            _ = try store.authenticate(secret: "s1")
            store.waitForLastUsedWrites()
            let used = try #require(try store.credential(created.credential.id))
            #expect(used.lastUsedAt != nil)
        }
    }

    @Test func databaseFiles_neverContainTheSecret() throws {
        try withSQLiteTestStore { store in
            let secrets = try (0..<5).map { index in
                try store.createCredential(name: "t\(index)", projectId: nil, readOnly: false, secret: nil).secret
            } + [try store.createCredential(name: "k", projectId: nil, readOnly: false, secret: "plain-known-secret-42").secret]
            for secret in secrets { _ = try store.authenticate(secret: secret) }
            var bytes = Data()
            for suffix in ["", "-wal", "-shm"] {
                bytes += (try? Data(contentsOf: URL(fileURLWithPath: store.path + suffix))) ?? Data()
            }
            #expect(bytes.count > 0)
            for secret in secrets {
                #expect(bytes.range(of: Data(secret.utf8)) == nil, "secret found in the database files")
            }
            // The hash is what is stored.
            #expect(bytes.range(of: Data(try Secrets.sha256("plain-known-secret-42"))) != nil)
        }
    }

    @Test func sha256_matchesKnownVector_andCompareIsExact() throws {
        let digest = try Secrets.sha256("abc")
        let hex = digest.map { String(format: "%02x", $0) }.joined()
        #expect(hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Secrets.equal(digest, digest))
        #expect(!Secrets.equal(digest, try Secrets.sha256("abd")))
        #expect(!Secrets.equal(digest, Array(digest.prefix(31))))
        #expect(Secrets.base64URL([0xfb, 0xff]) == "-_8")
        #expect(Secrets.base64URL(Array("foobar".utf8)) == "Zm9vYmFy")
    }

    /// Ids the store makes are lowercase version-7 UUIDs (RFC 9562 §5.7), each different, their first
    /// 48 bits the creation time in milliseconds, so ids made later sort after earlier ones.
    @Test func newIdsAreTimeOrderedVersion7UUIDs() throws {
        let source = IdSource.random()
        let before = Timestamp.now().millisecondsSince1970
        let ids = try (0..<1000).map { _ in try source.next(millisecondsSince1970: Timestamp.now().millisecondsSince1970) }
        let after = Timestamp.now().millisecondsSince1970
        #expect(Set(ids).count == ids.count)
        for id in ids {
            let parts = id.split(separator: "-", omittingEmptySubsequences: false)
            #expect(parts.map(\.count) == [8, 4, 4, 4, 12])
            #expect(id.allSatisfy { "0123456789abcdef-".contains($0) })
            #expect(parts[2].first == "7")
            #expect("89ab".contains(parts[3].first ?? "x"))
            #expect(UUID(uuidString: id) != nil)
            let milliseconds = Int64(parts[0] + parts[1], radix: 16) ?? -1
            #expect((before...after).contains(milliseconds))
        }
        // Within one millisecond the order is random; across milliseconds it is the time's.
        let later = try Secrets.timeOrderedUUID(millisecondsSince1970: after + 1)
        #expect(ids.allSatisfy { $0 < later })
        #expect(try Secrets.timeOrderedUUID(millisecondsSince1970: 0).hasPrefix("00000000-0000-7"))
        #expect(try Secrets.timeOrderedUUID(millisecondsSince1970: 0x0123_4567_89ab).hasPrefix("01234567-89ab-7"))
    }
}
