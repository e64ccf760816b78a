import HTTPTypes

/// The compiled, immutable routing table: a segment trie whose nodes keep their endpoints by
/// method (so 405 and OPTIONS can list `Allow`), plus the groups' renderers for failures.
final class RoutingTable: Sendable {
    enum Match {
        case found(Endpoint, parameters: [String: String])
        /// OPTIONS on a known path without an OPTIONS route of its own: 204 with `Allow` (RFC 9110
        /// §9.3.7), which is also what a CORS preflight needs. `pattern` labels it in metrics.
        case options(allow: [HTTPRequest.Method], pattern: String?)
        case failed(HTTPRoutingFailure)
    }

    struct Endpoint: Sendable {
        /// The pattern as registered (`/v1/status_pages/:status_page_id`): a low-cardinality route label.
        var pattern: String
        var parameterNames: [String]
        /// The handler wrapped in route, group and global middleware.
        var responder: HTTPHandler
        var quick: HTTPQuickAnswer?
        /// Route, group and global middleware, outermost first (wrapped around a quick answer).
        var middleware: [any HTTPMiddleware]
    }

    private let root: RouteNode
    private let groups: [RouteGroup]
    private let global: [any HTTPMiddleware]

    init(_ definition: RouterDefinition) {
        global = definition.global
        // Shorter prefixes are outermost; equal lengths keep registration order.
        groups = definition.groups.enumerated().sorted {
            ($0.element.prefix.count, $0.offset) < ($1.element.prefix.count, $1.offset)
        }.map(\.element)
        let builder = RouteNode()
        for route in definition.routes {
            let covering = groups.filter { RoutePattern.prefix($0.prefix, covers: route.segments) }
            let chain = definition.global + covering.flatMap(\.middleware) + route.middleware
            let names = route.segments.compactMap { if case .parameter(let name) = $0 { name } else { nil } }
            let endpoint = Endpoint(
                pattern: RoutePattern.text(route.segments), parameterNames: names,
                responder: Self.wrap(route.handler, in: chain), quick: route.quick, middleware: chain)
            builder.insert(route.segments[...], method: route.method, endpoint)
        }
        root = builder
        serverMethods = Set(definition.routes.map(\.method)).union([.head, .options]).sorted { $0.rawValue < $1.rawValue }
        hasQuickAnswers = !definition.quickAnswersOff && definition.routes.contains { $0.quick != nil }
    }

    /// Every method some route answers, for `OPTIONS *`.
    private let serverMethods: [HTTPRequest.Method]

    func match(_ method: HTTPRequest.Method, path: String) -> Match {
        if method == .options && path == "*" { return .options(allow: serverMethods, pattern: nil) }
        guard let segments = RoutePattern.decodedSegments(path) else { return .failed(.notFound) }
        var values: [String] = []
        guard let node = root.find(segments[...], values: &values) else { return .failed(.notFound) }
        let endpoint = node.endpoints[method] ?? (method == .head ? node.endpoints[.get] : nil)
        guard let endpoint else {
            if method == .options { return .options(allow: node.allowedMethods, pattern: node.pattern) }
            return .failed(.methodNotAllowed(allow: node.allowedMethods))
        }
        var parameters: [String: String] = [:]
        for (name, value) in zip(endpoint.parameterNames, values) { parameters[name] = value }
        return .found(endpoint, parameters: parameters)
    }

    /// Whether any route has a quick answer (if none, the event loop need not try).
    let hasQuickAnswers: Bool

    /// A request matched to what answers it, found once for both the quick answer and the handler.
    struct Routed: Sendable {
        /// The request with its path parameters and route label.
        var request: HTTPServerRequest
        let responder: HTTPHandler
        /// The matched route, when one was (its quick answer and middleware).
        let endpoint: Endpoint?
    }

    /// Matches `request` to its route (or to the answer for an unknown path or method).
    func route(_ request: HTTPServerRequest) -> Routed {
        var request = request
        switch match(request.method, path: request.path) {
        case .found(let endpoint, let parameters):
            request.parameters = parameters
            request.route = endpoint.pattern
            return Routed(request: request, responder: endpoint.responder, endpoint: endpoint)
        case .options(let allow, let pattern):
            request.route = pattern
            return Routed(request: request, responder: optionsResponder(allow), endpoint: nil)
        case .failed(let failure):
            return Routed(request: request, responder: failureResponder(failure), endpoint: nil)
        }
    }

    /// The route's quick answer wrapped in its middleware, or nil when it has none to give now.
    func respondQuickly(_ routed: Routed) -> HTTPServerResponse? {
        let request = routed.request
        guard request.method == .get || request.method == .head, let endpoint = routed.endpoint,
              let quick = endpoint.quick, let answer = quick(request)
        else { return nil }
        do {
            return try Self.wrap({ _ in answer }, in: endpoint.middleware)(request)
        } catch {
            return Self.internalError
        }
    }

    func respond(_ routed: Routed) -> HTTPServerResponse {
        do {
            return try routed.responder(routed.request)
        } catch {
            return Self.internalError
        }
    }

    func respond(to request: HTTPServerRequest) -> HTTPServerResponse {
        respond(route(request))
    }

    func respond(to request: HTTPServerRequest, failure: HTTPRoutingFailure) -> HTTPServerResponse {
        do {
            return try failureResponder(failure)(request)
        } catch {
            return Self.internalError
        }
    }

    /// A handler error that no middleware turned into a response.
    static var internalError: HTTPServerResponse { .jsonError(.internalServerError, "internal server error") }

    /// A responder answering `failure` with the renderer of the longest group prefix matching the path.
    func failureResponder(_ failure: HTTPRoutingFailure) -> HTTPHandler {
        let groups = self.groups
        let render: HTTPHandler = { request in
            let segments = RoutePattern.decodedSegments(request.path) ?? []
            let group = groups.last { RoutePattern.prefix($0.prefix, covers: segments) }
            var response = (group?.renderer ?? defaultHTTPFailureRenderer)(request, failure)
            if case .methodNotAllowed(let allow) = failure {
                response.headerFields[.allow] = allow.map(\.rawValue).joined(separator: ", ")
            }
            return response
        }
        return Self.wrap(render, in: global)
    }

    /// 204 with `Allow`, inside the global middleware only: route and group middleware (credentials
    /// above all) is for the methods themselves, and a browser's preflight carries no credential.
    func optionsResponder(_ allow: [HTTPRequest.Method]) -> HTTPHandler {
        let answer = HTTPServerResponse(
            status: .noContent, headerFields: [.allow: allow.map(\.rawValue).joined(separator: ", ")])
        return Self.wrap({ _ in answer }, in: global)
    }

    private static func wrap(_ handler: @escaping HTTPHandler, in middleware: [any HTTPMiddleware]) -> HTTPHandler {
        middleware.reversed().reduce(handler) { next, layer in
            { request in try layer.handle(request, next: next) }
        }
    }
}

/// One trie node. Built once by `RoutingTable.init`, never mutated afterwards.
final class RouteNode: @unchecked Sendable {  // mutated only while the table is being built
    private(set) var literals: [String: RouteNode] = [:]
    private(set) var parameter: RouteNode?
    private(set) var endpoints: [HTTPRequest.Method: RoutingTable.Endpoint] = [:]

    /// `Allow` for this path: registered methods, plus HEAD where GET exists and OPTIONS, which the
    /// router answers itself, in a stable order.
    var allowedMethods: [HTTPRequest.Method] {
        var methods = Set(endpoints.keys)
        if methods.contains(.get) { methods.insert(.head) }
        methods.insert(.options)
        return methods.sorted { $0.rawValue < $1.rawValue }
    }

    /// The pattern this node's endpoints were registered under.
    var pattern: String? { endpoints.values.first?.pattern }

    func insert(_ segments: ArraySlice<RoutePattern.Segment>, method: HTTPRequest.Method, _ endpoint: RoutingTable.Endpoint) {
        guard let first = segments.first else {
            if endpoints[method] == nil { endpoints[method] = endpoint }
            return
        }
        let child: RouteNode
        switch first {
        case .literal(let literal):
            child = literals[literal] ?? RouteNode()
            literals[literal] = child
        case .parameter:
            child = parameter ?? RouteNode()
            parameter = child
        }
        child.insert(segments.dropFirst(), method: method, endpoint)
    }

    /// Depth-first: a literal beats a parameter, with backtracking when the literal branch fails.
    func find(_ segments: ArraySlice<String>, values: inout [String]) -> RouteNode? {
        guard let first = segments.first else { return endpoints.isEmpty ? nil : self }
        if let literal = literals[first], let found = literal.find(segments.dropFirst(), values: &values) {
            return found
        }
        guard let parameter, !first.isEmpty else { return nil }
        values.append(first)
        if let found = parameter.find(segments.dropFirst(), values: &values) { return found }
        values.removeLast()
        return nil
    }
}
