import Foundation
import StatusdHTTP
import StatusdTesting
import Testing

@Suite("HTTPS on the same server")
struct TLSServerTests {
    @Test func curl_withTheRightCA_getsTheAnswer_overHTTP11() throws {
        let folder = try TLSFixtureFolder()
        try withLiveTLSServer(folder) { port, _ in
            let result = try curl(["-v", "--cacert", folder.path("server.crt"), "https://localhost:\(port)/hello"])
            #expect(result.status == 0)
            #expect(result.stdout == "hello")
            #expect(result.stderr.contains("ALPN: server accepted http/1.1"))
        }
    }

    @Test func curl_withAnotherCA_refusesTheServer() throws {
        let folder = try TLSFixtureFolder()
        let other = try folder.makeCertificate("other")
        try withLiveTLSServer(folder) { port, _ in
            let result = try curl(["--cacert", other.certificatePath, "https://localhost:\(port)/hello"])
            #expect(result.status == 60)  // CURLE_PEER_FAILED_VERIFICATION
            #expect(result.stdout.isEmpty)
        }
    }

    @Test func curl_reusesOneConnection_forTwoURLs() throws {
        let folder = try TLSFixtureFolder()
        try withLiveTLSServer(folder) { port, _ in
            let url = "https://127.0.0.1:\(port)"
            let result = try curl(["-v", "--cacert", folder.path("server.crt"), "\(url)/items/1", "\(url)/items/2"])
            #expect(result.status == 0)
            #expect(result.stdout == "item 1item 2")
            #expect(result.stderr.contains("Re-using existing connection"))
        }
    }

    @Test func versionsBelowTLS12_areRefused_and12And13Work() throws {
        let folder = try TLSFixtureFolder()
        try withLiveTLSServer(folder) { port, _ in
            let url = "https://localhost:\(port)/hello"
            let old = try curl(["--cacert", folder.path("server.crt"), "--tlsv1.0", "--tls-max", "1.1", url])
            #expect(old.status != 0)
            for version in ["1.2", "1.3"] {
                let result = try curl(["-v", "--cacert", folder.path("server.crt"), "--tls-max", version, url])
                #expect(result.stdout == "hello")
                #expect(result.stderr.contains("SSL connection using TLSv\(version)"))
            }
        }
    }

    @Test func pipelinedRequests_inOneWrite_areAnsweredInOrder() throws {
        let folder = try TLSFixtureFolder()
        try withLiveTLSServer(folder) { port, _ in
            let client = try TLSTestClient(port: port, trusting: folder.path("server.crt"))
            #expect(client.negotiatedProtocol == "http/1.1")
            try client.send(get("/items/1") + get("/slow") + get("/items/3"))
            #expect(try client.readResponse().text == "item 1")
            #expect(try client.readResponse().text == "slow")
            #expect(try client.readResponse().text == "item 3")
            try client.send(get("/hello"))
            #expect(try client.readResponse().text == "hello")
        }
    }

    @Test func aLargeBodyAndResponse_crossManyRecords() throws {
        let folder = try TLSFixtureFolder()
        try withLiveTLSServer(folder) { port, _ in
            let client = try TLSTestClient(port: port, trusting: folder.path("server.crt"))
            let body = String(repeating: "0123456789abcdef", count: 40_000)  // 640 KB, 40 records
            try client.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: \(body.utf8.count)\r\n\r\n" + body)
            let response = try client.readResponse()
            #expect(response.status == 200)
            #expect(response.text == body)
        }
    }

    @Test func connectionClose_endsWithCloseNotify() throws {
        let folder = try TLSFixtureFolder()
        try withLiveTLSServer(folder) { port, _ in
            let client = try TLSTestClient(port: port, trusting: folder.path("server.crt"))
            try client.send(get("/hello", "Connection: close\r\n"))
            #expect(try client.readResponse().field("Connection") == "close")
            #expect(client.receivedCloseNotify())
        }
    }

    @Test func limitsApply_asOnPlainHTTP() throws {
        let folder = try TLSFixtureFolder()
        try withLiveTLSServer(folder, configure: { $0.maxBodyBytes = 100 }) { port, _ in
            let client = try TLSTestClient(port: port, trusting: folder.path("server.crt"))
            try client.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 101\r\n\r\n")
            #expect(try client.readResponse().status == 413)
        }
    }

    @Test func aClientThatOffersOnlyH2_isRefusedByALPN() throws {
        let folder = try TLSFixtureFolder()
        try withLiveTLSServer(folder) { port, _ in
            #expect(throws: TLSTestClient.Failure.self) {
                _ = try TLSTestClient(port: port, trusting: folder.path("server.crt"), alpn: ["h2"])
            }
        }
    }

    @Test func plainHTTP_onTheTLSPort_gets400AndIsClosed() throws {
        let folder = try TLSFixtureFolder()
        try withLiveTLSServer(folder) { port, _ in
            let client = try RawHTTPClient(port: port)
            try client.send(get("/hello"))
            let response = try client.readResponse()
            #expect(response.status == 400)
            #expect(response.text.contains("plain HTTP request sent to the HTTPS port"))
            #expect(client.isClosedByServer())
        }
    }

    @Test func garbage_onTheTLSPort_isClosed() throws {
        let folder = try TLSFixtureFolder()
        try withLiveTLSServer(folder) { port, _ in
            let client = try RawHTTPClient(port: port)
            try client.send([0x16, 0x03, 0x01, 0x00, 0x05, 1, 2, 3, 4, 5])
            #expect(client.isClosedByServer())
        }
    }

    /// The parser waits for the end of the "request line" (a ClientHello has no CRLF), so the answer
    /// comes at the header timeout: 408, then close. A 400 on the first byte would also do.
    @Test func aClientHello_onAPlainPort_isAnsweredAndClosed_byTheHeaderTimeout() throws {
        try withLiveServer(configure: { $0.headerReadTimeout = 0.5 }) { port, _ in
            let client = try RawHTTPClient(port: port)
            try client.send([0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03, 0x03] + Array(repeating: 0, count: 32))
            #expect([400, 408].contains(try client.readResponse().status))
            #expect(client.isClosedByServer())
        }
    }

    @Test func stalledHandshakes_costATimeout_notService() throws {
        let folder = try TLSFixtureFolder()
        try withLiveTLSServer(folder, configure: { $0.headerReadTimeout = 2 }) { port, server in
            let silent = try RawHTTPClient(port: port)
            let halfHello = try RawHTTPClient(port: port)
            try halfHello.send([0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03, 0x03])
            let client = try TLSTestClient(port: port, trusting: folder.path("server.crt"))
            try client.send(get("/hello"))
            #expect(try client.readResponse().text == "hello")
            #expect(server.openConnections == 3)
            #expect(silent.isClosedByServer(timeout: 6))
            #expect(halfHello.isClosedByServer(timeout: 6))
        }
    }
}
