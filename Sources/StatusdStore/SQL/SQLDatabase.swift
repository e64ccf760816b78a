import GRDB
import StatusdPostgres

/// The connection a store call's SQL runs on: SQLite through GRDB (the embedded default), or
/// PostgreSQL. The store's code is written once against this; the methods keep GRDB's names, so
/// the SQLite path reads as it always did and costs one switch more.
struct SQLDatabase {
    enum Connection {
        case sqlite(GRDB.Database)
        case postgres(PostgresSession)
    }

    let connection: Connection

    init(_ database: GRDB.Database) {
        connection = .sqlite(database)
    }

    init(_ session: PostgresSession) {
        connection = .postgres(session)
    }

    var isPostgres: Bool {
        if case .postgres = connection { return true }
        return false
    }

    /// The statement for `sql`, prepared once per connection and reused.
    func cachedStatement(sql: String) throws -> SQLStatement {
        switch connection {
        case .sqlite(let db): .sqlite(try db.cachedStatement(sql: sql))
        case .postgres(let session): .postgres(PostgresStatement(session: session, sql: sql))
        }
    }

    /// A statement for `sql` that is not kept (SQL built for one call).
    func makeStatement(sql: String) throws -> SQLStatement {
        switch connection {
        case .sqlite(let db): .sqlite(try db.makeStatement(sql: sql))
        case .postgres(let session): .postgres(PostgresStatement(session: session, sql: sql))
        }
    }

    func execute(sql: String, arguments: SQLArguments = []) throws {
        switch connection {
        case .sqlite(let db): try db.execute(sql: sql, arguments: arguments.statementArguments)
        case .postgres(let session): try session.run(sql, arguments)
        }
    }

    /// Rows changed by the last INSERT, UPDATE or DELETE.
    var changesCount: Int {
        switch connection {
        case .sqlite(let db): db.changesCount
        case .postgres(let session): session.changes
        }
    }

    func tableExists(_ name: String) throws -> Bool {
        switch connection {
        case .sqlite(let db): try db.tableExists(name)
        case .postgres(let session):
            try session.run("SELECT to_regclass(?) IS NOT NULL", [name]).first?.values.first == "t"
        }
    }

    var isInsideTransaction: Bool {
        switch connection {
        case .sqlite(let db): db.isInsideTransaction
        case .postgres(let session): session.isInsideTransaction
        }
    }

    /// Runs `body` in a savepoint: its changes kept when it returns, undone when it throws.
    func inSavepoint<T>(_ body: () throws -> T) throws -> T {
        switch connection {
        case .sqlite(let db):
            var value: T?
            try db.inSavepoint {
                value = try body()
                return .commit
            }
            return value!
        case .postgres(let session):
            return try session.inSavepoint(body)
        }
    }

    /// Runs `work` once the transaction open now commits; never if it rolls back.
    func afterNextTransaction(onCommit work: @escaping @Sendable () -> Void) {
        switch connection {
        case .sqlite(let db): db.afterNextTransaction(onCommit: { _ in work() })
        case .postgres(let session): session.afterCommit(work)
        }
    }
}

// The few conditions the two backends spell differently (the rest `PostgresDialect` rewrites).
extension SQLDatabase {
    /// `column = ?` ignoring ASCII letter case, as SQLite's NOCASE folds (and the unique indexes
    /// compare: PostgreSQL's `statusd_ascii_lower`, Migrations/postgres/0018_baseline.sql).
    func equalsIgnoringASCIICase(_ column: String) -> String {
        isPostgres ? "statusd_ascii_lower(\(column)) = statusd_ascii_lower(?)" : "\(column) = ? COLLATE NOCASE"
    }

    /// Whether the JSON array of strings in `column` holds `?`.
    func jsonArrayContains(_ column: String) -> String {
        isPostgres
            ? "EXISTS (SELECT 1 FROM json_array_elements_text(\(column)::json) AS element(value) WHERE value = ?)"
            : "EXISTS (SELECT 1 FROM json_each(\(column)) WHERE value = ?)"
    }
}

@available(*, unavailable)
extension SQLDatabase: Sendable {}

/// A PostgreSQL statement: its text, run on its session when executed.
struct PostgresStatement {
    let session: PostgresSession
    let sql: String
}

/// A statement of either backend: executed, or stepped row by row.
enum SQLStatement {
    case sqlite(GRDB.Statement)
    case postgres(PostgresStatement)

    func execute(arguments: SQLArguments = []) throws {
        switch self {
        case .sqlite(let statement): try statement.execute(arguments: arguments.statementArguments)
        case .postgres(let statement): try statement.session.run(statement.sql, arguments)
        }
    }

    /// Binds `arguments`, steps every row through `body`.
    func forEachRow(_ arguments: SQLArguments, _ body: (SQLRow) throws -> Void) throws {
        switch self {
        case .sqlite(let statement):
            try statement.forEachRow(arguments.statementArguments) { try body(.sqlite($0)) }
        case .postgres(let statement):
            for row in try statement.session.run(statement.sql, arguments) { try body(.postgres(row)) }
        }
    }

    /// `forEachRow` for a statement whose parameters are all text (ids): on SQLite bound straight
    /// through the C API, the hot reads' way.
    func forEachRow(bindingText values: [String], _ body: (SQLRow) throws -> Void) throws {
        switch self {
        case .sqlite(let statement):
            try statement.forEachRow(bindingText: values) { try body(.sqlite($0)) }
        case .postgres:
            try forEachRow(SQLArguments(values: values), body)
        }
    }

    /// `forEachRow(bindingText:)` for integer parameters.
    func forEachRow(bindingIntegers values: [Int64], _ body: (SQLRow) throws -> Void) throws {
        switch self {
        case .sqlite(let statement):
            try statement.forEachRow(bindingIntegers: values) { try body(.sqlite($0)) }
        case .postgres:
            try forEachRow(SQLArguments(values: values), body)
        }
    }

    /// Every row, decoded as it is stepped.
    func decodeAll<T>(_ arguments: SQLArguments = [], _ decode: (SQLRow) throws -> T) throws -> [T] {
        var decoded: [T] = []
        try forEachRow(arguments) { decoded.append(try decode($0)) }
        return decoded
    }

    func decodeAll<T>(bindingText values: [String], _ decode: (SQLRow) throws -> T) throws -> [T] {
        var decoded: [T] = []
        try forEachRow(bindingText: values) { decoded.append(try decode($0)) }
        return decoded
    }

    /// The first row decoded, or nil.
    func decodeFirst<T>(_ arguments: SQLArguments = [], _ decode: (SQLRow) throws -> T) throws -> T? {
        switch self {
        case .sqlite(let statement):
            return try statement.decodeFirst(arguments.statementArguments) { try decode(.sqlite($0)) }
        case .postgres(let statement):
            guard let row = try statement.session.run(statement.sql, arguments).first else { return nil }
            return try decode(.postgres(row))
        }
    }
}

@available(*, unavailable)
extension SQLStatement: Sendable {}
