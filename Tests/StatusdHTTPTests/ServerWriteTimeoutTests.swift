import Foundation
import StatusdHTTP
import StatusdTesting
import Testing

@Suite("Server: write timeout")
struct ServerWriteTimeoutTests {
    @Test func closesAConnectionWhoseClientStopsReading() throws {
        let big = [UInt8](repeating: UInt8(ascii: "b"), count: 32 * 1024 * 1024)
        try withLiveServer(configure: { $0.writeTimeout = 0.3 }, routes: { router in
            router.on(.get, "/big") { _ in HTTPServerResponse(status: .ok, body: big) }
        }) { port, server in
            let client = try RawHTTPClient(port: port)
            try client.send(get("/big"))
            // The client never reads: socket buffers fill, and the server must give up on it.
            let deadline = Date().addingTimeInterval(5)
            while server.openConnections > 0 && Date() < deadline { usleep(20_000) }
            #expect(server.openConnections == 0)
        }
    }
}
