/// The rows a statement returned, every value in PostgreSQL's text format (NULL as `nil`), with the
/// column names. A value type: it owns its strings, so it may outlive the connection and cross threads.
public struct PostgresRows: Sendable, RandomAccessCollection {
    public let columns: [String]
    public let rows: [PostgresRow]
    /// Rows the statement affected or returned (`PQcmdTuples`: INSERT, UPDATE, DELETE, SELECT, FETCH,
    /// COPY; 0 for others).
    public let affectedRowCount: Int

    public init(columns: [String], rows: [PostgresRow], affectedRowCount: Int) {
        self.columns = columns
        self.rows = rows
        self.affectedRowCount = affectedRowCount
    }

    public var startIndex: Int { rows.startIndex }
    public var endIndex: Int { rows.endIndex }
    public subscript(position: Int) -> PostgresRow { rows[position] }
}

/// One row of `PostgresRows`. The typed readers throw `PostgresError.unexpectedValue` naming the
/// column, never the value.
public struct PostgresRow: Sendable {
    public let columns: [String]
    public let values: [String?]

    public init(columns: [String], values: [String?]) {
        self.columns = columns
        self.values = values
    }

    /// The value of `column` in text format; nil for NULL or a column the row lacks.
    public subscript(column: String) -> String? {
        columns.firstIndex(of: column).flatMap { values[$0] }
    }

    public func optionalString(_ column: String) throws -> String? {
        guard let index = columns.firstIndex(of: column) else { throw Self.missing(column) }
        return values[index]
    }

    public func string(_ column: String) throws -> String {
        guard let value = try optionalString(column) else { throw Self.null(column) }
        return value
    }

    public func optionalInt64(_ column: String) throws -> Int64? {
        guard let text = try optionalString(column) else { return nil }
        guard let value = Int64(text) else { throw Self.mistyped(column, "an integer") }
        return value
    }

    public func int64(_ column: String) throws -> Int64 {
        guard let value = try optionalInt64(column) else { throw Self.null(column) }
        return value
    }

    /// A `boolean` (`t`/`f`) or one of the schema's 0/1 integer flags.
    public func bool(_ column: String) throws -> Bool {
        switch try string(column) {
        case "t", "true", "1": true
        case "f", "false", "0": false
        default: throw Self.mistyped(column, "a boolean")
        }
    }

    private static func missing(_ column: String) -> PostgresError {
        PostgresError(.unexpectedValue, message: "no column \(column) in the result")
    }

    private static func null(_ column: String) -> PostgresError {
        PostgresError(.unexpectedValue, message: "column \(column) is NULL")
    }

    private static func mistyped(_ column: String, _ type: String) -> PostgresError {
        PostgresError(.unexpectedValue, message: "column \(column) is not \(type)")
    }
}
