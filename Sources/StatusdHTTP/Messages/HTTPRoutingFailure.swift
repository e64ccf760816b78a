import HTTPTypes

/// Why the server answers without reaching a handler, once it knows the path.
public enum HTTPRoutingFailure: Sendable, Equatable {
    case notFound
    case methodNotAllowed(allow: [HTTPRequest.Method])
    /// Body over the configured limit (413), detected from Content-Length or the chunk total.
    case payloadTooLarge

    /// The status each failure answers with.
    public var status: HTTPResponse.Status {
        switch self {
        case .notFound: .notFound
        case .methodNotAllowed: .methodNotAllowed
        case .payloadTooLarge: .contentTooLarge
        }
    }
}

/// Renders routing failures in a route group's own envelope (each API shape has one).
public typealias HTTPFailureRenderer = @Sendable (HTTPServerRequest, HTTPRoutingFailure) -> HTTPServerResponse

/// The renderer used outside every group: `{"error":"..."}` as JSON.
public let defaultHTTPFailureRenderer: HTTPFailureRenderer = { _, failure in
    switch failure {
    case .notFound: .jsonError(.notFound, "not found")
    case .methodNotAllowed: .jsonError(.methodNotAllowed, "method not allowed")
    case .payloadTooLarge: .jsonError(.contentTooLarge, "payload too large")
    }
}
