import Foundation
import StatusdHTTP
import StatusdSync
import StatusdTesting
import Testing

@Suite("Server: load, slow clients, resets, shutdown")
struct ServerLoadTests {
    @Test func serves50ConcurrentClientsWith20RequestsEachWithoutErrors() throws {
        try withLiveServer { port, _ in
            let failures = Locked<[String]>([])
            DispatchQueue.concurrentPerform(iterations: 50) { clientIndex in
                do {
                    let client = try RawHTTPClient(port: port)
                    for requestIndex in 0..<20 {
                        try client.send(get("/items/\(clientIndex)-\(requestIndex)"))
                        let response = try client.readResponse()
                        if response.text != "item \(clientIndex)-\(requestIndex)" {
                            failures.withLock { $0.append("unexpected \(response.status) \(response.text)") }
                        }
                    }
                } catch {
                    failures.withLock { $0.append("client \(clientIndex): \(error)") }
                }
            }
            #expect(failures.withLock { $0 } == [])
        }
    }

    @Test func servesANormalRequestPromptlyBeside200SilentConnections() throws {
        try withLiveServer { port, server in
            var slow: [RawHTTPClient] = []
            for index in 0..<200 {
                let client = try RawHTTPClient(port: port)
                try client.send(index.isMultiple(of: 2) ? "GET /hello HTTP/1.1\r\nHo" : "")
                slow.append(client)
            }
            let started = Date()
            let client = try RawHTTPClient(port: port)
            try client.send(get("/hello"))
            #expect(try client.readResponse().text == "hello")
            #expect(Date().timeIntervalSince(started) < 1)
            #expect(server.openConnections >= 200)
            _ = slow
        }
    }

    @Test func slowHandlersDoNotBlockFastOnes() throws {
        try withLiveServer(configure: { $0.handlerThreads = 4 }) { port, _ in
            let slowClients = try (0..<2).map { _ in try RawHTTPClient(port: port) }
            for client in slowClients { try client.send(get("/slow")) }
            let started = Date()
            let fast = try RawHTTPClient(port: port)
            try fast.send(get("/hello"))
            #expect(try fast.readResponse().text == "hello")
            #expect(Date().timeIntervalSince(started) < 0.25)
            for client in slowClients { #expect(try client.readResponse().text == "slow") }
        }
    }

    @Test func writesWaitingForACommitLeaveReadsAndOtherWritesTheirThreads() throws {
        let gate = DispatchSemaphore(value: 0)
        let entered = DispatchSemaphore(value: 0)
        let routes: (HTTPRouter) -> Void = { router in
            installTestRoutes(router)
            router.on(.post, "/wait") { _ in
                entered.signal()
                gate.wait()
                return .text("committed")
            }
        }
        try withLiveServer(configure: { $0.handlerThreads = 1; $0.writeHandlerThreads = 4 }, routes: routes) { port, _ in
            // Three writes block, as writes waiting for their group commit do, each on its own thread.
            var opened = false
            defer { if !opened { for _ in 0..<3 { gate.signal() } } }
            let waiting = try (0..<3).map { _ in try RawHTTPClient(port: port) }
            for client in waiting { try client.send("POST /wait HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n") }
            for _ in waiting { #expect(entered.wait(timeout: .now() + 5) == .success) }
            let reader = try RawHTTPClient(port: port)
            try reader.send(get("/hello"))
            #expect(try reader.readResponse().text == "hello")
            let writer = try RawHTTPClient(port: port)
            try writer.send("POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\nok")
            #expect(try writer.readResponse().text == "ok")
            opened = true
            for _ in waiting { gate.signal() }
            for client in waiting { #expect(try client.readResponse().text == "committed") }
        }
    }

    @Test func survivesAbruptClientResets() throws {
        try withLiveServer { port, server in
            for index in 0..<50 {
                let client = try RawHTTPClient(port: port)
                switch index % 3 {
                case 0: try client.send("GET /hello HTTP/1.1\r\nHost")
                case 1: try client.send(get("/slow"))
                default: try client.send("POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 100\r\n\r\nabc")
                }
                client.resetAbruptly()
            }
            let client = try RawHTTPClient(port: port)
            try client.send(get("/hello"))
            #expect(try client.readResponse().text == "hello")
        }
    }

    @Test func shutdownFinishesInFlightRequestsAndClosesIdleConnections() throws {
        var configuration = HTTPServerConfiguration()
        configuration.port = 0
        configuration.shutdownGracePeriod = 5
        let router = HTTPRouter()
        installTestRoutes(router)
        let server = HTTPServer(configuration: configuration, router: router)
        let port = try server.start()
        let idle = try RawHTTPClient(port: port)
        try idle.send(get("/hello"))
        _ = try idle.readResponse()
        let busy = try RawHTTPClient(port: port)
        try busy.send(get("/slow"))
        Thread.sleep(forTimeInterval: 0.05)
        let stopped = Date()
        server.shutdown()
        #expect(Date().timeIntervalSince(stopped) < 2)
        let response = try busy.readResponse()
        #expect(response.text == "slow")
        #expect(response.field("Connection") == "close")
        #expect(idle.isClosedByServer())
        #expect(server.openConnections == 0)
        #expect(throws: (any Error).self) { try RawHTTPClient(port: port) }
    }
}
