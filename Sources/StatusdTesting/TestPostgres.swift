import Foundation
import StatusdPostgres
import StatusdSync
import Testing

/// The PostgreSQL server the tests use: `STATUSD_TEST_POSTGRES`, a superuser's URL (scripts/postgres-cluster
/// prints one; `.ci/run` exports it). Unset, the tests that need a server skip, except in CI
/// (`CI` set, as `CI=true`; the rule of the full-disk tests), where they run and fail: CI must never
/// pass without having tested PostgreSQL.
public enum TestPostgres {
    public static let variable = "STATUSD_TEST_POSTGRES"

    public static var serverURL: String? { ProcessInfo.processInfo.environment[variable].flatMap { $0.isEmpty ? nil : $0 } }

    public static var isCI: Bool { !(ProcessInfo.processInfo.environment["CI"] ?? "").isEmpty }

    public static var enabled: Bool { serverURL != nil || isCI }

    /// The server's URL, or the failure that says why there is none.
    public static func requireServerURL() throws -> PostgresURL {
        guard let url = serverURL else {
            throw MissingServer()
        }
        return try PostgresURL(url)
    }

    public struct MissingServer: Error, CustomStringConvertible {
        public var description: String {
            "CI is set but \(TestPostgres.variable) is unset: start a cluster (scripts/postgres-cluster start DIR) and export its URL"
        }
    }
}

extension Trait where Self == ConditionTrait {
    /// Runs the test when a PostgreSQL server is given (and always in CI); skips it otherwise.
    public static var postgres: Self {
        .enabled(if: TestPostgres.enabled, "set STATUSD_TEST_POSTGRES (scripts/postgres-cluster start DIR) to run")
    }
}

/// A fresh, empty database on the test server for `body`, dropped afterwards (also when `body` throws).
@discardableResult
public func withTestDatabase<T>(_ body: (PostgresURL) throws -> T) throws -> T {
    let server = try TestPostgres.requireServerURL()
    // The name is made here from hex digits only: CREATE DATABASE takes no parameters.
    let name = "statusd_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
    let admin = try PostgresConnection(url: server)
    try admin.execute("CREATE DATABASE \(name)")
    defer { _ = try? admin.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
    return try body(server.replacingDatabase(with: name))
}

/// A database migrated with the bundled PostgreSQL migrations, and a connection to it.
@discardableResult
public func withMigratedDatabase<T>(_ body: (PostgresConnection, PostgresURL) throws -> T) throws -> T {
    try withTestDatabase { url in
        let connection = try PostgresConnection(url: url)
        try PostgresMigrator.bundled().migrate(connection)
        return try body(connection, url)
    }
}

/// A fresh database holding the bundled migrations, for `body`, dropped afterwards. Copied from a
/// template migrated once per set of migrations (`CREATE DATABASE … TEMPLATE`), so a test pays a
/// file copy, not a migration: the store tests make one per test.
@discardableResult
public func withFreshStoreDatabase<T>(_ body: (PostgresURL) throws -> T) throws -> T {
    let server = try TestPostgres.requireServerURL()
    let template = try MigratedTemplate.name(on: server)
    let name = "statusd_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
    let admin = try PostgresConnection(url: server)
    _ = try MigratedTemplate.copying { try admin.execute("CREATE DATABASE \(name) TEMPLATE \(template)") }
    defer { _ = try? admin.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
    return try body(server.replacingDatabase(with: name))
}

/// The template database of `withFreshStoreDatabase`: named for a digest of the migrations, so a
/// cluster kept between runs reuses it until a migration changes.
private enum MigratedTemplate {
    private static let made = Locked<String?>(nil)
    /// CREATE DATABASE refuses a template another session is copying from at that moment.
    private static let copyLock = PlainLock()

    static func copying<T>(_ body: () throws -> T) rethrows -> T {
        try copyLock.withLock(body)
    }

    static func name(on server: PostgresURL) throws -> String {
        try made.withLock { made in
            if let made { return made }
            let migrator = try PostgresMigrator.bundled()
            var digest: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a over names and SQL
            for migration in migrator.migrations {
                for byte in (migration.name + "\n" + migration.sql).utf8 {
                    digest = (digest ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
                }
            }
            let name = "statusd_template_" + String(digest, radix: 16)
            let admin = try PostgresConnection(url: server)
            let exists = try admin.execute("SELECT 1 FROM pg_database WHERE datname = $1", [name]).count == 1
            if !exists {
                let building = name + "_building_" + String(UInt32.random(in: 0...UInt32.max), radix: 16)
                try admin.execute("CREATE DATABASE \(building)")
                do {
                    // Its own scope: the connection closes before the rename, which needs none open.
                    try {
                        let connection = try PostgresConnection(url: server.replacingDatabase(with: building))
                        _ = try migrator.migrate(connection)
                    }()
                    // Another run may have made it meanwhile: then this copy is dropped.
                    try admin.execute("ALTER DATABASE \(building) RENAME TO \(name)")
                } catch {
                    _ = try? admin.execute("DROP DATABASE IF EXISTS \(building) WITH (FORCE)")
                    let madeMeanwhile = try admin.execute("SELECT 1 FROM pg_database WHERE datname = $1", [name]).count == 1
                    guard madeMeanwhile else { throw error }
                }
            }
            made = name
            return name
        }
    }
}

/// Runs a test body on each backend: `sqlite` always, then `postgres` on a fresh migrated database
/// (`withFreshStoreDatabase`) when a test server is given. Returns the SQLite run's result; an
/// error of the PostgreSQL run says it came from there (`OnPostgres`).
@discardableResult
public func onEachBackend<T>(sqlite: () throws -> T, postgres: (PostgresURL) throws -> Void) throws -> T {
    let result = try sqlite()
    if TestPostgres.enabled {
        do {
            try withFreshStoreDatabase(postgres)
        } catch {
            throw OnPostgres(error: error)
        }
    }
    return result
}

/// The store a test runs on (see `eachBackend`).
public enum TestBackend: String, Sendable, CaseIterable {
    case sqlite = "SQLite"
    case postgres = "PostgreSQL"

    /// SQLite always; PostgreSQL when a test server is given (and always in CI).
    public static var available: [TestBackend] { TestPostgres.enabled ? [.sqlite, .postgres] : [.sqlite] }
}

/// Runs a whole test body once per available backend, SQLite first: for tests whose set-up around
/// the server (a webhook receiver, a mail sink, a log) must start afresh for each.
public func eachBackend(_ body: (TestBackend) throws -> Void) throws {
    for backend in TestBackend.available {
        do {
            try body(backend)
        } catch {
            if backend == .postgres { throw OnPostgres(error: error) }
            throw error
        }
    }
}

/// An error of the PostgreSQL run of a test, saying so (the SQLite run of the same body passed).
public struct OnPostgres: Error, CustomStringConvertible {
    public let error: any Error
    public var description: String { "on PostgreSQL: \(error)" }
}

extension TestPostgres {
    /// The test cluster's folder (`STATUSD_TEST_POSTGRES_DIR`, which `.ci/run` sets), for the
    /// tests of an outage; nil for a server the tests do not run.
    public static var clusterFolder: String? {
        ProcessInfo.processInfo.environment["STATUSD_TEST_POSTGRES_DIR"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// `scripts/postgres-cluster command folder` (`halt`, `resume`), waiting for it; throws when it fails.
    public static func cluster(_ command: String, _ folder: String) throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/postgres-cluster")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script.path, command, folder]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ClusterCommandFailed(command: command, status: process.terminationStatus)
        }
    }

    public struct ClusterCommandFailed: Error, CustomStringConvertible {
        public let command: String
        public let status: Int32
        public var description: String { "scripts/postgres-cluster \(command) exited with \(status)" }
    }
}
