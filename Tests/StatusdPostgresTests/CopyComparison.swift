import Foundation
import GRDB
import StatusdPostgres
import StatusdTesting
@testable import StatusdStore

/// Every table of a SQLite store as text, to compare with its copy: each row's values in column
/// order (generated columns too), rows in primary-key order, values spelt as PostgreSQL prints
/// them (integers in decimal, blobs as `\x` and hex).
struct TableContents: Equatable, CustomStringConvertible {
    var columns: [String]
    var rows: [[String?]]

    var description: String { "\(columns): \(rows.count) rows" }

    /// The tables a copy must carry: all but SQLite's own and the migrator's bookkeeping.
    static func sqliteTableNames(_ store: Store) throws -> Set<String> {
        try store.read { db in
            Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_schema WHERE type = 'table'")
                .filter { !$0.hasPrefix("sqlite_") && $0 != "schema_migrations" })
        }
    }

    static func sqlite(_ table: String, _ store: Store) throws -> TableContents {
        try store.sqlitePool.read { db in
            // table_xinfo lists generated columns too; pk > 0 marks the primary key's columns.
            let info = try Row.fetchAll(db, sql: "SELECT name, pk FROM pragma_table_xinfo(?) ORDER BY cid", arguments: [table])
            let columns: [String] = info.map { $0[0] }
            let key: [String] = info.filter { ($0[1] as Int) > 0 }.sorted { ($0[1] as Int) < ($1[1] as Int) }.map { $0[0] }
            let rows = try Row.fetchAll(db, sql: select(columns, from: table, orderedBy: key.isEmpty ? columns : key))
                .map { row in Array(row.databaseValues.map(text)) }
            return TableContents(columns: columns, rows: rows)
        }
    }

    /// The same columns and order read from PostgreSQL, each value cast to text.
    static func postgres(_ table: String, like sqlite: TableContents, key: [String], _ connection: PostgresConnection) throws -> TableContents {
        let casts = sqlite.columns.map { "\(quoted($0))::text AS \(quoted($0))" }.joined(separator: ", ")
        // Qualified: a bare name would sort by the output column, the text.
        let order = (key.isEmpty ? sqlite.columns : key).map { "\(quoted(table)).\(quoted($0))" }.joined(separator: ", ")
        let rows = try connection.execute("SELECT \(casts) FROM \(quoted(table)) ORDER BY \(order)").map(\.values)
        return TableContents(columns: sqlite.columns, rows: rows)
    }

    static func primaryKey(_ table: String, _ store: Store) throws -> [String] {
        try store.sqlitePool.read { db in
            try Row.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk", arguments: [table])
                .map { $0[0] }
        }
    }

    private static func select(_ columns: [String], from table: String, orderedBy key: [String]) -> String {
        "SELECT \(columns.map(quoted).joined(separator: ", ")) FROM \(quoted(table)) ORDER BY \(key.map(quoted).joined(separator: ", "))"
    }

    private static func quoted(_ name: String) -> String { "\"\(name)\"" }

    private static func text(_ value: DatabaseValue) -> String? {
        switch value.storage {
        case .null: nil
        case .int64(let integer): String(integer)
        case .double(let real): String(real)
        case .string(let string): string
        case .blob(let data): "\\x" + data.map { String(format: "%02x", $0) }.joined()
        }
    }
}

/// A store on a fresh temporary file filled by `CopyFixture`, its path, and a migrated PostgreSQL
/// database with a connection.
func withFilledStoreAndTarget<T>(_ body: (Store, String, PostgresConnection, PostgresURL) throws -> T) throws -> T {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("statusd-copy-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("source.db").path
    let store = try Store(path: path)
    try CopyFixture.fill(store)
    return try withMigratedDatabase { connection, url in try body(store, path, connection, url) }
}
