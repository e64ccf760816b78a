import ArgumentParser
import Foundation
import StatusdStore

/// `statusd backup --to FILE`: a consistent copy of the database, safe while `serve` runs.
struct Backup: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copy the database into a new file, consistently, even while the server runs.")

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("The new file to write (must not exist).", valueName: "file"))
    var to: String

    func validate() throws {
        if store.isPostgres {
            throw ValidationError("--db \(store.displayName) is PostgreSQL: back it up with pg_dump or continuous archiving")
        }
        if FileManager.default.fileExists(atPath: to) {
            throw ValidationError("--to \(to) already exists: choose a new file")
        }
    }

    func run() throws {
        let store = try self.store.openStore()
        try storeCall { try store.backup(to: to) }
        print("backed up \(store.path) to \(to)")
    }
}
