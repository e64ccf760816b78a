/// Runs one request. A thrown error that no middleware turned into a response becomes a bare 500.
public typealias HTTPHandler = @Sendable (HTTPServerRequest) throws -> HTTPServerResponse

/// Wraps handlers: request ids, logging, auth, error rendering.
public protocol HTTPMiddleware: Sendable {
    func handle(_ request: HTTPServerRequest, next: HTTPHandler) throws -> HTTPServerResponse
}
