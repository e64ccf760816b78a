@testable import StatusdOutbox
import Testing

/// The receiver's status line decides delivered or retry: a 2xx without a reason phrase is delivered.
@Suite struct WebhookStatusLineTests {
    @Test(arguments: [
        ("HTTP/1.1 200 OK\r", 200), ("HTTP/1.1 204\r", 204), ("HTTP/1.1 200 \r", 200), ("HTTP/1.0 503 Busy now\r", 503),
        ("HTTP/1.1 202", 202),
    ])
    func readsTheCode(_ line: String, _ code: Int) throws {
        #expect(try HTTPPostClient.statusCode(ArraySlice(line.utf8)) == code)
    }

    @Test(arguments: ["HTTP/2 200\r", "HTTP/1.1 20\r", "HTTP/1.1 2000 OK\r", "HTTP/1.1  200\r", "garbage", "HTTP/1.1 099\r"])
    func refusesAMalformedLine(_ line: String) {
        #expect(throws: (any Error).self) { try HTTPPostClient.statusCode(ArraySlice(line.utf8)) }
    }
}
