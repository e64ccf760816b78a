import StatusdHTTP
import StatusdTesting
import Testing

@Suite("Server: framing, pipelining, HEAD, 100-continue")
struct ServerFramingTests {
    @Test func answersPipelinedRequestsStrictlyInOrder() throws {
        try withLiveServer { port, _ in
            let client = try RawHTTPClient(port: port)
            // /slow first: a fast second answer must still wait its turn.
            try client.send(get("/slow") + get("/items/2") + "POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc" + get("/hello"))
            #expect(try client.readResponse().text == "slow")
            #expect(try client.readResponse().text == "item 2")
            #expect(try client.readResponse().text == "abc")
            #expect(try client.readResponse().text == "hello")
        }
    }

    @Test func echoesAChunkedBody() throws {
        try withLiveServer { port, _ in
            let client = try RawHTTPClient(port: port)
            try client.send("POST /echo HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n4;ext=1\r\nabcd\r\n3\r\nefg\r\n0\r\nX-T: 1\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.text == "abcdefg")
            #expect(response.field("Content-Length") == "7")
        }
    }

    @Test func sends100ContinueBeforeReadingTheBody() throws {
        try withLiveServer { port, _ in
            let client = try RawHTTPClient(port: port)
            try client.send("POST /echo HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n")
            let interim = try client.readResponse()
            #expect(interim.status == 100)
            try client.send("data")
            let final = try client.readResponse()
            #expect(final.status == 200)
            #expect(final.text == "data")
        }
    }

    @Test func refusesAnOversizedExpect100ContinueWithout100() throws {
        try withLiveServer(configure: { $0.maxBodyBytes = 10 }) { port, _ in
            let client = try RawHTTPClient(port: port)
            try client.send("POST /echo HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 11\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.status == 413)
            #expect(response.field("Connection") == "close")
            #expect(client.isClosedByServer())
        }
    }

    @Test func answersHeadWithTheGetContentLengthAndNoBody() throws {
        try withLiveServer { port, _ in
            let client = try RawHTTPClient(port: port)
            try client.send("HEAD /hello HTTP/1.1\r\nHost: h\r\n\r\n" + get("/items/9"))
            let head = try client.readResponse(forHEAD: true)
            #expect(head.status == 200)
            #expect(head.field("Content-Length") == "5")
            #expect(head.body.isEmpty)
            // The next response starts right after the head: no stray body bytes in between.
            #expect(try client.readResponse().text == "item 9")
        }
    }

    @Test func closesAfterConnectionClose() throws {
        try withLiveServer { port, _ in
            let client = try RawHTTPClient(port: port)
            try client.send(get("/hello", "Connection: close\r\n"))
            let response = try client.readResponse()
            #expect(response.field("Connection") == "close")
            #expect(client.isClosedByServer())
        }
    }

    @Test func closesHTTP10ByDefaultAndKeepsItAliveWhenAsked() throws {
        try withLiveServer { port, _ in
            let plain = try RawHTTPClient(port: port)
            try plain.send("GET /hello HTTP/1.0\r\n\r\n")
            #expect(try plain.readResponse().field("Connection") == "close")
            #expect(plain.isClosedByServer())

            let kept = try RawHTTPClient(port: port)
            try kept.send("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            #expect(try kept.readResponse().field("Connection") == "keep-alive")
            try kept.send("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            #expect(try kept.readResponse().text == "hello")
        }
    }

    @Test func answersARequestSentOneByteAtATime() throws {
        try withLiveServer { port, _ in
            let client = try RawHTTPClient(port: port)
            for byte in Array("POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\nok".utf8) {
                try client.send([byte])
            }
            #expect(try client.readResponse().text == "ok")
        }
    }

    @Test func answersARequestWhoseClientHalfClosedAfterSending() throws {
        try withLiveServer { port, _ in
            let client = try RawHTTPClient(port: port)
            try client.send(get("/hello"))
            client.closeWriting()
            #expect(try client.readResponse().text == "hello")
            #expect(client.isClosedByServer())
        }
    }

    @Test func servesIPv6Loopback() throws {
        try withLiveServer(configure: { $0.host = "::1" }) { port, _ in
            let client = try RawHTTPClient(host: "::1", port: port)
            try client.send(get("/hello"))
            #expect(try client.readResponse().text == "hello")
        }
    }
}
