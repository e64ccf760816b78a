import StatusdPostgres

// What the importer checks and changes on the target around the rows themselves.
extension PostgresImporter {
    /// Rows the migrations insert themselves, by table, as the condition that matches them
    /// (Migrations/postgres/0018_baseline.sql: the one change_counters row, at zero). A target
    /// holding only these holds no data. A test checks that a freshly migrated database holds none,
    /// so a later migration that seeds a row fails it until the row is listed here.
    static let seededRows = ["change_counters": "id = 1 AND content = 0 AND credentials = 0"]

    /// Refuses a target that holds data, then applies `migrator`: a refused target (even another
    /// application's database) is left without a single statusd table.
    public func migrateEmptyTarget(with migrator: PostgresMigrator) throws {
        if let table = try tableHoldingData() { throw PostgresCopyError.targetHoldsData(table: table) }
        try migrator.migrate(connection)
    }

    /// The first table of the target (the migrator's bookkeeping aside) with a row the migrations did
    /// not seed, by name; nil for an empty target.
    public func tableHoldingData() throws -> String? {
        for table in try targetTables().sorted() where table != PostgresMigrator.tableName {
            let unseeded = Self.seededRows[table].map { " WHERE NOT (\($0))" } ?? ""
            let held = try connection.execute("SELECT EXISTS (SELECT 1 FROM \(Self.quoted(table))\(unseeded)) AS held")
            if try held.first?.bool("held") == true { return table }
        }
        return nil
    }

    /// The tables of the connection's current schema.
    func targetTables() throws -> Set<String> {
        Set(try connection.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
            .map { try $0.string("tablename") })
    }

    func refuseMissingTables(_ tables: [CopiedTable]) throws {
        let present = try targetTables()
        if let missing = tables.first(where: { !present.contains($0.name) }) {
            throw PostgresCopyError.missingTable(missing.name)
        }
    }

    /// `ALTER TABLE … DISABLE/ENABLE TRIGGER USER` on each table (the schema owner may; foreign keys
    /// stay checked: https://www.postgresql.org/docs/15/sql-altertable.html#SQL-ALTERTABLE-DESC-DISABLE-ENABLE-TRIGGER).
    func setUserTriggers(enabled: Bool, on tables: [CopiedTable]) throws {
        for table in tables {
            try connection.execute("ALTER TABLE \(Self.quoted(table.name)) \(enabled ? "ENABLE" : "DISABLE") TRIGGER USER")
        }
    }

    /// Deletes the seeded rows (all a table holds once `tableHoldingData` found nothing), children
    /// first, so the copied rows take their place.
    func removeSeededRows(_ tables: [CopiedTable]) throws {
        for table in tables.reversed() where Self.seededRows[table.name] != nil {
            try connection.execute("DELETE FROM \(Self.quoted(table.name))")
        }
    }

    /// Sets each identity or serial column's sequence of the copied tables past the highest value
    /// copied, and past the highest SQLite ever handed out for an AUTOINCREMENT table (`sequences`,
    /// from sqlite_sequence: a value once used is never reused, as in SQLite), so the next insert
    /// through PostgreSQL takes a new one. A sequence of an empty table stays as it was.
    func advanceSequences(of tables: [CopiedTable], past sequences: [String: Int64]) throws {
        let copied = Set(tables.map(\.name))
        let columns = try connection.execute("""
            SELECT table_name, column_name FROM information_schema.columns
            WHERE table_schema = current_schema() AND (is_identity = 'YES' OR column_default LIKE 'nextval(%')
            """)
        for column in columns {
            let (table, name) = (try column.string("table_name"), try column.string("column_name"))
            guard copied.contains(table) else { continue }
            let maximum = try connection.execute("SELECT max(\(Self.quoted(name))) AS value FROM \(Self.quoted(table))")
            let highest = max(try maximum.first?.optionalInt64("value") ?? 0, sequences[table] ?? 0)
            guard highest > 0 else { continue }
            // pg_get_serial_sequence reads its first argument as SQL text (quoted), the second as a name.
            try connection.execute(
                "SELECT setval(pg_get_serial_sequence($1, $2), $3::bigint)", [Self.quoted(table), name, String(highest)])
        }
    }
}
