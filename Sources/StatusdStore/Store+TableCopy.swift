import GRDB
import GRDBSQLite

// Reading the whole database for `statusd copy`: every table, in one read transaction, so the copy
// is one consistent snapshot even while a server keeps writing to the file.
extension Store {
    /// Tables a copy leaves out: SQLite's own (`sqlite_sequence`, `sqlite_stat1`…; the sequences are
    /// handed over apart, as `TableCopySnapshot.sequences`) and the migrator's bookkeeping, which
    /// the target keeps for its own migrations.
    public static let tablesNotCopied = [Migrator.tableName]

    /// Runs `body` with a snapshot of every table inside one WAL read transaction (concurrent with
    /// the writer, which it does not hold up). The snapshot is valid inside `body` only.
    public func withTableCopySnapshot<T>(_ body: (TableCopySnapshot) throws -> T) throws -> T {
        guard case .sqlite(let file) = backend else { throw BackupUnsupported() }
        return try file.pool.read { db in try body(TableCopySnapshot(db)) }
    }
}

/// Every table of the database, in foreign-key order, read from one snapshot: what `statusd copy`
/// writes into another database. Not `Sendable`, and valid only inside `withTableCopySnapshot`.
public final class TableCopySnapshot {
    /// Parents before children (computed from `PRAGMA foreign_key_list`, so new tables are picked up).
    public let tables: [CopiedTable]
    /// `sqlite_sequence`: the highest rowid each AUTOINCREMENT table ever handed out (it may exceed
    /// the highest left, after deletes), by table name.
    public let sequences: [String: Int64]
    private let db: Database

    init(_ db: Database) throws {
        self.db = db
        tables = try CopiedTable.inForeignKeyOrder(Self.tableNames(db).map { try Self.table($0, db) })
        sequences = try db.tableExists("sqlite_sequence")
            ? Dictionary(try Row.fetchAll(db, sql: "SELECT name, seq FROM sqlite_sequence").map { ($0[0], $0[1]) },
                         uniquingKeysWith: max)
            : [:]
    }

    /// The rows of `table`, in primary-key order, handed to `body` `rowsPerBatch` at a time (the last
    /// batch may be shorter; an empty table calls it never). Values in `table.columns`' order.
    public func forEachBatch(
        of table: CopiedTable, rowsPerBatch: Int, _ body: ([[CopiedValue]]) throws -> Void
    ) throws {
        precondition(rowsPerBatch > 0, "rowsPerBatch must be positive")
        let columns = table.columns.map(Self.quoted).joined(separator: ", ")
        let order = table.primaryKey.isEmpty ? "rowid" : table.primaryKey.map(Self.quoted).joined(separator: ", ")
        let statement = try db.makeStatement(
            sql: "SELECT \(columns) FROM \(Self.quoted(table.name)) ORDER BY \(order)")
        var batch: [[CopiedValue]] = []
        batch.reserveCapacity(rowsPerBatch)
        try statement.forEachRow(StatementArguments()) { row in
            batch.append((0..<table.columns.count).map(row.copiedValue))
            if batch.count == rowsPerBatch {
                try body(batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        if !batch.isEmpty { try body(batch) }
    }

    /// Every table but SQLite's internals and `Store.tablesNotCopied`.
    private static func tableNames(_ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: """
            SELECT name FROM sqlite_schema
            WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
            ORDER BY name
            """).filter { !Store.tablesNotCopied.contains($0) }
    }

    private static func table(_ name: String, _ db: Database) throws -> CopiedTable {
        // table_info leaves generated columns out (table_xinfo would list them):
        // https://www.sqlite.org/pragma.html#pragma_table_info
        let columns = try Row.fetchAll(db, sql: "SELECT name, pk FROM pragma_table_info(?) ORDER BY cid", arguments: [name])
        let primaryKey = columns.filter { ($0[1] as Int) > 0 }.sorted { ($0[1] as Int) < ($1[1] as Int) }
        // https://www.sqlite.org/pragma.html#pragma_foreign_key_list
        let references = try String.fetchSet(
            db, sql: "SELECT DISTINCT \"table\" FROM pragma_foreign_key_list(?)", arguments: [name])
        return CopiedTable(
            name: name, columns: columns.map { $0[0] }, primaryKey: primaryKey.map { $0[0] },
            references: references.subtracting([name]))
    }

    /// An SQL identifier in double quotes (the names come from the schema, not from users).
    private static func quoted(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

@available(*, unavailable)
extension TableCopySnapshot: Sendable {}

extension SQLiteRow {
    /// Column `index` in its own storage class (https://www.sqlite.org/datatype3.html).
    func copiedValue(_ index: Int) -> CopiedValue {
        switch sqlite3_column_type(handle, Int32(index)) {
        case SQLITE_NULL: .null
        case SQLITE_INTEGER: .integer(self[index])
        case SQLITE_FLOAT: .real(sqlite3_column_double(handle, Int32(index)))
        case SQLITE_BLOB: .blob(self[index])
        default: .text(self[index])
        }
    }
}
