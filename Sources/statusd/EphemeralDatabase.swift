import Foundation

/// `serve --ephemeral` (or `--db :memory:`): a private database in a fresh folder, in memory-backed
/// `/dev/shm` where there is one, removed when the server stops. SQLite's own `:memory:` cannot be
/// shared by the store's reader and writer connections, so a file it is, on a RAM disk.
/// Folders left by a process that was killed (`kill -9`) are swept by the next ephemeral start.
struct EphemeralDatabase {
    static let prefix = "statusd-ephemeral-"

    let folder: URL
    var path: String { folder.appendingPathComponent("statusd.db").path }

    static func create() throws -> EphemeralDatabase {
        let base = baseFolder()
        sweepAbandoned(in: base)
        let pid = ProcessInfo.processInfo.processIdentifier
        let folder = base.appendingPathComponent("\(prefix)\(pid)-\(UUID().uuidString.prefix(8).lowercased())")
        do {
            try FileManager.default.createDirectory(
                at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        } catch {
            throw CLIFailure("cannot create an ephemeral database folder in \(base.path): \(CLIFailure.describe(error))")
        }
        return EphemeralDatabase(folder: folder)
    }

    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }

    private static func baseFolder() -> URL {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: "/dev/shm", isDirectory: &isFolder), isFolder.boolValue,
           FileManager.default.isWritableFile(atPath: "/dev/shm") {
            return URL(fileURLWithPath: "/dev/shm")
        }
        return FileManager.default.temporaryDirectory
    }

    /// Removes ephemeral folders whose process is gone (the pid is in the name).
    private static func sweepAbandoned(in base: URL) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: base.path) else { return }
        for name in names where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count)
            guard let pid = rest.split(separator: "-").first.flatMap({ Int32($0) }), pid > 0 else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH {
                try? FileManager.default.removeItem(at: base.appendingPathComponent(name))
            }
        }
    }
}
