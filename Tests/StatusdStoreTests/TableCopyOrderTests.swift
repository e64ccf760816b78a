import StatusdStore
import Testing

/// `CopiedTable.inForeignKeyOrder`: parents before children, ties by name, cycles refused.
@Suite struct TableCopyOrderTests {
    static func table(_ name: String, _ references: Set<String> = []) -> CopiedTable {
        CopiedTable(name: name, columns: ["id"], primaryKey: ["id"], references: references)
    }

    @Test func parentsComeBeforeChildrenAndTiesGoByName() throws {
        let ordered = try CopiedTable.inForeignKeyOrder([
            Self.table("deliveries", ["webhooks", "subscribers"]), Self.table("webhooks", ["projects"]),
            Self.table("subscribers", ["pages"]), Self.table("pages", ["projects"]), Self.table("projects"),
            Self.table("audit_log"), Self.table("elsewhere", ["not_copied"]),
        ]).map(\.name)
        #expect(ordered == ["audit_log", "elsewhere", "projects", "pages", "subscribers", "webhooks", "deliveries"])
    }

    @Test func aCycleIsRefusedNamingItsTables() {
        #expect(throws: TableCopyError.foreignKeyCycle(["a", "b"])) {
            try CopiedTable.inForeignKeyOrder([Self.table("a", ["b"]), Self.table("b", ["a"]), Self.table("c")])
        }
    }

    @Test func theStoresTablesAreInForeignKeyOrder() throws {
        try withSQLiteTestStore { store in
            let tables = try store.withTableCopySnapshot { $0.tables }
            let names = tables.map(\.name)
            #expect(!names.contains("schema_migrations") && !names.contains("sqlite_sequence"))
            for (index, table) in tables.enumerated() {
                #expect(table.references.isSubset(of: names[..<index]), "\(table.name) before its parents")
            }
            let incidents = try #require(tables.first { $0.name == "incidents" })
            #expect(!incidents.columns.contains("severity"), "a generated column is the target's to compute")
        }
    }
}
