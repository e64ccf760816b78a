import Foundation
import StatusdPostgres
import Testing

/// The PostgreSQL server the tests use: `STATUSD_TEST_POSTGRES`, a superuser's URL (scripts/postgres-cluster
/// prints one; `.ci/run` exports it). Unset, the tests that need a server skip, except in CI
/// (`CI` set, as `CI=true`; the rule of the full-disk tests), where they run and fail: CI must never
/// pass without having tested PostgreSQL.
enum TestPostgres {
    static let variable = "STATUSD_TEST_POSTGRES"

    static var serverURL: String? { ProcessInfo.processInfo.environment[variable].flatMap { $0.isEmpty ? nil : $0 } }

    static var isCI: Bool { !(ProcessInfo.processInfo.environment["CI"] ?? "").isEmpty }

    static var enabled: Bool { serverURL != nil || isCI }

    /// The server's URL, or the failure that says why there is none.
    static func requireServerURL() throws -> PostgresURL {
        guard let url = serverURL else {
            throw MissingServer()
        }
        return try PostgresURL(url)
    }

    struct MissingServer: Error, CustomStringConvertible {
        var description: String {
            "CI is set but \(TestPostgres.variable) is unset: start a cluster (scripts/postgres-cluster start DIR) and export its URL"
        }
    }
}

extension Trait where Self == ConditionTrait {
    /// Runs the test when a PostgreSQL server is given (and always in CI); skips it otherwise.
    static var postgres: Self {
        .enabled(if: TestPostgres.enabled, "set STATUSD_TEST_POSTGRES (scripts/postgres-cluster start DIR) to run")
    }
}

/// A fresh, empty database on the test server for `body`, dropped afterwards (also when `body` throws).
@discardableResult
func withTestDatabase<T>(_ body: (PostgresURL) throws -> T) throws -> T {
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
func withMigratedDatabase<T>(_ body: (PostgresConnection, PostgresURL) throws -> T) throws -> T {
    try withTestDatabase { url in
        let connection = try PostgresConnection(url: url)
        try PostgresMigrator.bundled().migrate(connection)
        return try body(connection, url)
    }
}
