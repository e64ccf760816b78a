import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real filesystem of a few megabytes (a size-limited tmpfs) mounted for one test, and a filler
/// file that takes every free block of it, so the database on it meets a full disk for real.
/// Mounting needs root (or CAP_SYS_ADMIN): CI runs as root; elsewhere the suites using it are off
/// unless `CI` is set, in which case they run and fail loudly when the mount is refused.
struct SmallFilesystem {
    let root: URL
    private var filler: URL { root.appendingPathComponent("filler") }

    static var available: Bool {
        geteuid() == 0 || !(ProcessInfo.processInfo.environment["CI"] ?? "").isEmpty
    }

    enum Failure: Error, CustomStringConvertible {
        case command(String, status: Int32, output: String)
        case fill(errno: Int32)

        var description: String {
            switch self {
            case .command(let command, let status, let output): "\(command) exited \(status): \(output)"
            case .fill(let code): "filling the filesystem failed before it was full: \(String(cString: strerror(code)))"
            }
        }
    }

    /// Mounts a tmpfs of `kibibytes` at `folder` (created), runs `body`, and unmounts it whatever happens.
    static func withMounted<T>(kibibytes: Int, at folder: URL, _ body: (SmallFilesystem) throws -> T) throws -> T {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(kibibytes)k,mode=0700", "statusd-test", folder.path])
        defer { try? run("/bin/umount", ["-l", folder.path]) }
        return try body(SmallFilesystem(root: folder))
    }

    /// Writes the filler file until the filesystem refuses a single byte more (ENOSPC).
    func fill() throws {
        let descriptor = open(filler.path, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        guard descriptor >= 0 else { throw Failure.fill(errno: errno) }
        defer { close(descriptor) }
        for chunk in [64 << 10, 4 << 10, 512, 1] {
            let bytes = [UInt8](repeating: 0x5A, count: chunk)
            while true {
                let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, chunk) }
                if written == chunk { continue }
                if written >= 0 || errno == ENOSPC { break }
                throw Failure.fill(errno: errno)
            }
        }
    }

    /// Removes the filler: the space is free again.
    func free() throws {
        try FileManager.default.removeItem(at: filler)
    }

    private static func run(_ executable: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            throw Failure.command(([executable] + arguments).joined(separator: " "), status: process.terminationStatus, output: text)
        }
    }
}
