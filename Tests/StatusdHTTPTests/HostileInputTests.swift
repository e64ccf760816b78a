import StatusdHTTP
import StatusdTesting
import Testing

/// The CI-sized part of scripts/hostile-http: bytes that are not HTTP at all get a 4xx (or a close)
/// and never hurt the server, which goes on answering a normal client.
@Suite("Server: hostile bytes")
struct HostileInputTests {
    @Test func answersATLSClientHelloOnThePlainPortWith400AndCloses() throws {
        try withLiveServer { port, server in
            let client = try RawHTTPClient(port: port)
            try client.send(Self.tlsClientHello(serverName: "statusd.test"))
            let response = try client.readResponse()
            #expect(response.status == 400)
            #expect(response.field("Connection") == "close")
            #expect(client.isClosedByServer())
            try expectServing(port)
        }
    }

    static let garbage: [(name: String, bytes: [UInt8])] = [
        ("NUL flood", [UInt8](repeating: 0, count: 65_536)),
        ("high bytes", (0..<4096).map { UInt8(truncatingIfNeeded: 0x80 + $0 * 7) }),
        ("HTTP/2 preface", Array("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".utf8) + [UInt8](repeating: 0, count: 64)),
        ("CRLF flood", Array(String(repeating: "\r\n", count: 50_000).utf8)),
        ("method of control bytes", [0x01, 0x02, 0x03, 0x20, 0x2F, 0x20] + Array("HTTP/1.1\r\nHost: h\r\n\r\n".utf8)),
    ]

    @Test(arguments: garbage.indices)
    func refusesGarbageWith4xxOrCloseAndKeepsServing(_ index: Int) throws {
        let (name, bytes) = Self.garbage[index]
        try withLiveServer { port, _ in
            let client = try RawHTTPClient(port: port)
            try? client.send(bytes)  // the server may close before it has read everything
            if let response = try? client.readResponse() {
                // 400, or 414/431 when no line ends within the limits; 505 for the HTTP/2 preface.
                #expect((400..<500).contains(response.status) || response.status == 505, "\(name): \(response.status)")
            }
            #expect(client.isClosedByServer(), "\(name)")
            try expectServing(port)
        }
    }

    private func expectServing(_ port: Int) throws {
        let client = try RawHTTPClient(port: port)
        try client.send(get("/hello"))
        #expect(try client.readResponse().status == 200)
    }

    /// A TLS 1.2/1.3 ClientHello record as browsers send it first: record header, handshake header,
    /// version, random, session id, cipher suites, null compression, and a server_name extension.
    static func tlsClientHello(serverName: String) -> [UInt8] {
        func length16(_ count: Int) -> [UInt8] { [UInt8(count >> 8), UInt8(count & 0xFF)] }
        let name = Array(serverName.utf8)
        let serverNameList = [0x00] + length16(name.count) + name
        let sni: [UInt8] = [0x00, 0x00] + length16(serverNameList.count + 2) + length16(serverNameList.count) + serverNameList
        let versions: [UInt8] = [0x00, 0x2B, 0x00, 0x05, 0x04, 0x03, 0x04, 0x03, 0x03]
        let extensions = sni + versions
        let suites: [UInt8] = [0x13, 0x01, 0x13, 0x02, 0xC0, 0x2F, 0xC0, 0x2B]
        var hello: [UInt8] = [0x03, 0x03] + (0..<32).map { UInt8($0 * 13 & 0xFF) }
        hello += [0x20] + (0..<32).map { UInt8($0 * 7 & 0xFF) }
        hello += length16(suites.count) + suites + [0x01, 0x00] + length16(extensions.count) + extensions
        let handshake: [UInt8] = [0x01, 0x00] + length16(hello.count) + hello
        return [0x16, 0x03, 0x01] + length16(handshake.count) + handshake
    }
}
