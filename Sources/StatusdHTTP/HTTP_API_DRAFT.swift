// DRAFT CONTRACT between the HTTP core and the API shapes, written before the server exists.
// The HTTP-core implementer replaces this file with real code (split into files as they see fit),
// keeping these names and signatures (adding to them is fine). API-shape code uses exactly these.
import HTTPTypes

/// A parsed request as handlers see it: head (swift-http-types), body bytes, query and path parameters.
public struct HTTPServerRequest: Sendable {
    /// Method, raw request target (`head.path`), header fields in order.
    public var head: HTTPRequest
    /// The path part of the target, not percent-decoded (`/v1/status_pages/a1b2c3d4/incidents`).
    public var path: String
    /// Query items in order, percent-decoded (`+` is a space). Repeated names are kept.
    public var query: [(name: String, value: String)]
    /// Named path parameters, percent-decoded; filled in by the router.
    public var parameters: [String: String]
    /// The whole body (chunked bodies already de-chunked); empty when none.
    public var body: [UInt8]

    public var method: HTTPRequest.Method { head.method }
    public var headerFields: HTTPFields { head.headerFields }

    /// The first value of a query item, or nil.
    public func queryValue(_ name: String) -> String? { query.first { $0.name == name }?.value }
}

/// A complete response. The server adds `Content-Length`, `Date` and, when closing, `Connection: close`.
public struct HTTPServerResponse: Sendable {
    public var status: HTTPResponse.Status
    public var headerFields: HTTPFields
    public var body: [UInt8]

    public init(status: HTTPResponse.Status, headerFields: HTTPFields = [:], body: [UInt8] = []) {
        self.status = status
        self.headerFields = headerFields
        self.body = body
    }
}

/// Runs one request. A thrown error that no middleware turned into a response becomes a bare 500.
public typealias HTTPHandler = @Sendable (HTTPServerRequest) throws -> HTTPServerResponse

/// Wraps handlers: request ids, logging, auth, error rendering.
public protocol HTTPMiddleware: Sendable {
    func handle(_ request: HTTPServerRequest, next: HTTPHandler) throws -> HTTPServerResponse
}

/// Why the server answers without reaching a handler, once it knows the path.
public enum HTTPRoutingFailure: Sendable, Equatable {
    case notFound
    case methodNotAllowed(allow: [HTTPRequest.Method])
    /// Body over the configured limit (413), detected from Content-Length or the chunk total.
    case payloadTooLarge
}

/// Renders routing failures in a route group's own envelope (each API shape has one).
public typealias HTTPFailureRenderer = @Sendable (HTTPServerRequest, HTTPRoutingFailure) -> HTTPServerResponse

/// Method + path pattern (`/v1/status_pages/:status_page_id/incidents`) to handler.
/// Unknown path: 404; known path, wrong method: 405 with `Allow`. Both go through the renderer of the
/// longest matching group prefix, else a plain default. Not thread-safe while routes are added;
/// read-only (Sendable) once the server starts.
public final class HTTPRouter: @unchecked Sendable {
    public init() { fatalError("draft") }

    /// Adds a route. Middleware given here wraps only this route, inside any group middleware.
    public func on(
        _ method: HTTPRequest.Method, _ pattern: String, middleware: [any HTTPMiddleware] = [],
        _ handler: @escaping HTTPHandler
    ) { fatalError("draft") }

    /// Every route whose path starts with `prefix` runs inside `middleware` (outermost first) and has
    /// its 404/405/413 rendered by `renderer`.
    public func group(
        prefix: String, middleware: [any HTTPMiddleware], renderer: @escaping HTTPFailureRenderer
    ) { fatalError("draft") }

    /// Middleware around every route of the server (request id, logging, metrics).
    public func use(_ middleware: any HTTPMiddleware) { fatalError("draft") }
}

/// Limits and timeouts; each configurable.
public struct HTTPServerConfiguration: Sendable {
    public var host: String = "127.0.0.1"
    public var port: Int = 8080
    public var maxRequestTargetBytes: Int = 8 * 1024
    public var maxHeaderBytes: Int = 64 * 1024
    public var maxHeaderFields: Int = 100
    public var maxBodyBytes: Int = 1024 * 1024
    public var headerReadTimeout: Double = 10
    public var bodyReadTimeout: Double = 30
    public var idleTimeout: Double = 60
    public var writeTimeout: Double = 30
    public var maxConnections: Int = 10_000
    /// Threads that run handlers (bounded pool), so slow handlers cannot starve socket I/O.
    public var handlerThreads: Int = 16
    public var shutdownGracePeriod: Double = 10

    public init() {}
}

/// The server: listens, parses, routes, writes. `start` returns once listening.
public final class HTTPServer: Sendable {
    public init(configuration: HTTPServerConfiguration, router: HTTPRouter) { fatalError("draft") }
    /// Binds and starts accepting; returns the bound port (useful with port 0).
    public func start() throws -> Int { fatalError("draft") }
    /// Stops accepting, closes idle connections, waits for in-flight requests up to the grace period.
    public func shutdown() { fatalError("draft") }
}
