import StatusdHTTP
import Testing

/// The strict `host[:port]` check that guards every value echoed back from a Host header.
@Suite struct HostAuthorityTests {
    @Test(arguments: [
        ("example.com", "example.com", nil), ("Example.COM:8080", "example.com", 8080),
        ("127.0.0.1:1", "127.0.0.1", 1), ("[::1]:65535", "[::1]", 65535), ("[2001:db8::7]", "[2001:db8::7]", nil),
        ("localhost", "localhost", nil), ("status.example.com.", "status.example.com.", nil),
        ("a-b.c-d.example", "a-b.c-d.example", nil),
    ] as [(String, String, Int?)])
    func accepts(text: String, host: String, port: Int?) {
        let parsed = HostAuthority(text)
        #expect(parsed?.host == host)
        #expect(parsed?.port == port)
    }

    @Test(arguments: [
        "", ":80", "example.com:", "example.com:0", "example.com:65536", "example.com:123456", "example.com:8o",
        "exa mple.com", "example.com/path", "user@example.com", "example..com", ".example.com", "-example.com",
        "[::1", "[]:80", "[::1]x", "[::g]", "[1.2.3.4]", "ex\"ample.com", "ex<ample", "example.com:80:80",
        String(repeating: "a", count: 64) + ".com", "é.example",
    ])
    func refuses(text: String) {
        #expect(HostAuthority(text) == nil)
    }
}
