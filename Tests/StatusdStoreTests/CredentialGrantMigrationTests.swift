import Foundation
import GRDB
import StatusdCore
@testable import StatusdStore
import Testing

/// Migrations/0017: credentials made before grants keep what they could do, and a change to grants
/// or expiry moves the credentials counter (the in-memory credential is trusted while it holds).
@Suite struct CredentialGrantMigrationTests {
    @Test func existingCredentialsKeepFullAccess() throws {
        try withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("m.db").path
            let old = try storeShortOf("0017", path: path)
            try old.write { db in
                try db.execute(sql: """
                    INSERT INTO credentials(id, name, secret_sha256, project_id, read_only, created_at)
                    VALUES ('rw', 'rw', ?, NULL, 0, 1), ('ro', 'ro', ?, NULL, 1, 1)
                    """, arguments: [Data(try Secrets.sha256("rw-secret")), Data(try Secrets.sha256("ro-secret"))])
            }
            let upgraded = try Store(path: path)
            #expect(upgraded.migrationsApplied.contains("0017_credential_grants_and_expiry.sql"))
            let rw = try #require(try upgraded.authenticate(secret: "rw-secret"))
            let ro = try #require(try upgraded.authenticate(secret: "ro-secret"))
            #expect(rw.grants == .all(.edit) && rw.expiresAt == nil)
            #expect(ro.grants == .all(.read) && ro.readOnly)
            let counter = try upgraded.changeCounters().credentials
            try upgraded.write { db in try db.execute(sql: "UPDATE credentials SET expires_at = 5 WHERE id = 'rw'") }
            #expect(try upgraded.changeCounters().credentials > counter)
            upgraded.waitForLastUsedWrites()
        }
    }
}
