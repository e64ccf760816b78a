import HTTPTypes
import StatusdHTTP
import StatusdTesting
import Testing

@Suite("Server: routing over sockets")
struct ServerRoutingTests {
    private func routes(_ router: HTTPRouter) {
        installTestRoutes(router)
        router.group(prefix: "/api", middleware: []) { _, failure in
            var fields = HTTPFields()
            fields[.contentType] = "application/json; charset=utf-8"
            return HTTPServerResponse(status: failure.status, headerFields: fields,
                body: Array(#"{"success":false,"code":\#(failure.status.code)}"#.utf8))
        }
        router.on(.post, "/api/things") { request in HTTPServerResponse(status: .created, body: request.body) }
    }

    @Test func answers404WithTheDefaultJSONBody() throws {
        try withLiveServer(routes: routes) { port, _ in
            let client = try RawHTTPClient(port: port)
            try client.send(get("/nowhere"))
            let response = try client.readResponse()
            #expect(response.status == 404)
            #expect(response.text == #"{"error":"not found"}"#)
            #expect(response.field("Content-Type") == "application/json; charset=utf-8")
            // A routing failure is an ordinary answer: the connection stays open.
            try client.send(get("/hello"))
            #expect(try client.readResponse().text == "hello")
        }
    }

    @Test func answers405WithAllow() throws {
        try withLiveServer(routes: routes) { port, _ in
            let client = try RawHTTPClient(port: port)
            try client.send("DELETE /hello HTTP/1.1\r\nHost: h\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.status == 405)
            #expect(response.field("Allow") == "GET, HEAD, OPTIONS")
        }
    }

    @Test func rendersGroupFailuresIncluding413WithTheGroupRenderer() throws {
        try withLiveServer(configure: { $0.maxBodyBytes = 16 }, routes: routes) { port, _ in
            let client = try RawHTTPClient(port: port)
            try client.send(get("/api/missing"))
            #expect(try client.readResponse().text == #"{"success":false,"code":404}"#)
            try client.send("POST /api/things HTTP/1.1\r\nHost: h\r\nContent-Length: 17\r\n\r\n")
            let tooLarge = try client.readResponse()
            #expect(tooLarge.status == 413)
            #expect(tooLarge.text == #"{"success":false,"code":413}"#)
            #expect(tooLarge.field("Connection") == "close")
            #expect(client.isClosedByServer())
        }
    }

    @Test func answers500ForAnUncaughtHandlerError() throws {
        try withLiveServer(routes: routes) { port, _ in
            let client = try RawHTTPClient(port: port)
            try client.send(get("/fail"))
            #expect(try client.readResponse().status == 500)
        }
    }

    @Test func decodesQueryAndPathParameters() throws {
        try withLiveServer(routes: routes) { port, _ in
            let client = try RawHTTPClient(port: port)
            try client.send(get("/query?a=1+2&b=%C3%A9"))
            #expect(try client.readResponse().text == "a=1 2&b=é")
            try client.send(get("/items/caf%C3%A9"))
            #expect(try client.readResponse().text == "item café")
        }
    }

    @Test func passesTheRemoteAddressToHandlers() throws {
        try withLiveServer(routes: { router in
            router.on(.get, "/peer") { request in HTTPServerResponse(status: .ok, body: Array((request.remoteAddress ?? "").utf8)) }
        }) { port, _ in
            let client = try RawHTTPClient(port: port)
            try client.send(get("/peer"))
            #expect(try client.readResponse().text.hasPrefix("127.0.0.1:"))
        }
    }
}
