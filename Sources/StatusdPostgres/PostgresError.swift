/// Why a PostgreSQL call failed: what went wrong, the server's SQLSTATE when it sent one, its
/// message, and the SQL text. Never the bound parameters, nor a password: both may be secrets and
/// errors reach logs (as `SQLiteError` keeps arguments out).
public struct PostgresError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The connection could not be made (unreachable, refused, timed out, authentication).
        case connectionFailed
        /// The connection broke while in use; it cannot be used again.
        case connectionLost
        /// The server refused a statement; `sqlState` says why (`23505` unique violation, …).
        case statementFailed
        /// A value the caller passed cannot be sent (a NUL character) or a URL is not `postgres://`.
        case invalidArgument
        /// A column read with a typed helper is absent, NULL or not of that type.
        case unexpectedValue
        /// The API was used out of order (a transaction inside a transaction).
        case misuse
    }

    public var kind: Kind
    /// The five-character SQLSTATE code (https://www.postgresql.org/docs/15/errcodes-appendix.html).
    public var sqlState: String?
    public var message: String
    public var sql: String?

    public init(_ kind: Kind, sqlState: String? = nil, message: String, sql: String? = nil) {
        self.kind = kind
        self.sqlState = sqlState
        self.message = message
        self.sql = sql
    }

    public var description: String {
        var text = "PostgreSQL \(kind)"
        if let sqlState { text += " [SQLSTATE \(sqlState)]" }
        text += ": \(message)"
        if let sql { text += " (SQL: \(sql))" }
        return text
    }
}

extension PostgresError {
    /// SQLSTATE 23505.
    public var isUniqueViolation: Bool { sqlState == "23505" }
}
