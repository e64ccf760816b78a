import Foundation

/// A value read from a row's column: what `fetchOne` and `fetchAll` return, as with GRDB's
/// `Int.fetchOne(db, sql:)`.
protocol SQLColumnValue {
    static func read(_ row: SQLRow, _ index: Int) -> Self
}

extension String: SQLColumnValue {
    static func read(_ row: SQLRow, _ index: Int) -> String { row[index] }
}

extension Int: SQLColumnValue {
    static func read(_ row: SQLRow, _ index: Int) -> Int { row[index] }
}

extension Int64: SQLColumnValue {
    static func read(_ row: SQLRow, _ index: Int) -> Int64 { row[index] }
}

extension Bool: SQLColumnValue {
    static func read(_ row: SQLRow, _ index: Int) -> Bool { row[index] }
}

extension Double: SQLColumnValue {
    static func read(_ row: SQLRow, _ index: Int) -> Double { row[index] }
}

extension Data: SQLColumnValue {
    static func read(_ row: SQLRow, _ index: Int) -> Data { row[index] }
}

extension SQLColumnValue {
    /// The first column of the first row; nil without a row or for NULL.
    static func fetchOne(_ statement: SQLStatement, arguments: SQLArguments = []) throws -> Self? {
        try statement.decodeFirst(arguments) { row in row.isNull(0) ? nil : read(row, 0) } ?? nil
    }

    static func fetchOne(_ db: SQLDatabase, sql: String, arguments: SQLArguments = []) throws -> Self? {
        try fetchOne(db.makeStatement(sql: sql), arguments: arguments)
    }

    /// The first column of every row.
    static func fetchAll(_ statement: SQLStatement, arguments: SQLArguments = []) throws -> [Self] {
        try statement.decodeAll(arguments) { read($0, 0) }
    }

    static func fetchAll(_ db: SQLDatabase, sql: String, arguments: SQLArguments = []) throws -> [Self] {
        try fetchAll(db.makeStatement(sql: sql), arguments: arguments)
    }
}

extension SQLColumnValue where Self: Hashable {
    static func fetchSet(_ statement: SQLStatement, arguments: SQLArguments = []) throws -> Set<Self> {
        Set(try fetchAll(statement, arguments: arguments))
    }

    static func fetchSet(_ db: SQLDatabase, sql: String, arguments: SQLArguments = []) throws -> Set<Self> {
        Set(try fetchAll(db, sql: sql, arguments: arguments))
    }
}
