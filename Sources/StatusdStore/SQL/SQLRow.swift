import Foundation
import StatusdCore
import StatusdPostgres

/// One row of a statement, read by column index, from either backend. The subscripts are
/// overloaded by the type asked for, so a decoder reads `row[2]` as a `String`, `row[4] as Int?`
/// or a `Bool`, whichever backend the row came from.
///
/// SQLite's rows are read straight from the statement being stepped (`SQLiteRow`); PostgreSQL's
/// arrive in text format and are parsed here, a malformed value reading as zero or empty (the
/// schema's types and checks rule those out).
enum SQLRow {
    case sqlite(SQLiteRow)
    case postgres(PostgresRow)

    func isNull(_ index: Int) -> Bool {
        switch self {
        case .sqlite(let row): row.isNull(index)
        case .postgres(let row): row.values[index] == nil
        }
    }

    subscript(_ index: Int) -> String {
        switch self {
        case .sqlite(let row): row[index]
        case .postgres(let row): row.values[index] ?? ""
        }
    }

    subscript(_ index: Int) -> String? {
        switch self {
        case .sqlite(let row): row[index]
        case .postgres(let row): row.values[index]
        }
    }

    subscript(_ index: Int) -> Int64 {
        switch self {
        case .sqlite(let row): row[index]
        case .postgres(let row): row.values[index].flatMap(Self.integer) ?? 0
        }
    }

    subscript(_ index: Int) -> Int64? {
        switch self {
        case .sqlite(let row): row[index]
        case .postgres(let row): row.values[index].map { Self.integer($0) ?? 0 }
        }
    }

    subscript(_ index: Int) -> Int {
        Int(self[index] as Int64)
    }

    subscript(_ index: Int) -> Int? {
        (self[index] as Int64?).map(Int.init)
    }

    subscript(_ index: Int) -> Bool {
        switch self {
        case .sqlite(let row): row[index]
        case .postgres(let row):
            switch row.values[index] {
            case nil, "0", "f", "false": false
            default: true
            }
        }
    }

    subscript(_ index: Int) -> Double {
        switch self {
        case .sqlite(let row): row[index]
        case .postgres(let row): row.values[index].flatMap(Double.init) ?? 0
        }
    }

    subscript(_ index: Int) -> [UInt8] {
        switch self {
        case .sqlite(let row): row[index]
        case .postgres(let row): row.values[index].map(Self.bytea) ?? []
        }
    }

    subscript(_ index: Int) -> [UInt8]? {
        isNull(index) ? nil : self[index] as [UInt8]
    }

    subscript(_ index: Int) -> Data {
        Data(self[index] as [UInt8])
    }

    subscript(_ index: Int) -> Data? {
        isNull(index) ? nil : self[index] as Data
    }

    /// The timestamp (integer milliseconds) in column `index`.
    func timestamp(_ index: Int) -> Timestamp {
        Timestamp(millisecondsSince1970: self[index])
    }

    func optionalTimestamp(_ index: Int) -> Timestamp? {
        (self[index] as Int64?).map { Timestamp(millisecondsSince1970: $0) }
    }

    /// An integer in text format. A numeric (what `SUM` of a BIGINT returns) may carry a fraction
    /// of zeros.
    private static func integer(_ text: String) -> Int64? {
        if let value = Int64(text) { return value }
        return Double(text).map { Int64($0) }
    }

    /// bytea's text format: `\x` and hex digits.
    private static func bytea(_ text: String) -> [UInt8] {
        guard text.hasPrefix("\\x") else { return Array(text.utf8) }
        return Hex.decode(text.dropFirst(2)) ?? []
    }
}
