import Foundation
import GRDB
import StatusdCore
import StatusdPostgres

/// A row read by column name, for the few statements whose columns are easier to name than to
/// count (`RETURNING` lists, `SELECT *` for the audit log). The hot reads use `SQLRow`'s indexes.
enum NamedRow {
    case sqlite(GRDB.Row)
    case postgres(PostgresRow)

    /// Column names in the statement's order.
    var columns: [String] {
        switch self {
        case .sqlite(let row): Array(row.columnNames)
        case .postgres(let row): row.columns
        }
    }

    /// The value of `column` as text, one spelling per backend (numbers in decimal, bytes as `\x`
    /// and hex, as PostgreSQL's text format has them): for comparing two reads of one row.
    func comparableText(_ column: String) -> String? {
        switch self {
        case .sqlite(let row):
            guard row.hasColumn(column) else { return nil }
            return switch (row[column] as DatabaseValue).storage {
            case .null: nil
            case .int64(let number): String(number)
            case .double(let number): String(number)
            case .string(let string): string
            case .blob(let data): "\\x" + Hex.encode([UInt8](data))
            }
        case .postgres(let row): return row[column]
        }
    }

    /// PostgreSQL's value of `column` parsed as `SQLRow` parses it (`T` picks the parse).
    private static func parsed<T>(_ row: PostgresRow, _ column: String, _ read: (SQLRow, Int) -> T) -> T? {
        row.columns.firstIndex(of: column).map { read(.postgres(row), $0) }
    }

    subscript(_ column: String) -> String {
        switch self {
        case .sqlite(let row): row[column] ?? ""
        case .postgres(let row): row[column] ?? ""
        }
    }

    subscript(_ column: String) -> String? {
        switch self {
        case .sqlite(let row): row[column]
        case .postgres(let row): row[column]
        }
    }

    subscript(_ column: String) -> Int64 {
        switch self {
        case .sqlite(let row): row[column] ?? 0
        case .postgres(let row): Self.parsed(row, column) { $0[$1] as Int64 } ?? 0
        }
    }

    subscript(_ column: String) -> Int {
        Int(self[column] as Int64)
    }

    subscript(_ column: String) -> Data {
        switch self {
        case .sqlite(let row): row[column] ?? Data()
        case .postgres(let row): Self.parsed(row, column) { $0[$1] as Data } ?? Data()
        }
    }
}

@available(*, unavailable)
extension NamedRow: Sendable {}

extension SQLStatement {
    /// The first row, read by column name; nil without one.
    func namedFirst(_ arguments: SQLArguments = []) throws -> NamedRow? {
        switch self {
        case .sqlite(let statement):
            return try GRDB.Row.fetchOne(statement, arguments: arguments.statementArguments).map(NamedRow.sqlite)
        case .postgres(let statement):
            return try statement.session.run(statement.sql, arguments).first.map(NamedRow.postgres)
        }
    }
}
