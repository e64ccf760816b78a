import Foundation
import HTTPTypes
import StatusdHTTP
import StatusdSync
import StatusdTesting
import Testing

@Suite("Server: quick answers given on the event loop")
struct ServerQuickAnswerTests {
    /// `/cached/:id` answers quickly for even ids and through its handler for odd ones; a route
    /// middleware stamps every answer; `/slow` occupies the only read handler thread.
    private static func routes(handlerRuns: Locked<Int>) -> (HTTPRouter) -> Void {
        { router in
            installTestRoutes(router)
            let quick: HTTPQuickAnswer = { request in
                guard let id = Int(request.parameters["id"] ?? ""), id.isMultiple(of: 2) else { return nil }
                return .text("quick \(id)")
            }
            router.on(.get, "/cached/:id", middleware: [Stamp()], quick: quick) { request in
                handlerRuns.withLock { $0 += 1 }
                return .text("handler \(request.parameters["id"] ?? "?")")
            }
        }
    }

    private struct Stamp: HTTPMiddleware {
        func handle(_ request: HTTPServerRequest, next: HTTPHandler) throws -> HTTPServerResponse {
            var response = try next(request)
            response.headerFields[HTTPField.Name("X-Route")!] = request.route ?? "none"
            return response
        }
    }

    @Test func quickAnswersSkipTheHandlerAndGetTheRouteMiddleware() throws {
        let handlerRuns = Locked(0)
        try withLiveServer(routes: Self.routes(handlerRuns: handlerRuns)) { port, _ in
            let client = try RawHTTPClient(port: port)
            try client.send(get("/cached/4"))
            let quick = try client.readResponse()
            #expect(quick.text == "quick 4")
            #expect(quick.field("X-Route") == "/cached/:id")
            try client.send(get("/cached/5"))
            let handled = try client.readResponse()
            #expect(handled.text == "handler 5")
            #expect(handled.field("X-Route") == "/cached/:id")
            try client.send("HEAD /cached/6 HTTP/1.1\r\nHost: h\r\n\r\n")
            let head = try client.readResponse(forHEAD: true)
            #expect(head.status == 200 && head.text == "" && head.field("Content-Length") == "7")
            #expect(handlerRuns.withLock { $0 } == 1)
        }
    }

    @Test func aQuickAnswerDoesNotWaitForABusyHandlerPool() throws {
        let handlerRuns = Locked(0)
        try withLiveServer(configure: { $0.handlerThreads = 1 }, routes: Self.routes(handlerRuns: handlerRuns)) { port, _ in
            let busy = try RawHTTPClient(port: port)
            try busy.send(get("/slow"))  // holds the only read thread for 0.3 s
            Thread.sleep(forTimeInterval: 0.05)
            let started = DispatchTime.now()
            let client = try RawHTTPClient(port: port)
            try client.send(get("/cached/8"))
            #expect(try client.readResponse().text == "quick 8")
            #expect(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds < 200_000_000)
            #expect(try busy.readResponse().text == "slow")
        }
    }

    @Test func pipelinedQuickAndHandledAnswersComeBackInOrder() throws {
        let handlerRuns = Locked(0)
        try withLiveServer(routes: Self.routes(handlerRuns: handlerRuns)) { port, _ in
            let client = try RawHTTPClient(port: port)
            // Thousands in one write, first all quick (each answered inside the parsing loop that
            // read it, never by recursing into the next), then quick and handled alternately.
            let ids = (0..<3000).map { $0 * 2 } + Array(0..<1000)
            try client.send(ids.map { get("/cached/\($0)") }.joined())
            for id in ids {
                let expected = id.isMultiple(of: 2) ? "quick \(id)" : "handler \(id)"
                #expect(try client.readResponse().text == expected)
            }
            #expect(handlerRuns.withLock { $0 } == 500)
        }
    }

    @Test func withEveryRequestOnThePool_quickAnswersAreNotTried() throws {
        let handlerRuns = Locked(0)
        let routes = Self.routes(handlerRuns: handlerRuns)
        try withLiveServer(routes: { router in
            routes(router)
            router.answerEveryRequestOnThePool()
        }) { port, _ in
            let client = try RawHTTPClient(port: port)
            try client.send(get("/cached/4"))
            #expect(try client.readResponse().text == "handler 4")
            #expect(handlerRuns.withLock { $0 } == 1)
        }
    }

    @Test func aResponseThatDropsTheConnection_writesNothing_fromTheLoopAndThePool() throws {
        try withLiveServer(routes: { router in
            installTestRoutes(router)
            var drop = HTTPServerResponse(status: .ok, body: Array("never sent".utf8))
            drop.dropsConnection = true
            router.on(.get, "/drop/quick", quick: { [drop] _ in drop }) { _ in .text("handler") }
            router.on(.get, "/drop/pool") { [drop] _ in drop }
            router.on(.get, "/alive") { _ in .text("alive") }
        }) { port, _ in
            for path in ["/drop/quick", "/drop/pool"] {
                let client = try RawHTTPClient(port: port)
                try client.send(get(path))
                #expect(client.isClosedByServer())
                #expect(client.bytesReceived == 0)
            }
            // The server goes on serving.
            let client = try RawHTTPClient(port: port)
            try client.send(get("/alive"))
            #expect(try client.readResponse().text == "alive")
        }
    }
}
