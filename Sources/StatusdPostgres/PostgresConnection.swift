import CLibPQ

/// One libpq connection (`PGconn`), closed when the object goes away.
///
/// Concurrency: libpq allows one thread at a time on a connection, so this type is not `Sendable`
/// (as GRDB's `Database`): whoever makes it owns it, and it can only be handed on whole (`sending`),
/// never shared. Use one per thread or serial queue, or keep several in a pool that lends each to one
/// caller at a time. Every call blocks its thread until the server answers.
public final class PostgresConnection {
    /// Seconds libpq waits for the whole connection (TCP, TLS, authentication) when the URL sets no
    /// `connect_timeout`: a server that never answers fails the call instead of hanging it.
    public static let defaultConnectTimeout = 5

    public let url: PostgresURL
    private let handle: OpaquePointer
    private let pq: LibPQ

    /// Connects to `url` (`postgres://user:password@host:port/database?options`), waiting at most
    /// `connectTimeout` seconds (libpq rounds up to 2) unless the URL says otherwise.
    public init(url: PostgresURL, connectTimeout: Int = PostgresConnection.defaultConnectTimeout) throws {
        self.url = url
        let pq = try LibPQ.loaded()
        self.pq = pq
        // Keywords before `dbname` are defaults: the URL, expanded from `dbname`, overrides them.
        let settings = [
            ("connect_timeout", String(connectTimeout)),
            ("fallback_application_name", "statusd"),
            ("dbname", url.string),
        ]
        let connection = withCStrings(settings.map(\.0)) { keywords in
            withCStrings(settings.map(\.1)) { values in pq.connectdbParams(keywords, values, 1) }
        }
        guard let connection else {
            throw PostgresError(.connectionFailed, message: "cannot connect to \(url.redacted): out of memory")
        }
        guard pq.status(connection) == CONNECTION_OK else {
            // libpq may quote the URL's parts, the password among them.
            let message = url.scrubbed(Self.errorMessage(of: connection, pq))
            pq.finish(connection)
            throw PostgresError(.connectionFailed, message: "cannot connect to \(url.redacted): \(message)")
        }
        statusd_PQ_ignore_notices(connection, pq.setNoticeProcessor)
        handle = connection
    }

    public convenience init(url: String, connectTimeout: Int = PostgresConnection.defaultConnectTimeout) throws {
        try self.init(url: PostgresURL(url), connectTimeout: connectTimeout)
    }

    deinit {
        pq.finish(handle)
    }

    /// The server process serving this connection (`pg_backend_pid()`).
    public var serverProcessID: Int32 { pq.backendPID(handle) }

    /// Runs one statement with `$1`, `$2`, … bound to `parameters`, sent apart from the SQL in text
    /// format (nil is NULL): values are never pasted into SQL. The server infers each parameter's type.
    @discardableResult
    public func execute(_ sql: String, _ parameters: [String?] = []) throws -> PostgresRows {
        try execute(sql, parameters, types: [])
    }

    /// `execute(_:_:)` with each parameter's type given (`types[i]` for `$i+1`, an OID such as
    /// `PostgresType.int8`; 0 or a missing one lets the server infer it from the SQL).
    @discardableResult
    public func execute(_ sql: String, _ parameters: [String?], types: [UInt32]) throws -> PostgresRows {
        if let index = parameters.firstIndex(where: { $0?.utf8.contains(0) == true }) {
            throw PostgresError(.invalidArgument, message: "parameter $\(index + 1) contains a NUL character", sql: sql)
        }
        let result = withOptionalCStrings(parameters) { values in
            guard !types.isEmpty else { return pq.execParams(handle, sql, Int32(parameters.count), nil, values, nil, nil, 0) }
            let oids = (0..<parameters.count).map { $0 < types.count ? Oid(types[$0]) : 0 }
            return oids.withUnsafeBufferPointer { oids in
                pq.execParams(handle, sql, Int32(parameters.count), oids.baseAddress, values, nil, nil, 0)
            }
        }
        return try rows(of: result, sql: sql)
    }

    /// Whether a transaction is open on the connection (failed ones included).
    public var isInsideTransaction: Bool {
        pq.transactionStatus(handle) != PQTRANS_IDLE
    }

    /// Whether the open transaction has failed: it can only be rolled back (a COMMIT would too).
    public var isTransactionFailed: Bool {
        pq.transactionStatus(handle) == PQTRANS_INERROR
    }

    /// Whether the connection is still usable: false once libpq has seen it break.
    public var isConnected: Bool { !connectionBroken }

    /// Runs a script of several statements, without parameters (PQexec): for migration files, never
    /// for SQL that holds a value.
    public func executeScript(_ sql: String) throws {
        try rows(of: pq.exec(handle, sql), sql: nil)
    }

    /// Runs `body` in a transaction: BEGIN, then COMMIT if it returns, ROLLBACK if it throws (the
    /// first error is rethrown). A commit that the server turns into a rollback (the transaction had
    /// failed) throws too.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        guard pq.transactionStatus(handle) == PQTRANS_IDLE else {
            throw PostgresError(.misuse, message: "a transaction is already open on this connection")
        }
        try execute("BEGIN")
        let value: T
        do {
            value = try body()
        } catch {
            _ = try? execute("ROLLBACK")
            throw error
        }
        let commit = pq.exec(handle, "COMMIT")
        let tag = commit.map { Self.text(pq.cmdStatus($0)) }
        try rows(of: commit, sql: "COMMIT")
        guard tag == "COMMIT" else {
            throw PostgresError(.statementFailed, message: "the transaction failed and was rolled back", sql: "COMMIT")
        }
        return value
    }

    /// Reads and frees a result, or throws its error.
    @discardableResult
    private func rows(of result: OpaquePointer?, sql: String?) throws -> PostgresRows {
        guard let result else {
            throw PostgresError(connectionBroken ? .connectionLost : .statementFailed,
                                message: Self.errorMessage(of: handle, pq), sql: sql)
        }
        defer { pq.clear(result) }
        switch pq.resultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return Self.read(result, pq)
        default:
            throw error(of: result, sql: sql)
        }
    }

    private var connectionBroken: Bool { pq.status(handle) == CONNECTION_BAD }

    private func error(of result: OpaquePointer, sql: String?) -> PostgresError {
        let sqlState = field(result, statusd_PG_DIAG_SQLSTATE)
        guard let primary = field(result, statusd_PG_DIAG_MESSAGE_PRIMARY) else {
            // No server error: libpq's own (the connection broke mid-statement).
            return PostgresError(connectionBroken ? .connectionLost : .statementFailed,
                                 sqlState: sqlState, message: Self.errorMessage(of: handle, pq), sql: sql)
        }
        return PostgresError(.statementFailed, sqlState: sqlState, message: primary, sql: sql)
    }

    private func field(_ result: OpaquePointer, _ code: Int32) -> String? {
        pq.resultErrorField(result, code).map { String(cString: $0) }
    }

    /// libpq's strings belong to the result; these calls return "" rather than NULL but for misuse.
    private static func text(_ pointer: UnsafeMutablePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }

    private static func read(_ result: OpaquePointer, _ pq: LibPQ) -> PostgresRows {
        let columnCount = pq.nfields(result)
        let columns = (0..<columnCount).map { Self.text(pq.fname(result, $0)) }
        let rows = (0..<pq.ntuples(result)).map { row in
            PostgresRow(columns: columns, values: (0..<columnCount).map { column in
                pq.getisnull(result, row, column) == 1 ? nil : Self.text(pq.getvalue(result, row, column))
            })
        }
        let affected = Int(Self.text(pq.cmdTuples(result))) ?? 0
        return PostgresRows(columns: columns, rows: rows, affectedRowCount: affected)
    }

    /// libpq's message for the connection, one line, without its trailing newline.
    private static func errorMessage(of connection: OpaquePointer, _ pq: LibPQ) -> String {
        guard let text = pq.errorMessage(connection) else { return "unknown error" }
        let message = String(cString: text).split(whereSeparator: \.isNewline).joined(separator: " ")
        return message.isEmpty ? "unknown error" : message
    }
}

@available(*, unavailable)
extension PostgresConnection: Sendable {}
