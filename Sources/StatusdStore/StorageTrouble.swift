import GRDB
import StatusdPostgres

/// Why the database cannot take a write just now, when the cause is the machine's and not the
/// request's: a full disk, a file or filesystem turned read-only, an I/O error, another process
/// holding the write lock past the busy timeout. The API answers each with 503 and `Retry-After`
/// (the write was not made, and the same request may succeed later) instead of a 500, and the
/// server says in its log when writes start failing and when they work again.
public enum StorageTrouble: String, Sendable, Equatable, CaseIterable {
    /// SQLITE_FULL: the filesystem (or the database's size limit) has no room for the write.
    case full
    /// SQLITE_READONLY: the file, its folder or its filesystem cannot be written.
    case readOnly = "read_only"
    /// SQLITE_IOERR or SQLITE_CANTOPEN: the operating system failed a read or write of the file.
    case ioError = "io_error"
    /// SQLITE_BUSY or SQLITE_LOCKED: another connection kept the write lock past the busy timeout;
    /// in PostgreSQL a serialization failure or deadlock (40001, 40P01).
    case busy
    /// PostgreSQL cannot be reached, or the connection broke (SQLSTATE class 08, 57P01–57P03):
    /// the instance reconnects by itself once it answers again.
    case unreachable

    /// The trouble `error` reports, or nil for any other error (a constraint, a bug, a closed store).
    public init?(_ error: any Error) {
        if let error = error as? PostgresError {
            self.init(postgres: error)
            return
        }
        guard let error = error as? DatabaseError else { return nil }
        switch error.resultCode {
        case .SQLITE_FULL: self = .full
        case .SQLITE_READONLY: self = .readOnly
        case .SQLITE_IOERR, .SQLITE_CANTOPEN: self = .ioError
        case .SQLITE_BUSY, .SQLITE_LOCKED: self = .busy
        default: return nil
        }
    }

    /// PostgreSQL's SQLSTATE classes for the same troubles
    /// (https://www.postgresql.org/docs/current/errcodes-appendix.html).
    private init?(postgres error: PostgresError) {
        switch error.kind {
        case .connectionFailed, .connectionLost:
            self = .unreachable
            return
        case .statementFailed, .invalidArgument, .unexpectedValue, .misuse:
            break
        }
        guard let state = error.sqlState else { return nil }
        switch state {
        case "53100": self = .full
        case "25006": self = .readOnly
        case "58030": self = .ioError
        case "40001", "40P01", "55P03": self = .busy
        case "57P01", "57P02", "57P03": self = .unreachable
        default:
            guard state.hasPrefix("08") else { return nil }
            self = .unreachable
        }
    }

    /// What a client is told: nothing was written, and what to do.
    public var message: String {
        switch self {
        case .full:
            "The server's disk is full: nothing was written. Reads still work; retry once space has been freed."
        case .readOnly:
            "The server's database cannot be written just now (read-only): nothing was written. Reads still work; retry later."
        case .ioError:
            "The server's database failed to write (I/O error): nothing was written. Retry later."
        case .busy:
            "The server's database is busy: nothing was written. Retry in a moment."
        case .unreachable:
            "The server cannot reach its database just now: nothing was written. Retry in a moment."
        }
    }

    /// Seconds a client should wait before retrying (the `Retry-After` header).
    public var retryAfterSeconds: Int {
        switch self {
        case .busy: 1
        case .unreachable: 5
        case .full, .readOnly, .ioError: 30
        }
    }
}
