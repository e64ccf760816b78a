import Foundation
import GRDB

extension Store {
    /// Copies the whole database, consistently, into a new file at `path` while the server keeps serving
    /// (SQLite's online backup API: readers and the writer are not stopped). Refuses to overwrite.
    public func backup(to path: String) throws {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw StoreError.duplicate(field: "backup file", value: path)
        }
        guard case .sqlite(let file) = backend else { throw BackupUnsupported() }
        let pool = file.pool
        do {
            let destination = try DatabaseQueue(path: path)
            try pool.backup(to: destination)
            try destination.close()
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
    }
}

/// `statusd backup` and `statusd copy` read a SQLite file; a PostgreSQL database is backed up
/// with its own tools.
public struct BackupUnsupported: Error, CustomStringConvertible {
    public var description: String {
        "this store is PostgreSQL: back it up with pg_dump or the server's continuous archiving"
    }
}
