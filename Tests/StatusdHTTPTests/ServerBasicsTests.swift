import StatusdHTTP
import StatusdTesting
import Testing

@Suite("Server basics over real sockets")
struct ServerBasicsTests {
    @Test func answersAGetWithContentLengthAndDate() throws {
        try withLiveServer { port, _ in
            let client = try RawHTTPClient(port: port)
            try client.send(get("/hello"))
            let response = try client.readResponse()
            #expect(response.status == 200)
            #expect(response.text == "hello")
            #expect(response.field("Content-Length") == "5")
            #expect(response.field("Date")?.hasSuffix(" GMT") == true)
            #expect(response.field("Connection") == nil)
        }
    }

    @Test func keepsTheConnectionAliveForSeveralRequests() throws {
        try withLiveServer { port, _ in
            let client = try RawHTTPClient(port: port)
            for index in 0..<5 {
                try client.send(get("/items/\(index)"))
                #expect(try client.readResponse().text == "item \(index)")
            }
        }
    }

    @Test func reportsTheBoundPortAndOpenConnections() throws {
        try withLiveServer { port, server in
            #expect(port > 0)
            let client = try RawHTTPClient(port: port)
            try client.send(get("/hello"))
            _ = try client.readResponse()
            #expect(server.openConnections == 1)
        }
    }
}
