import StatusdCore
import Testing

/// The subscriber address rule: what it admits, what it refuses and why.
@Suite struct EmailAddressTests {
    static let longestLocal = String(repeating: "l", count: 64)
    /// 64 + 1 + (3 × 61 + 2 + 4) = 254 characters.
    static let longestAddress = longestLocal + "@" + [String](repeating: String(repeating: "d", count: 61), count: 3)
        .joined(separator: ".") + ".com"

    @Test func theLongestExampleIsAtTheLimit() {
        #expect(Self.longestAddress.utf8.count == EmailAddress.maximumLength)
    }

    @Test(arguments: [
        "user@example.com", "User.Name+tag@Example.COM", "a@b.co", "0@a.io", "x-y_z@sub-1.example.co.uk",
        "!#$%&'*+-/=?^_`{|}~@example.com", "a.b.c@xn--bcher-kva.example", "a@XN--bcher-kva.example", "a@abc--d.example", "a@a-b.c-d", "1@2.3", longestLocal + "@example.com",
        longestAddress,
    ])
    func admits(_ address: String) {
        #expect(EmailAddress.problem(address) == nil, "\(address.count) characters")
    }

    @Test(arguments: [
        ("", "must contain exactly one @"),
        ("plainaddress", "must contain exactly one @"),
        ("a@b@example.com", "must contain exactly one @"),
        ("@example.com", "must have 1 to 64 characters before the @"),
        (longestLocal + "l@example.com", "must have 1 to 64 characters before the @"),
        (".a@example.com", "may have before the @ only letters"),
        ("a.@example.com", "may have before the @ only letters"),
        ("a..b@example.com", "may have before the @ only letters"),
        ("a(b)@example.com", "may have before the @ only letters"),
        ("\"a\"@example.com", "may have before the @ only letters"),
        ("a@", "must have a domain with a dot"),
        ("a@localhost", "must have a domain with a dot"),
        ("a@example..com", "must have a domain of labels"),
        ("a@.example.com", "must have a domain of labels"),
        ("a@example.com.", "must have a domain of labels"),
        ("a@-example.com", "must have a domain of labels"),
        ("a@example-.com", "must have a domain of labels"),
        ("a@exa_mple.com", "must have a domain of labels"),
        ("a@[192.168.0.1]", "must have a domain of labels"),
        ("a@" + String(repeating: "d", count: 64) + ".com", "must have a domain of labels"),
        ("a@ab--c.com", "-- as its third and fourth"),
        ("a@example.r0--b", "-- as its third and fourth"),
        ("user name@example.com", "without spaces or control characters"),
        (" user@example.com", "without spaces or control characters"),
        ("user@example.com\n", "without spaces or control characters"),
        ("user@exa\u{0}mple.com", "without spaces or control characters"),
        ("user\u{7F}@example.com", "without spaces or control characters"),
        ("jösé@example.com", "plain ASCII"),
        ("user@bücher.example", "plain ASCII"),
        (longestAddress + "m", "must be at most 254 characters long"),
        (String(repeating: "a", count: 10_000), "must be at most 254 characters long"),
    ])
    func refuses(_ address: String, _ reason: String) {
        let problem = EmailAddress.problem(address)
        #expect(problem?.contains(reason) == true, "\(address.prefix(80)): \(problem ?? "admitted")")
    }
}
