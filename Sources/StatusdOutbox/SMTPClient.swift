import Foundation

/// One SMTP session per message (RFC 5321): greeting, EHLO, STARTTLS when offered (then EHLO
/// again), AUTH PLAIN or LOGIN when the URL has credentials, MAIL FROM, RCPT TO, DATA with the
/// message dot-stuffed, QUIT. Every reply is read whole (multi-line `250-` … `250 `) within
/// `timeout` per step. `send` returns only after the final 250 to DATA: the server has the mail.
struct SMTPClient {
    let url: SMTPURL
    let timeout: Duration
    /// The name this side gives in EHLO.
    let heloName: String

    enum Failure: Error, Equatable, CustomStringConvertible {
        case connection(String)
        case timedOut(String)
        case tls(String)
        case protocolError(String)
        /// The server's reply code and text to a command; 5xx is permanent (RFC 5321 §4.2.1).
        case rejected(command: String, code: Int, text: String)

        var description: String {
            switch self {
            case .connection(let reason): "cannot reach the SMTP server: \(reason)"
            case .timedOut(let phase): "timed out \(phase)"
            case .tls(let reason): reason
            case .protocolError(let reason): "SMTP protocol error: \(reason)"
            case .rejected(let command, let code, let text): "\(command) answered \(code) \(text)"
            }
        }
    }

    struct Reply {
        var code: Int
        var lines: [String]
    }

    /// Hands `message` (CRLF lines, headers and body) to the server for `recipient`.
    func send(from sender: String, to recipient: String, message: [UInt8]) throws(Failure) {
        let connection = try SMTPConnection(to: url, timeout: timeout)
        try expect(220, try read(connection), "the greeting")
        var features = try ehlo(connection)
        if Self.offers("STARTTLS", features) {
            try command("STARTTLS", expect: 220, connection)
            try connection.startTLS(host: url.host, verify: url.verifyCertificate)
            features = try ehlo(connection)
        }
        if let user = url.user {
            guard connection.isEncrypted || url.isLoopback else {
                throw .tls("the server offers no STARTTLS: credentials are not sent in the clear")
            }
            try authenticate(user: user, password: url.password ?? "", features: features, connection)
        }
        let utf8 = Self.offers("SMTPUTF8", features) && !(sender + recipient).allSatisfy(\.isASCII)
        try command("MAIL FROM:<\(sender)>" + (utf8 ? " SMTPUTF8" : ""), expect: 250, connection)
        try command("RCPT TO:<\(recipient)>", expect: 250, connection, orAlso: 251)
        try command("DATA", expect: 354, connection)
        try connection.send(Self.dotStuffed(message))
        try expect(250, try read(connection), "the message")
        // The mail is the server's now; a failed QUIT changes nothing.
        try? connection.send(Array("QUIT\r\n".utf8))
    }

    /// The EHLO reply's extension lines, upper-cased (`STARTTLS`, `AUTH PLAIN LOGIN`, `SMTPUTF8`).
    private func ehlo(_ connection: SMTPConnection) throws(Failure) -> [String] {
        try command("EHLO \(heloName)", expect: 250, connection).lines.dropFirst().map { $0.uppercased() }
    }

    private static func offers(_ keyword: String, _ features: [String]) -> Bool {
        features.contains { $0.split(separator: " ").first.map(String.init) == keyword }
    }

    /// PLAIN if offered (or if the server names no mechanism), else LOGIN (RFC 4616, and the
    /// LOGIN draft every relay still speaks).
    private func authenticate(user: String, password: String, features: [String], _ connection: SMTPConnection) throws(Failure) {
        let offered = Set(features.filter { $0.hasPrefix("AUTH ") }.flatMap { $0.split(separator: " ").dropFirst().map(String.init) })
        if offered.contains("PLAIN") || offered.isEmpty {
            let token = Data([0] + Array(user.utf8) + [0] + Array(password.utf8)).base64EncodedString()
            try command("AUTH PLAIN \(token)", expect: 235, connection, name: "AUTH PLAIN")
        } else if offered.contains("LOGIN") {
            try command("AUTH LOGIN", expect: 334, connection)
            try command(Data(user.utf8).base64EncodedString(), expect: 334, connection, name: "AUTH LOGIN user")
            try command(Data(password.utf8).base64EncodedString(), expect: 235, connection, name: "AUTH LOGIN password")
        } else {
            throw .protocolError("the server offers neither AUTH PLAIN nor AUTH LOGIN")
        }
    }

    // MARK: Replies

    /// Sends one command line and reads its reply; `name` stands for the command in errors (so
    /// credentials never reach a log).
    @discardableResult
    private func command(
        _ line: String, expect code: Int, _ connection: SMTPConnection, orAlso other: Int? = nil, name: String? = nil
    ) throws(Failure) -> Reply {
        try connection.send(Array((line + "\r\n").utf8))
        let reply = try read(connection)
        if reply.code == other { return reply }
        try expect(code, reply, name ?? String(line.prefix(while: { $0 != " " && $0 != ":" })))
        return reply
    }

    private func expect(_ code: Int, _ reply: Reply, _ what: String) throws(Failure) {
        guard reply.code == code else {
            throw .rejected(command: what, code: reply.code, text: reply.lines.joined(separator: " / "))
        }
    }

    /// A whole reply: lines `NNN-text` until one `NNN text` (RFC 5321 §4.2.1), all with one code.
    private func read(_ connection: SMTPConnection) throws(Failure) -> Reply {
        let deadline = HTTPPostClient.deadline(after: timeout)
        var lines: [String] = []
        var code: Int?
        while lines.count < 100 {
            let line = try connection.readLine(until: deadline)
            let bytes = Array(line.utf8)
            guard bytes.count >= 3, let number = Int(String(decoding: bytes[0..<3], as: UTF8.self)), (200...599).contains(number),
                  bytes.count == 3 || bytes[3] == UInt8(ascii: " ") || bytes[3] == UInt8(ascii: "-"),
                  code == nil || code == number
            else { throw .protocolError("a malformed reply line") }
            code = number
            lines.append(bytes.count > 4 ? String(decoding: bytes[4...], as: UTF8.self) : "")
            if bytes.count == 3 || bytes[3] == UInt8(ascii: " ") { return Reply(code: number, lines: lines) }
        }
        throw .protocolError("a reply of more than 100 lines")
    }

    /// The message with a line that starts with "." given a second one (RFC 5321 §4.5.2), a final
    /// CRLF if it has none, and the ending "." line.
    static func dotStuffed(_ message: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(message.count + 16)
        var atLineStart = true
        for byte in message {
            if atLineStart && byte == UInt8(ascii: ".") { out.append(byte) }
            out.append(byte)
            atLineStart = byte == UInt8(ascii: "\n")
        }
        if !(out.suffix(2) == [13, 10]) { out += [13, 10] }
        return out + Array(".\r\n".utf8)
    }
}
