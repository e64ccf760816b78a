import StatusdHTTP
import StatusdTesting
import Testing

/// Every refusal answers with its status and `Connection: close`, then closes (RFC 9112 §6.3, §11).
@Suite("Server: refusals close the connection")
struct ServerRejectionTests {
    static let cases: [(name: String, request: String, status: Int)] = [
        ("CL and TE", "POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400),
        ("two CL", "POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab", 400),
        ("CL list", "POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 1, 1\r\n\r\na", 400),
        ("TE not chunked last", "POST /echo HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked, identity\r\n\r\n", 400),
        ("space before colon", "GET /hello HTTP/1.1\r\nHost : h\r\n\r\n", 400),
        ("obs-fold", "GET /hello HTTP/1.1\r\nHost: h\r\nX: a\r\n b\r\n\r\n", 400),
        ("bare CR", "GET /hello HTTP/1.1\r\nHost: h\r\nX: a\rb\r\n\r\n", 400),
        ("NUL", "GET /hello HTTP/1.1\r\nHost: h\r\nX: a\u{0}b\r\n\r\n", 400),
        ("bad chunk size", "POST /echo HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 400),
        ("missing Host", "GET /hello HTTP/1.1\r\n\r\n", 400),
        ("version", "GET /hello HTTP/3.0\r\nHost: h\r\n\r\n", 505),
        ("method", "BREW /hello HTTP/1.1\r\nHost: h\r\n\r\n", 501),
        ("target", "GET /" + String(repeating: "t", count: 9000) + " HTTP/1.1\r\nHost: h\r\n\r\n", 414),
        ("header bytes", "GET /hello HTTP/1.1\r\nHost: h\r\nX: " + String(repeating: "h", count: 70_000) + "\r\n\r\n", 431),
        ("field count", "GET /hello HTTP/1.1\r\nHost: h\r\n" + (0..<101).map { "X-\($0): v\r\n" }.joined() + "\r\n", 431),
        ("body by CL", "POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 2000000\r\n\r\n", 413),
    ]

    @Test(arguments: cases.indices)
    func refusesAndCloses(_ index: Int) throws {
        let (name, request, status) = Self.cases[index]
        try withLiveServer { port, _ in
            let client = try RawHTTPClient(port: port)
            try client.send(request)
            let response = try client.readResponse()
            #expect(response.status == status, "\(name)")
            #expect(response.field("Connection") == "close", "\(name)")
            #expect(response.field("Content-Type") == "application/json; charset=utf-8", "\(name)")
            #expect(client.isClosedByServer(), "\(name)")
        }
    }

    @Test func refusesChunksOverTheBodyLimitWith413() throws {
        try withLiveServer(configure: { $0.maxBodyBytes = 8 }) { port, _ in
            let client = try RawHTTPClient(port: port)
            try client.send("POST /echo HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n5\r\nworld\r\n0\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.status == 413)
            #expect(client.isClosedByServer())
        }
    }

    @Test func answersASmuggledSecondRequestNever() throws {
        try withLiveServer { port, _ in
            let client = try RawHTTPClient(port: port)
            try client.send("POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + get("/hello"))
            #expect(try client.readResponse().status == 400)
            #expect(client.isClosedByServer())
        }
    }

    @Test func answers408WhenTheHeaderSectionIsTooSlow() throws {
        try withLiveServer(configure: { $0.headerReadTimeout = 0.3 }) { port, _ in
            let client = try RawHTTPClient(port: port)
            try client.send("GET /hello HTTP/1.1\r\nHost: h\r\n")
            let response = try client.readResponse()
            #expect(response.status == 408)
            #expect(client.isClosedByServer())
        }
    }

    @Test func closesASilentConnectionAfterTheHeaderTimeout() throws {
        try withLiveServer(configure: { $0.headerReadTimeout = 0.2 }) { port, server in
            let client = try RawHTTPClient(port: port)
            #expect(client.isClosedByServer(timeout: 3))
        }
    }

    @Test func closesAnIdleKeepAliveConnection() throws {
        try withLiveServer(configure: { $0.idleTimeout = 0.2 }) { port, _ in
            let client = try RawHTTPClient(port: port)
            try client.send(get("/hello"))
            _ = try client.readResponse()
            #expect(client.isClosedByServer(timeout: 3))
        }
    }

    @Test func answers408WhenTheBodyIsTooSlow() throws {
        try withLiveServer(configure: { $0.bodyReadTimeout = 0.3 }) { port, _ in
            let client = try RawHTTPClient(port: port)
            try client.send("POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\nabc")
            #expect(try client.readResponse().status == 408)
            #expect(client.isClosedByServer())
        }
    }

    @Test func refusesConnectionsBeyondTheLimitWith503() throws {
        try withLiveServer(configure: { $0.maxConnections = 2 }) { port, server in
            let first = try RawHTTPClient(port: port)
            let second = try RawHTTPClient(port: port)
            try first.send(get("/hello"))
            try second.send(get("/hello"))
            _ = try first.readResponse()
            _ = try second.readResponse()
            let third = try RawHTTPClient(port: port)
            #expect(try third.readResponse().status == 503)
            #expect(third.isClosedByServer())
            #expect(server.openConnections == 2)
        }
    }
}
