import ArgumentParser
import Foundation
import StatusdStore

/// `--db PATH`, shared by every subcommand (default `./statusd.db`, or `STATUSD_DB`).
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("SQLite database file (env STATUSD_DB).", valueName: "path"))
    var db: String?

    var path: String {
        db ?? ProcessInfo.processInfo.environment["STATUSD_DB"].flatMap { $0.isEmpty ? nil : $0 } ?? "./statusd.db"
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
        do {
            let store = try Store(path: path, clock: clock, ids: ids)
            if !server { store.attributeUnboundWrites(to: .cli) }
            return store
        } catch {
            throw CLIFailure("cannot open database \(path): \(CLIFailure.describe(error))")
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
