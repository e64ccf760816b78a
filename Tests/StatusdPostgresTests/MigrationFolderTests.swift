import Foundation
import StatusdPostgres
import StatusdTesting
@testable import StatusdStore
import Testing

/// No server needed: how the two migration folders ship and keep in step.
@Suite struct MigrationFolderTests {
    static let migrations = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Migrations")

    /// StatusdStore bundles all of Migrations/, postgres/ included, and its Migrator takes the top
    /// level's *.sql files only.
    @Test func sqliteMigratorIgnoresThePostgresFolder() throws {
        let onDisk = try FileManager.default.contentsOfDirectory(atPath: Self.migrations.path)
        #expect(onDisk.contains("postgres"))
        let sqlite = try Migrator.bundled().migrations.map(\.name)
        #expect(sqlite == onDisk.filter { $0.hasSuffix(".sql") }.sorted())
        #expect(!sqlite.contains { $0.contains("baseline") || !$0.hasSuffix(".sql") })
    }

    @Test func postgresMigrationsAreBundledAndStartWithTheBaseline() throws {
        let names = try PostgresMigrator.bundled().migrations.map(\.name)
        #expect(names.first == "0018_baseline.sql")
        #expect(names == names.sorted())
        let onDisk = try FileManager.default.contentsOfDirectory(atPath: Self.migrations.appendingPathComponent("postgres").path)
        #expect(names == onDisk.filter { $0.hasSuffix(".sql") }.sorted())
    }

    /// A later SQLite step has its PostgreSQL twin under the same number, and the other way round.
    @Test func bothFoldersEndAtTheSameNumber() throws {
        func number(_ name: String) -> String { String(name.prefix(4)) }
        let sqlite = try Migrator.bundled().migrations.map { number($0.name) }
        let postgres = try PostgresMigrator.bundled().migrations.map { number($0.name) }
        #expect(sqlite.last == postgres.last)
        let afterBaseline = postgres.dropFirst()
        #expect(Set(afterBaseline) == Set(sqlite.filter { $0 > "0018" }))
    }
}
