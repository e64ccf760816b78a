@testable import StatusdStore
import Testing

/// Page passwords: salted, slow, self-describing, and checked without leaking by timing.
@Suite struct PasswordHashTests {
    @Test func theRightPasswordVerifies_andNothingElseDoes() throws {
        let encoded = try PasswordHash.make("correct horse battery staple")
        let parts = encoded.split(separator: "$")
        #expect(parts.count == 4 && parts[0] == "pbkdf2-sha256" && parts[1] == "600000")
        #expect(PasswordHash.verify("correct horse battery staple", against: encoded))
        #expect(!PasswordHash.verify("correct horse battery stapl", against: encoded))
        #expect(!PasswordHash.verify("", against: encoded))
        // The same password twice gets two salts, so two different encodings.
        #expect(try PasswordHash.make("correct horse battery staple") != encoded)
        #expect(!encoded.contains("correct"))
    }

    @Test(arguments: ["", "pbkdf2-sha256$600000$abc", "md5$1$AAAA$AAAA", "pbkdf2-sha256$0$AAAA$AAAA",
                      "pbkdf2-sha256$x$AAAA$AAAA", "pbkdf2-sha256$1000$A$AAAA", "pbkdf2-sha256$1000$AAAA$AA+A"])
    func malformedEncodings_neverVerify(encoded: String) {
        #expect(!PasswordHash.verify("anything", against: encoded))
    }

    @Test func base64URL_roundTrips() throws {
        for length in 0..<40 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 * 37 + 11) }
            #expect(Secrets.base64URLDecoded(Secrets.base64URL(bytes)) == bytes)
        }
    }
}
