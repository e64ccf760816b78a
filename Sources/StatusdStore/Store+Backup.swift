import Foundation
import GRDB

extension Store {
    /// Copies the whole database, consistently, into a new file at `path` while the server keeps serving
    /// (SQLite's online backup API: readers and the writer are not stopped). Refuses to overwrite.
    public func backup(to path: String) throws {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw StoreError.duplicate(field: "backup file", value: path)
        }
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
