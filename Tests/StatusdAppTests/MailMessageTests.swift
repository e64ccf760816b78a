import StatusdCore
@testable import StatusdOutbox
import Testing

/// The bytes of a subscriber mail: no header can be injected through a title, non-ASCII subjects
/// are RFC 2047 encoded, bodies are quoted-printable, and DATA is dot-stuffed.
@Suite struct MailMessageTests {
    static func message(subject: String, body: String = "Hello") -> String {
        let mail = MailMessage(
            from: "status@example.net", fromName: "Acme status", to: "a@example.org", subject: subject,
            date: Timestamp(millisecondsSince1970: 1_622_505_600_000), messageId: "d1@example.net", body: body,
            unsubscribeURL: "http://127.0.0.1:8080/status/demo/unsubscribe?token=ab.cd")
        return String(decoding: mail.bytes(), as: UTF8.self)
    }

    @Test func aTitleWithCRLFCannotAddAHeader() {
        let text = Self.message(subject: "Outage\r\nBcc: evil@example.com\nX-Evil: 1")
        let head = text.components(separatedBy: "\r\n\r\n")[0].components(separatedBy: "\r\n")
        #expect(!head.contains { $0.hasPrefix("Bcc:") || $0.hasPrefix("X-Evil:") })
        #expect(head.contains("Subject: Outage  Bcc: evil@example.com X-Evil: 1"))
        #expect(head.contains("Date: Tue, 01 Jun 2021 00:00:00 +0000"))
        #expect(head.contains("Message-ID: <d1@example.net>"))
        #expect(head.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"))
    }

    @Test func aNonASCIISubjectIsAnEncodedWord() {
        let text = Self.message(subject: "Störung")
        #expect(text.contains("Subject: =?utf-8?B?U3TDtnJ1bmc=?=\r\n"))
    }

    @Test func theBodyIsQuotedPrintable() {
        let text = Self.message(subject: "s", body: "Grüße = ok \n" + String(repeating: "x", count: 100))
        let body = text.components(separatedBy: "\r\n\r\n")[1]
        #expect(body.hasPrefix("Gr=C3=BC=C3=9Fe =3D ok=20\r\n"))
        #expect(body.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 76 })
        #expect(body.unicodeScalars.allSatisfy { $0.isASCII })
    }

    @Test func dataIsDotStuffedAndEnded() {
        let stuffed = String(decoding: SMTPClient.dotStuffed(Array(".first\r\nmid.dle\r\n..two".utf8)), as: UTF8.self)
        #expect(stuffed == "..first\r\nmid.dle\r\n...two\r\n.\r\n")
    }
}
