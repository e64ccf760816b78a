import HTTPTypes
import StatusdCore
import StatusdHTTP

/// Journals every request outside `/_statusd/` and applies the injected faults to it. Installed
/// as global middleware (so 404s and 405s are journaled too) only with `--test-control`, where
/// every request is answered on a handler pool: a latency fault never stalls an event loop.
struct TestControlMiddleware: HTTPMiddleware {
    static let controlPrefix = "/_statusd/"
    static let faultField = HTTPField.Name("X-Statusd-Fault")!

    let control: TestControl

    func handle(_ request: HTTPServerRequest, next: HTTPHandler) throws -> HTTPServerResponse {
        // The route is the decoded pattern: `/%5Fstatusd/clock` is a control request too.
        let path = request.route ?? request.path
        guard !path.hasPrefix(Self.controlPrefix) else { return try next(request) }
        let journal = control.journal
        let id = journal.takeId()
        let receivedAt = Timestamp.now()
        let decision = control.faults.fire(method: request.method.rawValue, path: request.path)
        var response: HTTPServerResponse
        do {
            if let rule = decision.answer, let answer = FaultAnswer.response(for: rule, path: request.path) {
                response = answer
            } else {
                response = try next(request)
            }
        } catch {
            journal.record(id: id, request, receivedAt: receivedAt, status: 500, faults: decision.fired)
            throw error
        }
        if !decision.fired.isEmpty {
            response.headerFields[Self.faultField] = decision.fired.joined(separator: ", ")
            response.writeDelayMilliseconds = decision.latencyMilliseconds
        }
        journal.record(
            id: id, request, receivedAt: receivedAt, status: response.dropsConnection ? nil : response.status.code,
            faults: decision.fired)
        return response
    }
}
