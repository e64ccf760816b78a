import Foundation
import GRDB
import GRDBSQLite
import StatusdCore

/// One row of a statement being stepped, read by column index through the C API.
///
/// GRDB's `Row` builds a table of lowercased column names for every cursor it opens, and boxes
/// every value; on a read that runs twenty statements per request that cost more than the queries
/// (issue 18's profile). The subscripts are overloaded by the type asked for, so a decoder reads
/// `row[2]` as a `String`, `row[4] as Int?` or a `Bool` just as with GRDB.
struct SQLiteRow {
    let handle: OpaquePointer

    func isNull(_ index: Int) -> Bool {
        sqlite3_column_type(handle, Int32(index)) == SQLITE_NULL
    }

    subscript(_ index: Int) -> String {
        // Asked for before the length, as SQLite documents: the text pointer, then its byte count.
        guard let text = sqlite3_column_text(handle, Int32(index)) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, Int32(index)))
        return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }

    subscript(_ index: Int) -> String? {
        isNull(index) ? nil : self[index] as String
    }

    subscript(_ index: Int) -> Int64 {
        sqlite3_column_int64(handle, Int32(index))
    }

    subscript(_ index: Int) -> Int64? {
        isNull(index) ? nil : self[index] as Int64
    }

    subscript(_ index: Int) -> Int {
        Int(sqlite3_column_int64(handle, Int32(index)))
    }

    subscript(_ index: Int) -> Int? {
        isNull(index) ? nil : self[index] as Int
    }

    subscript(_ index: Int) -> Bool {
        sqlite3_column_int64(handle, Int32(index)) != 0
    }

    subscript(_ index: Int) -> Double {
        sqlite3_column_double(handle, Int32(index))
    }

    subscript(_ index: Int) -> [UInt8] {
        let count = Int(sqlite3_column_bytes(handle, Int32(index)))
        guard count > 0, let blob = sqlite3_column_blob(handle, Int32(index)) else { return [] }
        return Array(UnsafeRawBufferPointer(start: blob, count: count))
    }

    /// The timestamp (integer milliseconds) in column `index`.
    func timestamp(_ index: Int) -> Timestamp {
        Timestamp(millisecondsSince1970: self[index])
    }

    func optionalTimestamp(_ index: Int) -> Timestamp? {
        (self[index] as Int64?).map { Timestamp(millisecondsSince1970: $0) }
    }
}

extension Statement {
    /// Binds `arguments`, steps every row through `body`, and resets the statement (reused from
    /// the connection's statement cache) whatever happens.
    func forEachRow(_ arguments: StatementArguments, _ body: (SQLiteRow) throws -> Void) throws {
        try setArguments(arguments)
        let handle = sqliteStatement
        defer { sqlite3_reset(handle) }
        while try step(handle) { try body(SQLiteRow(handle: handle)) }
    }

    /// `forEachRow` for a statement whose parameters are all text (ids), bound straight through the
    /// C API: no `StatementArguments` (a boxed value each, then GRDB's checks) on the hot reads.
    func forEachRow(bindingText values: [String], _ body: (SQLiteRow) throws -> Void) throws {
        try forEachRow(binding: values.count, { handle, position, index in
            values[index].withCString { sqlite3_bind_text(handle, position, $0, -1, Self.transient) }
        }, body)
    }

    /// `forEachRow(bindingText:)` for integer parameters (rowids).
    func forEachRow(bindingIntegers values: [Int64], _ body: (SQLiteRow) throws -> Void) throws {
        try forEachRow(binding: values.count, { handle, position, index in
            sqlite3_bind_int64(handle, position, values[index])
        }, body)
    }

    /// Binds parameters 1...`count` with `bind` (handle, position, index), steps every row through `body`.
    private func forEachRow(
        binding count: Int, _ bind: (OpaquePointer, Int32, Int) -> Int32, _ body: (SQLiteRow) throws -> Void
    ) throws {
        let handle = sqliteStatement
        guard Int(sqlite3_bind_parameter_count(handle)) == count else {
            throw DatabaseError(
                resultCode: .SQLITE_MISUSE, message: "wrong number of statement arguments: \(count)", sql: sql)
        }
        defer { sqlite3_reset(handle) }
        for index in 0..<count {
            let code = bind(handle, Int32(index + 1), index)
            guard code == SQLITE_OK else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "cannot bind argument", sql: sql)
            }
        }
        while try step(handle) { try body(SQLiteRow(handle: handle)) }
    }

    /// Every row of `forEachRow(bindingText:)`, decoded as it is stepped.
    func decodeAll<T>(bindingText values: [String], _ decode: (SQLiteRow) throws -> T) throws -> [T] {
        var decoded: [T] = []
        try forEachRow(bindingText: values) { decoded.append(try decode($0)) }
        return decoded
    }

    /// SQLite copies the bound bytes (`SQLITE_TRANSIENT`).
    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

    /// True when a row is ready, false when done.
    private func step(_ handle: OpaquePointer) throws -> Bool {
        let code = sqlite3_step(handle)
        if code == SQLITE_ROW { return true }
        if code == SQLITE_DONE { return false }
        throw DatabaseError(
            resultCode: ResultCode(rawValue: code),
            message: String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))), sql: sql)
    }

    /// Every row, decoded as it is stepped.
    func decodeAll<T>(_ arguments: StatementArguments, _ decode: (SQLiteRow) throws -> T) throws -> [T] {
        var decoded: [T] = []
        try forEachRow(arguments) { decoded.append(try decode($0)) }
        return decoded
    }

    /// The first row decoded, or nil.
    func decodeFirst<T>(_ arguments: StatementArguments, _ decode: (SQLiteRow) throws -> T) throws -> T? {
        try setArguments(arguments)
        let handle = sqliteStatement
        defer { sqlite3_reset(handle) }
        return try step(handle) ? decode(SQLiteRow(handle: handle)) : nil
    }
}
