import Foundation
import GRDB
import StatusdCore

/// The one store both API shapes read and write. Thread-safe; every call is synchronous and runs
/// its writes in a single durable transaction through one write path (`write(_:)`).
public final class Store: Sendable {
    /// The project that pages created by an all-projects credential go to (`default`).
    public static let defaultProjectId = "default"

    let pool: DatabasePool
    /// The file this store opened.
    public let path: String
    /// Migrations applied when this store opened the file (empty when it was up to date).
    public let migrationsApplied: [String]

    /// Opens (creating if needed) the SQLite file, applies `Migrations/`, refuses a newer schema.
    public convenience init(path: String) throws {
        try self.init(path: path, migrator: Migrator.bundled())
    }

    init(path: String, migrator: Migrator) throws {
        self.path = path
        try migrator.refuseIfAhead(path: path)
        pool = try DatabaseSetup.openPool(path: path)
        migrationsApplied = try migrator.migrate(pool)
    }

    /// `SELECT 1` on a reader: for `/readyz`.
    public func ping() throws {
        _ = try read { db in try Int.fetchOne(db, sql: "SELECT 1") }
    }

    // MARK: The one write path

    /// Runs `body` in one `BEGIN IMMEDIATE` transaction on the writer and returns once it is durably
    /// committed (`synchronous = FULL`); any throw rolls everything back and is rethrown.
    /// Every write of the store goes through here, so group commit can be added in one place.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        try pool.writeWithoutTransaction { db in
            var result: T?
            try db.inTransaction(.immediate) {
                result = try body(db)
                return .commit
            }
            return result!
        }
    }

    /// Runs `body` on a WAL reader: a consistent snapshot, concurrent with the writer (inside
    /// `withReadSnapshot`, on the reader bound to this thread).
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        if let bound = BoundReader.current(for: self) { return try body(bound) }
        return try pool.read(body)
    }

    // MARK: Helpers shared by the extensions

    /// A new id: a lowercase UUID.
    static func newId() -> String {
        UUID().uuidString.lowercased()
    }

    static func now() -> Int64 {
        Timestamp.now().millisecondsSince1970
    }

    /// `id` if given (after checking it is free in `table`), else a new UUID.
    static func claimId(_ id: String?, in table: String, _ db: Database) throws -> String {
        guard let id else { return newId() }
        if try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM \(table) WHERE id = ?)", arguments: [id]) == true {
            throw StoreError.duplicate(field: "id", value: id)
        }
        return id
    }

    static func exists(_ table: String, id: String, _ db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM \(table) WHERE id = ?)", arguments: [id]) == true
    }
}
