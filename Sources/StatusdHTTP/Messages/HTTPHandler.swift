/// Runs one request. A thrown error that no middleware turned into a response becomes a bare 500.
public typealias HTTPHandler = @Sendable (HTTPServerRequest) throws -> HTTPServerResponse

/// An answer a route can give at once, from memory, without blocking (a cache hit): run on the
/// event loop thread that read the request, so such answers skip the hand-off to a handler pool.
/// nil sends the request to the pool and its handler as usual. The route's middleware runs around
/// the answer it gives, as around a handler's (so timings it records leave out the look itself).
public typealias HTTPQuickAnswer = @Sendable (HTTPServerRequest) -> HTTPServerResponse?

/// Wraps handlers: request ids, logging, auth, error rendering.
public protocol HTTPMiddleware: Sendable {
    func handle(_ request: HTTPServerRequest, next: HTTPHandler) throws -> HTTPServerResponse
}
