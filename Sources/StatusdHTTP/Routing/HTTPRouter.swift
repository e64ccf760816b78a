import HTTPTypes
import StatusdSync

/// Method + path pattern (`/v1/status_pages/:status_page_id/incidents`) to handler.
/// Unknown path: 404; known path, wrong method: 405 with `Allow`. Both go through the renderer of the
/// longest matching group prefix, else a plain default. Routes are meant to be added before the
/// server starts; the routing table is compiled once on first use and rebuilt if routes change.
public final class HTTPRouter: Sendable {
    private let state = Locked(RouterDefinition())

    public init() {}

    /// Adds a route. Middleware given here wraps only this route, inside any group middleware.
    /// `quick`, for GET routes, is tried on the event loop first (HEAD uses GET's).
    public func on(
        _ method: HTTPRequest.Method, _ pattern: String, middleware: [any HTTPMiddleware] = [],
        quick: HTTPQuickAnswer? = nil, _ handler: @escaping HTTPHandler
    ) {
        let segments = RoutePattern.segments(pattern)
        state.withLock {
            $0.routes.append(RouteDefinition(
                method: method, segments: segments, middleware: middleware, quick: quick, handler: handler))
            $0.compiled = nil
        }
    }

    /// Every route whose path starts with `prefix` runs inside `middleware` (outermost first) and has
    /// its 404/405/413 rendered by `renderer`. A prefix may contain `:name` segments.
    public func group(
        prefix: String, middleware: [any HTTPMiddleware], renderer: @escaping HTTPFailureRenderer
    ) {
        let group = RouteGroup(prefix: RoutePattern.segments(prefix), middleware: middleware, renderer: renderer)
        state.withLock {
            $0.groups.append(group)
            $0.compiled = nil
        }
    }

    /// Middleware around every route of the server (request id, logging, metrics), and around the
    /// router's own 404/405/413 answers.
    public func use(_ middleware: any HTTPMiddleware) {
        state.withLock {
            $0.global.append(middleware)
            $0.compiled = nil
        }
    }

    /// Sends every request to a handler pool, quick answers included, so that middleware may block
    /// (the test-control latency faults) without stalling an event loop. For test servers only.
    public func answerEveryRequestOnThePool() {
        state.withLock {
            $0.quickAnswersOff = true
            $0.compiled = nil
        }
    }

    /// Routes a request in process: parameters filled, middleware run, errors turned into a 500.
    public func respond(to request: HTTPServerRequest) -> HTTPServerResponse {
        compiledTable().respond(to: request)
    }

    /// The answer for a failure found before routing (413 while reading the body), rendered by the
    /// group whose prefix matches the request's path and wrapped in the global middleware.
    public func respond(to request: HTTPServerRequest, failure: HTTPRoutingFailure) -> HTTPServerResponse {
        compiledTable().respond(to: request, failure: failure)
    }

    /// The compiled table; the server takes it once at start, so requests never touch the lock.
    func compiledTable() -> RoutingTable {
        state.withLock { definition in
            if let compiled = definition.compiled { return compiled }
            let table = RoutingTable(definition)
            definition.compiled = table
            return table
        }
    }
}

/// Everything registered on a router; compiled into a `RoutingTable` on first use.
struct RouterDefinition: Sendable {
    var routes: [RouteDefinition] = []
    var groups: [RouteGroup] = []
    var global: [any HTTPMiddleware] = []
    var quickAnswersOff = false
    var compiled: RoutingTable?
}

struct RouteDefinition: Sendable {
    var method: HTTPRequest.Method
    var segments: [RoutePattern.Segment]
    var middleware: [any HTTPMiddleware]
    var quick: HTTPQuickAnswer?
    var handler: HTTPHandler
}

struct RouteGroup: Sendable {
    var prefix: [RoutePattern.Segment]
    var middleware: [any HTTPMiddleware]
    var renderer: HTTPFailureRenderer
}
