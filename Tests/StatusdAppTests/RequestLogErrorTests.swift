import InMemoryLogging
import Logging
@testable import StatusdApp
import StatusdHTTP
import Testing

/// A handler that fails (the server answers 500) leaves a log line saying what failed, so an
/// operator can trace the 500 without a debugger.
@Suite struct RequestLogErrorTests {
    struct DiskOnFire: Error, CustomStringConvertible {
        var description: String { "the disk is on fire" }
    }

    @Test func aFailingHandler_isLoggedAsA500_withItsError() {
        let logs = InMemoryLogHandler()
        let middleware = RequestLogMiddleware(logger: Logger(label: "test") { _ in logs })
        #expect(throws: DiskOnFire.self) {
            try middleware.handle(HTTPServerRequest(method: .post, target: "/v1/status_pages")) { _ in throw DiskOnFire() }
        }
        let entry = logs.entries.first
        #expect(logs.entries.count == 1)
        #expect(entry?.level == .error)
        #expect(entry?.metadata["status"] == .stringConvertible(500))
        #expect(entry?.metadata["error"] == .string("the disk is on fire"))
        #expect(entry?.metadata["path"] == .string("/v1/status_pages"))
    }
}
