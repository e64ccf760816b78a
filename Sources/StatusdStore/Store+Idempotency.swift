import Foundation
import GRDB
import StatusdSync

/// A completed answer kept under an Idempotency-Key (Migrations/0016): what a retry gets back.
public struct IdempotentAnswer: Sendable, Equatable {
    public var status: Int
    /// The handler's header fields, in order (the server adds Date, Content-Length and the rest).
    public var headerFields: [(name: String, value: String)]
    public var body: [UInt8]

    public init(status: Int, headerFields: [(name: String, value: String)], body: [UInt8]) {
        self.status = status
        self.headerFields = headerFields
        self.body = body
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.status == rhs.status && lhs.body == rhs.body
            && lhs.headerFields.map { [$0.name, $0.value] } == rhs.headerFields.map { [$0.name, $0.value] }
    }
}

/// What a keyed write came to.
public enum IdempotentOutcome: Sendable {
    /// The request ran now; its answer was kept with its write when it is a 2xx.
    case ran(IdempotentAnswer)
    /// A request with this key and fingerprint completed before: its answer, nothing written now.
    case replayed(IdempotentAnswer)
    /// The key was used before for another method, target or body: nothing run.
    case keyReused
    /// A request with this key is still running in this process: nothing run.
    case inFlight
}

/// The (credential, key) pairs whose first request is running in this process, shared by every
/// event loop and both API shapes (another process's are told apart by the table's primary key).
final class IdempotencyClaims: Sendable {
    private let claimed = Locked<Set<[String]>>([])

    /// false when the pair is already claimed.
    func claim(_ credentialId: String, _ key: String) -> Bool {
        claimed.withLock { $0.insert([credentialId, key]).inserted }
    }

    func release(_ credentialId: String, _ key: String) {
        _ = claimed.withLock { $0.remove([credentialId, key]) }
    }
}

extension Store {
    /// How long a kept answer is replayed (the Idempotency-Key draft leaves it to the server).
    public static let idempotencyKeyLifetimeMilliseconds: Int64 = 24 * 60 * 60 * 1000

    /// SHA-256 of the method, the request target and the body: what "the same request" means for a key.
    public static func idempotencyFingerprint(method: String, target: String, body: [UInt8]) throws -> [UInt8] {
        var bytes = Array("\(method) \(target)\n".utf8)
        bytes.append(contentsOf: body)
        return try Secrets.sha256(bytes)
    }

    /// Runs `request` at most once per (credential, key) in 24 hours: in one write transaction with
    /// the key row, so the write and its key commit together or not at all. A 2xx answer is kept and
    /// replayed to a retry with the same fingerprint; any other answer (a 4xx changed nothing) is
    /// not kept, so a retry runs again. Every store write `request` makes joins this transaction.
    public func withIdempotencyKey(
        _ key: String, credentialId: String, fingerprint: [UInt8], _ request: () throws -> IdempotentAnswer
    ) throws -> IdempotentOutcome {
        // A file short of Migrations/0016 (upgrade tests only): the request runs unkeyed.
        guard hasIdempotencyTable else { return .ran(try request()) }
        guard idempotencyClaims.claim(credentialId, key) else { return .inFlight }
        defer { idempotencyClaims.release(credentialId, key) }
        return try write { db in
            // Another instance on the same PostgreSQL database may hold the key: its transaction-
            // scoped lock, taken here too, says so (SQLite's one writer already orders them).
            if db.isPostgres, try Bool.fetchOne(
                db.cachedStatement(sql: "SELECT pg_try_advisory_xact_lock(?)"),
                arguments: [Self.advisoryLockKey(credentialId, key)]) != true {
                return .inFlight
            }
            return try BoundReader.withBinding(db, for: self, writes: true) {
                try db.cachedStatement(sql: "DELETE FROM idempotency_keys WHERE created_at <= ?")
                    .execute(arguments: [now() - Self.idempotencyKeyLifetimeMilliseconds])
                if let kept = try keptAnswer(key, credentialId: credentialId, db) {
                    return kept.fingerprint == fingerprint ? .replayed(kept.answer) : .keyReused
                }
                let answer = try request()
                if (200..<300).contains(answer.status) {
                    try keep(answer, key, credentialId: credentialId, fingerprint: fingerprint, db)
                }
                return .ran(answer)
            }
        }
    }

    /// The key's PostgreSQL advisory lock: FNV-1a of credential and key (a collision only makes
    /// two unrelated requests wait for one another's 409, never share an answer).
    static func advisoryLockKey(_ credentialId: String, _ key: String) -> Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in (credentialId + "\u{0}" + key).utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return Int64(bitPattern: hash)
    }

    private func keptAnswer(
        _ key: String, credentialId: String, _ db: SQLDatabase
    ) throws -> (fingerprint: [UInt8], answer: IdempotentAnswer)? {
        try db.cachedStatement(sql: """
            SELECT fingerprint, status, header_fields, body FROM idempotency_keys
            WHERE credential_id = ? AND key = ?
            """).decodeFirst([credentialId, key]) { row in
                let fields: String = row[2]
                return (row[0], IdempotentAnswer(status: row[1], headerFields: Self.fields(fields), body: row[3]))
            }
    }

    private func keep(
        _ answer: IdempotentAnswer, _ key: String, credentialId: String, fingerprint: [UInt8], _ db: SQLDatabase
    ) throws {
        // Field names and values never hold a line break (the HTTP layer refuses them).
        let fields = answer.headerFields.map { "\($0.name): \($0.value)" }.joined(separator: "\n")
        try db.cachedStatement(sql: """
            INSERT INTO idempotency_keys(credential_id, key, fingerprint, status, header_fields, body, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                credentialId, key, Data(fingerprint), answer.status, fields, Data(answer.body), now()])
    }

    private static func fields(_ text: String) -> [(name: String, value: String)] {
        text.split(separator: "\n").compactMap { line in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), String(line[line.index(after: colon)...].dropFirst()))
        }
    }
}
