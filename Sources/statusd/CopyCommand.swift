import ArgumentParser
import Foundation
import StatusdPostgres
import StatusdStore

/// `statusd copy --db FILE --to postgres://…`: every row of the SQLite database into an empty
/// PostgreSQL database, in one transaction, from one snapshot (the server may keep running).
struct Copy: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copy every row of the SQLite database into an empty PostgreSQL database.",
        discussion: """
            Ids and timestamps are kept. The file is migrated first, as `serve` would; the target is \
            migrated, then filled in one transaction, and refused if it already holds data.
            """)

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp(
        "The PostgreSQL database to fill: postgres://user[:password]@host[:port]/database (must hold no data).",
        valueName: "url"))
    var to: String

    func validate() throws {
        guard !store.isPostgres else {
            throw ValidationError("--db \(store.displayName) is PostgreSQL: copy reads a SQLite file (use pg_dump between PostgreSQL databases)")
        }
        // Opening the store would create a missing file: an empty copy of a misspelt path.
        guard store.path == ":memory:" || FileManager.default.fileExists(atPath: store.path) else {
            throw ValidationError("--db \(store.path) does not exist")
        }
        do {
            _ = try PostgresURL(to)
        } catch {
            throw ValidationError("--to: \(CLIFailure.describe(error))")
        }
    }

    func run() throws {
        let target = try PostgresURL(to)
        // Through the Store, so an older file is brought up to date first, as `serve` would: the
        // PostgreSQL schema is the twin of the SQLite schema this binary ships, not of an older one.
        let store = try self.store.openStore()
        let counts = try copyCall(into: target) {
            let importer = try PostgresImporter(connection: PostgresConnection(url: target))
            try importer.migrateEmptyTarget(with: PostgresMigrator.bundled())
            return try store.withTableCopySnapshot { try importer.copy($0) }
        }
        for name in store.migrationsApplied { print("applied \(name) to \(store.path) first") }
        print(Self.summary(counts, from: store.path, to: target))
    }

    /// One line per table, then the total; the URL without its password.
    static func summary(_ counts: [CopiedTableCount], from path: String, to target: PostgresURL) -> String {
        let width = counts.map(\.table.count).max() ?? 0
        let lines = counts.map { $0.table.padding(toLength: width, withPad: " ", startingAt: 0) + "  \($0.rows)" }
        let total = counts.reduce(0) { $0 + $1.rows }
        return (["copied \(path) to \(target.redacted)"] + lines + ["total  \(total) rows in \(counts.count) tables"])
            .joined(separator: "\n")
    }

    /// Runs the copy; its errors become one line naming the target (redacted).
    private func copyCall<T>(into target: PostgresURL, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw CLIFailure("cannot copy into \(target.redacted): \(CLIFailure.describe(error))")
        }
    }
}
