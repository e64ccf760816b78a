import StatusdPostgres

/// Fills an empty, migrated PostgreSQL database with every row of a SQLite snapshot (`statusd
/// copy`), ids and timestamps as they are, in one transaction: a failure leaves the target as it
/// was. Refuses a target that holds data. Not `Sendable`: it uses its connection, which is not.
public struct PostgresImporter {
    /// The most parameters one statement can carry (the protocol counts them in 16 bits).
    public static let parameterLimit = 65_535

    /// Rows per INSERT at most (fewer for a table so wide that they would pass `parameterLimit`).
    /// A thousand rows make a statement of a few thousand parameters: round trips stop mattering,
    /// and the statement stays small enough to parse quickly.
    public var maximumRowsPerStatement: Int

    let connection: PostgresConnection

    public init(connection: PostgresConnection, maximumRowsPerStatement: Int = 1000) {
        precondition(maximumRowsPerStatement > 0, "maximumRowsPerStatement must be positive")
        self.connection = connection
        self.maximumRowsPerStatement = maximumRowsPerStatement
    }

    /// Copies every table of `snapshot` in its order (parents first) and returns the rows copied per
    /// table. The target must be migrated already (`PostgresMigrator`).
    ///
    /// The trigger-kept tables (change_counters, page_change_counters, incident_counts) are copied as
    /// rows, with every user trigger of the copied tables disabled for the transaction: so they end
    /// with SQLite's values exactly, where replaying the inserts through the triggers would count the
    /// copy itself, and counters that history moved (a page's deletes, edits) would differ. The
    /// triggers' checks (a component's group on its page…) held in SQLite, whose triggers are the
    /// same. `ALTER TABLE … DISABLE TRIGGER` is transactional: other sessions never see the triggers
    /// off, and its lock keeps writers out of the tables until the copy commits. Foreign keys are
    /// system triggers, not user ones, and stay checked.
    public func copy(_ snapshot: TableCopySnapshot) throws -> [CopiedTableCount] {
        try refuseMissingTables(snapshot.tables)
        return try connection.transaction {
            try setUserTriggers(enabled: false, on: snapshot.tables)
            // After the ALTERs: their locks make the check hold until the commit.
            if let table = try tableHoldingData() { throw PostgresCopyError.targetHoldsData(table: table) }
            try removeSeededRows(snapshot.tables)
            let counts = try snapshot.tables.map { try copyRows(of: $0, from: snapshot) }
            try advanceSequences(of: snapshot.tables, past: snapshot.sequences)
            try setUserTriggers(enabled: true, on: snapshot.tables)
            return counts
        }
    }

    /// Inserts the rows of `table`, many per statement, as bound text parameters.
    private func copyRows(of table: CopiedTable, from snapshot: TableCopySnapshot) throws -> CopiedTableCount {
        let rowsPerStatement = max(1, min(maximumRowsPerStatement, Self.parameterLimit / table.columns.count))
        let fullStatement = Self.insertSQL(table, rows: rowsPerStatement)
        var copied = 0
        try snapshot.forEachBatch(of: table, rowsPerBatch: rowsPerStatement) { rows in
            let sql = rows.count == rowsPerStatement ? fullStatement : Self.insertSQL(table, rows: rows.count)
            do {
                try connection.execute(sql, rows.flatMap { $0.map(\.postgresText) })
            } catch var error as PostgresError {
                // Not the statement: thousands of placeholders say nothing to whoever reads the error.
                error.sql = "INSERT INTO \(table.name) … (\(rows.count) rows)"
                throw PostgresCopyError.rowsRefused(table: table.name, error)
            }
            copied += rows.count
        }
        return CopiedTableCount(table: table.name, rows: copied)
    }

    /// `INSERT INTO "t" ("a", "b") OVERRIDING SYSTEM VALUE VALUES ($1, $2), ($3, $4), …`: the copy
    /// keeps identity values, even of a column `GENERATED ALWAYS`.
    static func insertSQL(_ table: CopiedTable, rows: Int) -> String {
        let width = table.columns.count
        var sql = "INSERT INTO \(quoted(table.name)) (\(table.columns.map(quoted).joined(separator: ", ")))"
            + " OVERRIDING SYSTEM VALUE VALUES "
        sql.reserveCapacity(sql.utf8.count + rows * width * 8)
        for row in 0..<rows {
            sql += row == 0 ? "(" : ", ("
            for column in 0..<width {
                if column > 0 { sql += ", " }
                sql += "$\(row * width + column + 1)"
            }
            sql += ")"
        }
        return sql
    }

    /// An SQL identifier in double quotes.
    static func quoted(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// How many rows a copy wrote into one table.
public struct CopiedTableCount: Sendable, Hashable {
    public var table: String
    public var rows: Int

    public init(table: String, rows: Int) {
        self.table = table
        self.rows = rows
    }
}
