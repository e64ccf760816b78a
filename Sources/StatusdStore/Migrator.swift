import Foundation
import GRDB
import StatusdCore

/// One schema step: a `Migrations/NNNN_name.sql` file.
struct Migration: Sendable, Hashable {
    var name: String
    var sql: String
}

/// Why the store refused to open a database.
public enum MigrationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The database records migrations this binary does not ship: it was written by a newer statusd.
    case unknownMigrations([String])
    /// The migration files could not be found next to the binary.
    case missingMigrations(String)

    public var description: String {
        switch self {
        case .unknownMigrations(let names):
            "the database was written by a newer statusd (unknown migrations: "
                + names.joined(separator: ", ") + "); refusing to open it"
        case .missingMigrations(let detail):
            "cannot find the bundled Migrations folder: \(detail)"
        }
    }
}

/// Applies `Migrations/*.sql` in name order, each file with its bookkeeping row in one IMMEDIATE
/// transaction, and refuses a database that is ahead of the binary without writing to it.
struct Migrator {
    static let tableName = "schema_migrations"

    var migrations: [Migration]

    init(migrations: [Migration]) {
        self.migrations = migrations.sorted { $0.name < $1.name }
    }

    /// The migrations shipped with the binary (the `Migrations` resource of this module).
    static func bundled() throws -> Migrator {
        guard let folder = Bundle.module.url(forResource: "Migrations", withExtension: nil) else {
            throw MigrationError.missingMigrations("no Migrations resource in \(Bundle.module.bundlePath)")
        }
        return try Migrator(folder: folder)
    }

    init(folder: URL) throws {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        } catch {
            throw MigrationError.missingMigrations(folder.path)
        }
        let migrations = try names.filter { $0.hasSuffix(".sql") }.map { name in
            Migration(name: name, sql: try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8))
        }
        self.init(migrations: migrations)
    }

    /// Applies what is missing; returns the names applied now, in order.
    @discardableResult
    func migrate(_ writer: some DatabaseWriter) throws -> [String] {
        try writer.writeWithoutTransaction { db in
            try refuseUnknownMigrations(db)
            var applied: [String] = []
            for migration in migrations {
                try db.inTransaction(.immediate) {
                    try ensureBookkeepingTable(db)
                    // Re-checked inside the lock: another process may have migrated meanwhile.
                    let known = try String.fetchSet(db, sql: "SELECT name FROM \(Self.tableName)")
                    try refuseUnknown(applied: known)
                    if !known.contains(migration.name) {
                        try db.execute(sql: migration.sql)
                        try db.execute(
                            sql: "INSERT INTO \(Self.tableName)(name, applied_at) VALUES (?, ?)",
                            arguments: [migration.name, Timestamp.now().millisecondsSince1970]
                        )
                        applied.append(migration.name)
                    }
                    return .commit
                }
            }
            return applied
        }
    }

    /// Refuses a database ahead of the binary before anything opens it for writing (opening a
    /// DatabasePool writes to the file), through a read-only connection.
    func refuseIfAhead(path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else { return }
        var configuration = Configuration()
        configuration.readonly = true
        let applied = try DatabaseQueue(path: path, configuration: configuration).read { db in
            try appliedNames(db)
        }
        try refuseUnknown(applied: applied)
    }

    /// Names recorded in the database (empty for a fresh file).
    func appliedNames(_ db: Database) throws -> Set<String> {
        guard try db.tableExists(Self.tableName) else { return [] }
        return try String.fetchSet(db, sql: "SELECT name FROM \(Self.tableName)")
    }

    private func refuseUnknownMigrations(_ db: Database) throws {
        try refuseUnknown(applied: appliedNames(db))
    }

    private func refuseUnknown(applied: Set<String>) throws {
        let knownNames = Set(migrations.map(\.name))
        let unknown = applied.subtracting(knownNames).sorted()
        if !unknown.isEmpty { throw MigrationError.unknownMigrations(unknown) }
    }

    private func ensureBookkeepingTable(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE IF NOT EXISTS \(Self.tableName) (
                name        TEXT PRIMARY KEY NOT NULL,
                applied_at  INTEGER NOT NULL
            )
            """)
    }
}
