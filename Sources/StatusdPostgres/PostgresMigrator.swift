import Foundation

/// One schema step: a `Migrations/postgres/NNNN_name.sql` file, numbered as the SQLite step it
/// keeps PostgreSQL in line with.
public struct PostgresMigration: Sendable, Hashable {
    public var name: String
    public var sql: String

    public init(name: String, sql: String) {
        self.name = name
        self.sql = sql
    }
}

/// Why the migrator refused a database.
public enum PostgresMigrationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The database records migrations this binary does not ship: it was written by a newer statusd.
    case unknownMigrations([String])
    /// The migration files could not be found next to the binary.
    case missingMigrations(String)

    public var description: String {
        switch self {
        case .unknownMigrations(let names):
            "the database was written by a newer statusd (unknown migrations: "
                + names.joined(separator: ", ") + "); refusing to migrate it"
        case .missingMigrations(let detail):
            "cannot find the bundled PostgreSQL migrations: \(detail)"
        }
    }
}

/// Applies `Migrations/postgres/*.sql` in name order, each file with its bookkeeping row in one
/// transaction, all under one session advisory lock so that instances starting together migrate
/// once; refuses a database ahead of the binary before writing to it (as `Migrator` does for SQLite).
public struct PostgresMigrator: Sendable {
    public static let tableName = "schema_migrations"
    /// The `pg_advisory_lock` key every statusd takes to migrate: "statusd" in ASCII, then 0x4d ('M').
    public static let advisoryLockKey: Int64 = 0x7374_6174_7573_644d

    public var migrations: [PostgresMigration]

    public init(migrations: [PostgresMigration]) {
        self.migrations = migrations.sorted { $0.name < $1.name }
    }

    /// The migrations shipped with the binary (this module's `postgres` resource).
    public static func bundled() throws -> PostgresMigrator {
        guard let folder = Bundle.module.url(forResource: "postgres", withExtension: nil) else {
            throw PostgresMigrationError.missingMigrations("no postgres resource in \(Bundle.module.bundlePath)")
        }
        return try PostgresMigrator(folder: folder)
    }

    public init(folder: URL) throws {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        } catch {
            throw PostgresMigrationError.missingMigrations(folder.path)
        }
        let migrations = try names.filter { $0.hasSuffix(".sql") }.map { name in
            PostgresMigration(
                name: name, sql: try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8))
        }
        self.init(migrations: migrations)
    }

    /// Applies what is missing; returns the names applied now, in order. Blocks while another
    /// connection holds the migration lock.
    @discardableResult
    public func migrate(_ connection: PostgresConnection) throws -> [String] {
        try withMigrationLock(connection) {
            // Read inside the lock: another instance may have migrated while this one waited.
            try refuseUnknown(applied: appliedNames(connection))
            try ensureBookkeepingTable(connection)
            let known = try appliedNames(connection)
            var applied: [String] = []
            for migration in migrations where !known.contains(migration.name) {
                try connection.transaction {
                    try connection.executeScript(migration.sql)
                    try connection.execute(
                        "INSERT INTO \(Self.tableName)(name, applied_at) VALUES ($1, $2)",
                        [migration.name, String(Self.millisecondsSince1970())])
                }
                applied.append(migration.name)
            }
            return applied
        }
    }

    /// Names recorded in the database (empty for a fresh one).
    public func appliedNames(_ connection: PostgresConnection) throws -> Set<String> {
        let exists = try connection.execute("SELECT to_regclass($1) IS NOT NULL AS present", [Self.tableName])
        guard try exists.first?.bool("present") == true else { return [] }
        return Set(try connection.execute("SELECT name FROM \(Self.tableName)").map { try $0.string("name") })
    }

    private func withMigrationLock<T>(_ connection: PostgresConnection, _ body: () throws -> T) throws -> T {
        let key = String(Self.advisoryLockKey)
        try connection.execute("SELECT pg_advisory_lock($1::bigint)", [key])
        // Released on return and on throw; a connection that dies releases it with its session.
        defer { _ = try? connection.execute("SELECT pg_advisory_unlock($1::bigint)", [key]) }
        return try body()
    }

    private func refuseUnknown(applied: Set<String>) throws {
        let unknown = applied.subtracting(migrations.map(\.name)).sorted()
        if !unknown.isEmpty { throw PostgresMigrationError.unknownMigrations(unknown) }
    }

    private func ensureBookkeepingTable(_ connection: PostgresConnection) throws {
        // The same columns as SQLite's: applied_at in milliseconds since the epoch.
        try connection.execute("""
            CREATE TABLE IF NOT EXISTS \(Self.tableName) (
                name        TEXT PRIMARY KEY NOT NULL,
                applied_at  BIGINT NOT NULL
            )
            """)
    }

    private static func millisecondsSince1970() -> Int64 {
        Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
    }
}
