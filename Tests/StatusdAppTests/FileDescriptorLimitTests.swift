import Foundation
import StatusdTesting
import Testing

/// `serve` raises its own open-file limit so that `--max-connections` can really be reached.
@Suite struct FileDescriptorLimitTests {
    /// The soft and hard "Max open files" of a process, from /proc.
    static func openFileLimits(of pid: Int32) throws -> (soft: Int, hard: Int) {
        let text = try String(contentsOfFile: "/proc/\(pid)/limits", encoding: .utf8)
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("Max open files") })
        let numbers = line.split(separator: " ").compactMap { Int($0) }
        return (numbers[0], numbers[1])
    }

    @Test func serveRaisesTheSoftLimitToCoverMaxConnections() throws {
        let binary = try CLITests.binary()
        try CLITests.withFolder { folder in
            // Start it the way a default shell would: a soft limit of 1,024 open files.
            let wrapper = folder.appendingPathComponent("statusd-low-limit")
            try "#!/bin/sh\nulimit -Sn 1024\nexec '\(binary.path)' \"$@\"\n".write(to: wrapper, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: wrapper.path)
            let server = try ServerProcess(
                binary: wrapper, databasePath: folder.appendingPathComponent("statusd.db").path,
                arguments: ["--max-connections", "4000"], logFile: folder.appendingPathComponent("log"))
            let limits = try Self.openFileLimits(of: server.processIdentifier)
            #expect(limits.soft >= min(4000 + 256, limits.hard))
            server.send(signal: SIGTERM)
            #expect(server.waitForExit(seconds: 15)?.status == 0)
        }
    }
}
