import Foundation
import COpenSSL
import GRDB

// Keys the server keeps for itself in the file (Migrations/0014), shared by every process on it.
extension Store {
    /// The secret kept under `name`: made on first call (32 random bytes, inserted only if no other
    /// process made it first) and the same ever after, across restarts and processes.
    public func serverSecret(named name: String) throws -> [UInt8] {
        if let existing = try read({ db in try Self.fetchSecret(name, db) }) { return existing }
        var fresh = [UInt8](repeating: 0, count: Secrets.randomByteCount)
        guard RAND_bytes(&fresh, Int32(fresh.count)) == 1 else { throw Secrets.Failure.randomUnavailable }
        return try write { db in
            try db.cachedStatement(sql: "INSERT INTO server_secrets(name, value, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                .execute(arguments: [name, Data(fresh), now()])
            // Another process's, if it came first: every process then signs with the same key.
            guard let kept = try Self.fetchSecret(name, db) else { throw StoreError.missingParent("server secret") }
            return kept
        }
    }

    /// The secret kept under `name` if one was made; never writes.
    public func existingServerSecret(named name: String) throws -> [UInt8]? {
        try read { db in try Self.fetchSecret(name, db) }
    }

    private static func fetchSecret(_ name: String, _ db: SQLDatabase) throws -> [UInt8]? {
        try Data.fetchOne(
            db.cachedStatement(sql: "SELECT value FROM server_secrets WHERE name = ?"), arguments: [name]).map { Array($0) }
    }
}
