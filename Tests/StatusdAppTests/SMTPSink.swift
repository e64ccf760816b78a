import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real SMTP server for the mail tests: scripts/smtp-sink.py (aiosmtpd, from .venv-mail made by
/// scripts/mail-test-tools) on 127.0.0.1, saving every message it accepts as a JSON file that
/// `messages` reads. Stopped by the test (`defer { sink.stop() }`).
final class SMTPSink {
    struct Message {
        var mailFrom: String
        var recipients: [String]
        var tls: Bool
        var authenticated: Bool
        /// The message as received, CRLF lines.
        var data: String

        /// The value of the first header of this name (unfolded).
        func header(_ name: String) -> String? {
            let head = data.components(separatedBy: "\r\n\r\n").first ?? ""
            let unfolded = head.replacingOccurrences(of: "\r\n ", with: " ")
            return unfolded.components(separatedBy: "\r\n").first { $0.lowercased().hasPrefix(name.lowercased() + ":") }
                .map { String($0.dropFirst(name.count + 1)).trimmingCharacters(in: .whitespaces) }
        }

        /// The body, quoted-printable decoded.
        var text: String {
            let body = data.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n")
            return SMTPSink.decodeQuotedPrintable(body)
        }

        /// The path and query of the first link in the body that contains `marker`.
        func link(containing marker: String) -> String? {
            text.components(separatedBy: .whitespacesAndNewlines).first { $0.hasPrefix("http") && $0.contains(marker) }
                .flatMap { URLComponents(string: $0) }.map { $0.percentEncodedPath + "?" + ($0.percentEncodedQuery ?? "") }
        }
    }

    let port: Int
    private let process: Process
    private let folder: URL

    /// Starts the sink on `port` (0: a free one) with the given extra arguments (`--tls CERT KEY`, `--auth U:P`).
    init(port: Int = 0, arguments: [String] = []) throws {
        let python = try Self.python()
        self.port = port == 0 ? try Self.freePort() : port
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("smtp-sink-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [Self.root + "/scripts/smtp-sink.py", String(self.port), folder.path] + arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let line = output.fileHandleForReading.availableData
        guard String(decoding: line, as: UTF8.self).hasPrefix("ready") else {
            process.terminate()
            throw SinkFailure(description: "smtp-sink did not start")
        }
    }

    func stop() {
        // SIGKILL: the test process blocks SIGTERM and SIGINT (the server's signal sources), and a
        // child inherits that mask, so a polite signal would never arrive.
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: folder)
    }

    /// The messages accepted so far, in order.
    var messages: [Message] {
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
        return files.compactMap { file in
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(file).path),
                  let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
            return Message(
                mailFrom: object["mail_from"] as? String ?? "", recipients: object["rcpt_tos"] as? [String] ?? [],
                tls: object["tls"] as? Bool ?? false, authenticated: object["authenticated"] as? Bool ?? false,
                data: object["data"] as? String ?? "")
        }
    }

    /// Waits (up to `seconds`) until at least `count` messages have come; returns them all.
    func waitFor(_ count: Int, seconds: Double = 10) -> [Message] {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            let received = messages
            if received.count >= count { return received }
            usleep(20_000)
        }
        return messages
    }

    struct SinkFailure: Error, CustomStringConvertible { let description: String }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    private static func python() throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: root + "/scripts/mail-test-tools")
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw SinkFailure(description: "scripts/mail-test-tools failed") }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A port nothing listens on right now (bound to 0, read, closed).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard ok else { throw SinkFailure(description: "no free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func decodeQuotedPrintable(_ text: String) -> String {
        let bytes = Array(text.replacingOccurrences(of: "=\r\n", with: "").utf8)
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "="), index + 2 < bytes.count,
               let value = UInt8(String(decoding: bytes[(index + 1)...(index + 2)], as: UTF8.self), radix: 16) {
                out.append(value)
                index += 3
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
