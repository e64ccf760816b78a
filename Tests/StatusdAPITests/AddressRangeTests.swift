import Testing
@testable import StatusdAPI

/// `allowed_ips` matching and the parts of a request the public-page check reads.
@Suite struct AddressRangeTests {
    @Test(arguments: [
        ("10.0.0.0/8", "10.255.1.2", true), ("10.0.0.0/8", "11.0.0.1", false),
        ("192.168.1.1", "192.168.1.1", true), ("192.168.1.1", "192.168.1.2", false),
        ("192.168.1.0/25", "192.168.1.127", true), ("192.168.1.0/25", "192.168.1.128", false),
        ("0.0.0.0/0", "8.8.8.8", true), ("10.0.0.0/8", "::ffff:10.1.2.3", true),
        ("2001:db8::/32", "2001:db8:1::5", true), ("2001:db8::/32", "2001:db9::1", false),
        ("::1", "::1", true), ("::1", "127.0.0.1", false), ("10.0.0.0/33", "10.0.0.1", false),
        ("not an address", "10.0.0.1", false), ("10.0.0.0/8", "garbage", false),
    ])
    func matching(_ entry: String, _ address: String, _ expected: Bool) {
        #expect(AddressRange.contains(entry, address) == expected)
    }

    @Test func hostAndBasicPassword() {
        #expect(PublicPageAccess.hostPart("127.0.0.1:5000") == "127.0.0.1")
        #expect(PublicPageAccess.hostPart("[::1]:5000") == "::1")
        #expect(PublicPageAccess.basicPassword("Basic dXNlcjpwYXNzOndvcmQ=") == "pass:word")
        #expect(PublicPageAccess.basicPassword("basic OnNlY3JldA==") == "secret")
        #expect(PublicPageAccess.basicPassword("Bearer dXNlcjpwYXNz") == nil)
        #expect(PublicPageAccess.basicPassword("Basic bm9jb2xvbg==") == nil)
        #expect(PublicPageAccess.basicPassword(nil) == nil)
    }
}
