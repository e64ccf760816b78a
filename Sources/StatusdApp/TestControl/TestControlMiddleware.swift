import HTTPTypes
import StatusdCore
import StatusdHTTP
#if canImport(Glibc)
import Glibc
#endif

/// Journals every request outside `/_statusd/` and applies the injected faults to it. Installed
/// as global middleware (so 404s and 405s are journaled too) only with `--test-control`, where
/// every request is answered on a handler pool: a latency fault never stalls an event loop.
struct TestControlMiddleware: HTTPMiddleware {
    static let controlPrefix = "/_statusd/"
    static let faultField = HTTPField.Name("X-Statusd-Fault")!

    let control: TestControl

    func handle(_ request: HTTPServerRequest, next: HTTPHandler) throws -> HTTPServerResponse {
        guard !request.path.hasPrefix(Self.controlPrefix) else { return try next(request) }
        let journal = control.journal
        let id = journal.takeId()
        let receivedAt = Timestamp.now()
        let fault = control.faults.fire(method: request.method.rawValue, path: request.path)
        if let fault, fault.latencyMilliseconds > 0 {
            usleep(UInt32(fault.latencyMilliseconds) * 1000)
        }
        let response: HTTPServerResponse
        do {
            if let fault, let answer = FaultAnswer.response(for: fault, path: request.path) {
                response = answer
            } else {
                response = try next(request)
            }
        } catch {
            journal.record(id: id, request, receivedAt: receivedAt, status: 500, fault: fault?.id)
            throw error
        }
        journal.record(
            id: id, request, receivedAt: receivedAt, status: response.dropsConnection ? nil : response.status.code,
            fault: fault?.id)
        return response
    }
}
