import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A real `statusd serve` child process on an ephemeral port: for tests that `kill -9` it or stop it
/// with SIGTERM, which an in-process `TestServer` cannot live through. Killed when released.
public final class ServerProcess {
    public enum Failure: Error, CustomStringConvertible {
        case noListeningLine(log: String)

        public var description: String {
            switch self {
            case .noListeningLine(let log): "statusd serve exited before listening; its log:\n\(log)"
            }
        }
    }

    /// The port parsed from the `statusd listening on http://HOST:PORT` line.
    public let port: Int
    /// Standard error of the process (its logs), kept for failure messages.
    public let logFile: URL
    private let process: Process

    /// Runs `binary serve --port 0 --db databasePath` (no `--db` when nil) plus `arguments`, with
    /// `environment` added, and returns once it has printed its listening line.
    public init(
        binary: URL, databasePath: String?, arguments: [String] = [], environment extra: [String: String] = [:],
        logFile: URL
    ) throws {
        let process = Process()
        process.executableURL = binary
        process.arguments = ["serve", "--port", "0"] + (databasePath.map { ["--db", $0] } ?? []) + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["STATUSD_DB"] = nil
        // Tests read back thousands of rows in a burst: no rate limit unless a test asks for one.
        environment["STATUSD_RATE_LIMIT"] = "0"
        environment["STATUSD_PUBLIC_RATE_LIMIT"] = "0"
        environment.merge(extra) { $1 }
        process.environment = environment
        let stdout = Pipe()
        _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        process.standardOutput = stdout
        process.standardError = try FileHandle(forWritingTo: logFile)
        try process.run()
        self.process = process
        self.logFile = logFile
        let line = Self.readLine(stdout.fileHandleForReading.fileDescriptor)
        guard let port = line.flatMap(Self.port(inListeningLine:)) else {
            process.waitUntilExit()
            throw Failure.noListeningLine(log: (try? String(contentsOf: logFile, encoding: .utf8)) ?? "")
        }
        self.port = port
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// A client for this server's port, usable from any thread.
    public var client: LoopbackClient { LoopbackClient(port: port) }

    /// The server's process id (to read `/proc/<pid>/...` in tests).
    public var processIdentifier: Int32 { process.processIdentifier }

    /// Sends `signal` (SIGKILL, SIGTERM, ...) to the process.
    public func send(signal number: Int32) {
        kill(process.processIdentifier, number)
    }

    /// Waits up to `seconds` for the process to end: its exit status, or nil if it is still running
    /// (or was ended by a signal, in which case `endedBySignal` is true).
    public func waitForExit(seconds: Double) -> (status: Int32, endedBySignal: Bool)? {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning {
            guard Date() < deadline else { return nil }
            usleep(5_000)
        }
        return (process.terminationStatus, process.terminationReason == .uncaughtSignal)
    }

    /// `statusd listening on http://127.0.0.1:PORT` → PORT.
    static func port(inListeningLine line: String) -> Int? {
        guard line.hasPrefix("statusd listening on "), let colon = line.lastIndex(of: ":") else { return nil }
        return Int(line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
    }

    private static func readLine(_ fd: Int32) -> String? {
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while read(fd, &byte, 1) == 1 {
            if byte == UInt8(ascii: "\n") { return String(decoding: bytes, as: UTF8.self) }
            bytes.append(byte)
        }
        return nil
    }
}

/// One request per connection to a server on 127.0.0.1, from any thread; tells a request the server
/// never answered apart from a response cut short.
public struct LoopbackClient: Sendable {
    public enum Failure: Error, Equatable {
        /// Nothing came back: refused, reset or closed before the first byte.
        case noResponse
        /// Some bytes of a response, but not a whole one.
        case truncated
    }

    public let port: Int

    public init(port: Int) {
        self.port = port
    }

    /// Sends `method path` with `headers` and `body` (adding Host, Content-Length, Connection: close).
    public func send(
        _ method: String, _ path: String, headers: [(String, String)] = [], body: String? = nil
    ) throws -> TestResponse {
        var request = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        for (name, value) in headers { request += "\(name): \(value)\r\n" }
        if let body { request += "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n" }
        request += "\r\n"
        if let body { request += body }
        let client: RawHTTPClient
        do {
            client = try RawHTTPClient(port: port, timeout: 10)
            try client.send(request)
        } catch {
            throw Failure.noResponse
        }
        defer { client.close() }
        do {
            return try client.readResponse(forHEAD: method == "HEAD")
        } catch {
            throw client.bytesReceived == 0 ? Failure.noResponse : Failure.truncated
        }
    }
}
