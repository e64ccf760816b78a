import ArgumentParser
import Foundation
import StatusdPostgres
import StatusdStore

/// `--db PATH|URL`, shared by every subcommand (default `./statusd.db`, or `STATUSD_DB`): a SQLite
/// file, or a `postgres://` URL for PostgreSQL (several instances on one database).
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "SQLite database file, or postgres://user[:password]@host[:port]/database (env STATUSD_DB).",
        valueName: "path|url"))
    var db: String?

    var path: String {
        db ?? ProcessInfo.processInfo.environment["STATUSD_DB"].flatMap { $0.isEmpty ? nil : $0 } ?? "./statusd.db"
    }

    /// Whether `--db` names a PostgreSQL database rather than a file.
    var isPostgres: Bool { PostgresURL.isPostgresURL(path) }

    /// What messages call the database: the file, or the URL with its password hidden.
    var displayName: String {
        guard isPostgres else { return path }
        return (try? PostgresURL(path).redacted) ?? "the PostgreSQL URL given"
    }

    /// Opens the store (applying migrations); failures become one clear line. `path` overrides
    /// `--db` (an ephemeral database's file). Its writes are recorded in the audit log as the
    /// CLI's (`AuditActor.cli`), but for a server's (`server`), whose requests say who they are.
    func openStore(
        path override: String? = nil, clock: StoreClock = .wall(), ids: IdSource = .random(), server: Bool = false
    ) throws -> Store {
        let path = override ?? self.path
        if path == ":memory:" {
            throw CLIFailure("--db :memory: is for `statusd serve` (a database that vanishes with the server)")
        }
        let name = override == nil ? displayName : path
        do {
            let store = PostgresURL.isPostgresURL(path)
                ? try Store(postgres: try PostgresURL(path), clock: clock, ids: ids)
                : try Store(path: path, clock: clock, ids: ids)
            if !server { store.attributeUnboundWrites(to: .cli) }
            return store
        } catch {
            throw CLIFailure("cannot open database \(name): \(CLIFailure.describe(error))")
        }
    }
}

/// A failure the CLI reports as one line on stderr with exit status 1.
struct CLIFailure: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) { self.description = description }

    static func describe(_ error: any Error) -> String {
        String(describing: error)
    }
}

/// Runs a store call, turning its errors into one readable line.
func storeCall<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let failure as CLIFailure {
        throw failure
    } catch {
        throw CLIFailure(CLIFailure.describe(error))
    }
}
