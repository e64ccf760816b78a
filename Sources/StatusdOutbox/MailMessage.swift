import Foundation
import StatusdCore

/// A subscriber mail as RFC 5322 bytes: plain text in UTF-8, quoted-printable (7-bit safe for
/// any relay, so no 8BITMIME or SMTPUTF8 is needed for the body). Header values never carry a CR
/// or LF (each is replaced by a space, so no header can be injected through a title), and a
/// non-ASCII subject or display name is an RFC 2047 encoded-word.
struct MailMessage {
    var from: String
    var fromName: String
    var to: String
    var subject: String
    var date: Timestamp
    /// Without the angle brackets; stable per delivery, so a retry after a crash carries the same
    /// one and a receiver that deduplicates by Message-ID keeps one copy.
    var messageId: String
    var body: String
    /// The one-click unsubscribe URL (RFC 8058), if the mail has one.
    var unsubscribeURL: String?

    func bytes() -> [UInt8] {
        var head: [(String, String)] = [
            ("Date", Self.rfc5322Date(date)),
            ("From", "\(Self.encodedWord(fromName)) <\(from)>"),
            ("To", "<\(to)>"),
            ("Subject", Self.encodedWord(subject)),
            ("Message-ID", "<\(messageId)>"),
            ("MIME-Version", "1.0"),
            ("Content-Type", "text/plain; charset=utf-8"),
            ("Content-Transfer-Encoding", "quoted-printable"),
            ("Auto-Submitted", "auto-generated"),
        ]
        if let unsubscribeURL {
            head.append(("List-Unsubscribe", "<\(unsubscribeURL)>"))
            head.append(("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"))
        }
        var text = ""
        for (name, value) in head { text += name + ": " + Self.oneLine(value) + "\r\n" }
        return Array((text + "\r\n" + Self.quotedPrintable(body)).utf8)
    }

    /// CR and LF (and other controls) become spaces: a value stays one header line.
    static func oneLine(_ value: String) -> String {
        String(String.UnicodeScalarView(value.unicodeScalars.map { $0.value < 32 || $0.value == 127 ? " " : $0 }))
    }

    /// ASCII text as it is; anything else as `=?utf-8?B?…?=` words of at most 45 bytes of UTF-8
    /// each (75 characters encoded, RFC 2047 §2), split between characters.
    static func encodedWord(_ text: String) -> String {
        let clean = oneLine(text)
        if clean.allSatisfy({ $0.isASCII }) && !clean.contains("=?") { return clean }
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in clean {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > 45 {
                words.append("=?utf-8?B?\(Data(chunk).base64EncodedString())?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append("=?utf-8?B?\(Data(chunk).base64EncodedString())?=") }
        return words.joined(separator: "\r\n ")
    }

    /// RFC 2045 §6.7: lines ending in CRLF, soft breaks keep lines within 76 characters.
    static func quotedPrintable(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out = ""
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        for line in lines {
            var current: [UInt8] = []
            let bytes = Array(line.utf8)
            for (index, byte) in bytes.enumerated() {
                let last = index == bytes.count - 1
                var piece: [UInt8]
                if (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "=")) || ((byte == 32 || byte == 9) && !last) {
                    piece = [byte]
                } else {
                    piece = [UInt8(ascii: "="), hex[Int(byte >> 4)], hex[Int(byte & 15)]]
                }
                if current.count + piece.count > 75 {
                    out += String(decoding: current, as: UTF8.self) + "=\r\n"
                    current = []
                }
                current += piece
            }
            out += String(decoding: current, as: UTF8.self) + "\r\n"
        }
        return out
    }

    /// `Mon, 07 Dec 2026 10:12:55 +0000` (RFC 5322 §3.3), in UTC.
    static func rfc5322Date(_ time: Timestamp) -> String {
        let date = Date(timeIntervalSince1970: Double(time.millisecondsSince1970) / 1000)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}
