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

    /// A real encoding of "anything" with one part changed at a time never verifies "anything",
    /// so each part is checked, not only the length of the hash.
    @Test func anEncodingWithOnePartChanged_neverVerifies() throws {
        let encoded = try PasswordHash.make("anything")
        #expect(PasswordHash.verify("anything", against: encoded))
        let parts = encoded.split(separator: "$", omittingEmptySubsequences: false).map(String.init)
        func with(_ index: Int, _ value: String) -> String {
            var changed = parts
            changed[index] = value
            return changed.joined(separator: "$")
        }
        let otherSalt = Secrets.base64URL([UInt8](repeating: 7, count: 16))
        let flipped = String(parts[3].prefix(1) == "A" ? "B" : "A") + parts[3].dropFirst()
        for variant in [
            with(0, "pbkdf2-sha1"), with(1, "600001"), with(1, "0"), with(1, "10000001"), with(1, "x"),
            with(2, otherSalt), with(2, parts[2] + "+"), with(3, flipped), with(3, String(parts[3].dropLast(2))),
            encoded + "$extra", "", "pbkdf2-sha256$600000$abc",
        ] {
            #expect(!PasswordHash.verify("anything", against: variant), "\(variant)")
        }
    }

    @Test func base64URL_roundTrips() throws {
        for length in 0..<40 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 * 37 + 11) }
            #expect(Secrets.base64URLDecoded(Secrets.base64URL(bytes)) == bytes)
        }
    }
}
