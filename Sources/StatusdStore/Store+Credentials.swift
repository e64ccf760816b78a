import Dispatch
import Foundation
import GRDB
import StatusdCore
import StatusdSync

// API credentials: only the SHA-256 of a secret is stored; the secret is shown once, at creation.
extension Store {
    /// How stale `last_used_at` may get before a request writes it again (keeps auth off the writer).
    static let lastUsedResolutionMilliseconds: Int64 = 1000

    /// `secret` nil: 32 random bytes (RAND_bytes) as base64url. Returns the secret once.
    /// Throws `.duplicate(field: "secret", ...)` if another credential has the same secret.
    /// `grants` nil: every scope, at READ if `readOnly` else EDIT; given, `readOnly` is ignored and
    /// the credential is read-only when it holds no EDIT grant. `expiresAt` nil: never expires.
    public func createCredential(
        name: String, projectId: String?, readOnly: Bool, secret: String?,
        grants: CredentialGrants? = nil, expiresAt: Timestamp? = nil
    ) throws -> (credential: Credential, secret: String) {
        let secret = try secret ?? Secrets.generate()
        guard !secret.isEmpty else { throw Secrets.Failure.emptySecret }
        let digest = try Secrets.sha256(secret)
        let grants = grants ?? .full(readOnly: readOnly)
        let credential = try write { db in
            let credential = try insertCredential(
                id: nil, name: name, projectId: projectId, grants: grants, expiresAt: expiresAt, digest: digest, db)
            try auditCreated(.apiToken, credential.id, db)
            return credential
        }
        return (credential, secret)
    }

    /// Every credential, revoked ones included, ordered by created_at then id.
    public func credentials() throws -> [Credential] {
        try read { db in
            try db.makeStatement(sql: "SELECT \(Credential.columns) FROM credentials ORDER BY created_at, id")
                .decodeAll([], Credential.init(row:))
        }
    }

    public func credential(_ id: String) throws -> Credential? {
        try read { db in
            try db.makeStatement(sql: "SELECT \(Credential.columns) FROM credentials WHERE id = ?")
                .decodeFirst([id], Credential.init(row:))
        }
    }

    /// Revokes from now on (a second revoke keeps the first time). false if no such credential.
    public func revokeCredential(_ id: String) throws -> Bool {
        try write { db in
            let before = try auditedRow(.apiToken, id, db)
            try db.execute(
                sql: "UPDATE credentials SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?",
                arguments: [now(), id])
            guard db.changesCount > 0 else { return false }
            if before?.text("revoked_at") == nil { try auditDeleted(.apiToken, id, before: before, db) }
            return true
        }
    }

    /// The live (not revoked, not expired) credential whose secret hashes to the same SHA-256, compared in
    /// constant time; records last-used in the background (at most once a second per credential).
    ///
    /// With `counters` (read just before), a credential found earlier while the credentials counter
    /// was the same is taken from memory; any change to credentials since, by this process or the
    /// CLI, moves the counter on, so a revoke applies to the very next request either way.
    public func authenticate(secret: String, at counters: ChangeCounters? = nil) throws -> Credential? {
        guard !secret.isEmpty else { return nil }
        let digest = try Secrets.sha256(secret)
        let found: (Credential, [UInt8])?
        if let counters, let cached = credentialCache.credential(digest: digest, counter: counters.credentials) {
            found = cached
        } else {
            found = try read { db -> (Credential, [UInt8])? in
                try db.cachedStatement(sql: """
                    SELECT \(Credential.columns), secret_sha256 FROM credentials
                    WHERE secret_sha256 = ? AND revoked_at IS NULL
                    """).decodeFirst([Data(digest)]) { row in (Credential(row: row), row[9] as [UInt8]) }
            }
            if let counters, let (credential, stored) = found {
                credentialCache.keep(credential, digest: stored, counter: counters.credentials)
            }
        }
        guard let (credential, stored) = found, Secrets.equal(stored, digest) else { return nil }
        // Against the clock on every request, cached or not: no counter moves when an expiry passes.
        if credential.hasExpired(at: clock.now()) { return nil }
        recordLastUsed(credential)
        return credential
    }

    /// Writes `last_used_at` off the request's path: a durable write costs a sync, which a read must
    /// not wait for. At most one write per credential per `lastUsedResolutionMilliseconds` is queued.
    private func recordLastUsed(_ credential: Credential) {
        let now = now()
        guard now - (credential.lastUsedAt?.millisecondsSince1970 ?? 0) >= Self.lastUsedResolutionMilliseconds
        else { return }
        let due = lastUsedQueued.withLock { queued in
            guard now - (queued[credential.id] ?? 0) >= Self.lastUsedResolutionMilliseconds else { return false }
            queued[credential.id] = now
            return true
        }
        guard due else { return }
        LastUsedWrites.queue.async { [self] in
            // Best effort: a busy writer must not turn a valid credential into a failure.
            _ = try? write { db in
                try db.execute(
                    sql: "UPDATE credentials SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)",
                    arguments: [now, credential.id, now - Self.lastUsedResolutionMilliseconds + 1])
            }
        }
    }

    /// Returns once every `last_used_at` write queued so far has run (tests, shutdown).
    public func waitForLastUsedWrites() {
        LastUsedWrites.queue.sync {}
    }

    // MARK: Helpers

    func insertCredential(
        id: String?, name: String, projectId: String?, grants: CredentialGrants, expiresAt: Timestamp?,
        digest: [UInt8], _ db: SQLDatabase
    ) throws -> Credential {
        if let projectId, try !Self.exists("projects", id: projectId, db) { throw StoreError.missingParent("project") }
        let taken = try Bool.fetchOne(
            db, sql: "SELECT EXISTS(SELECT 1 FROM credentials WHERE secret_sha256 = ?)", arguments: [Data(digest)]) == true
        // The value is never echoed: it is a secret.
        if taken { throw StoreError.duplicate(field: "secret", value: "(hidden)") }
        let credential = Credential(
            id: try claimId(id, in: "credentials", db), name: name, projectId: projectId, readOnly: grants.isReadOnly,
            createdAt: Timestamp(column: now()), grants: grants, expiresAt: expiresAt)
        try db.execute(
            sql: """
                INSERT INTO credentials(id, name, secret_sha256, project_id, read_only, created_at, grants, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [credential.id, name, Data(digest), projectId, grants.isReadOnly,
                        credential.createdAt.millisecondsSince1970, grants.stored, expiresAt?.millisecondsSince1970])
        return credential
    }
}

/// The background `last_used_at` writes: one serial queue (`Store.lastUsedQueued` keeps a busy
/// credential to one write a second).
enum LastUsedWrites {
    static let queue = DispatchQueue(label: "statusd.last-used", qos: .utility)
}
