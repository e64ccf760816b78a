import StatusdHTTP

/// A handler that runs with an authenticated `APIContext`.
public typealias APIHandler = @Sendable (HTTPServerRequest, APIContext) throws -> HTTPServerResponse

/// Glue between a shape's handlers and the HTTP router: authenticate with the shape's header, run
/// the handler, and render any `APIError` (or client-caused store error) in the shape's envelope.
public struct APIRoutes: Sendable {
    public let authenticator: Authenticator
    /// Extracts the secret from the shape's own header.
    public let secret: @Sendable (HTTPServerRequest) -> String?
    /// Renders an error in the shape's envelope.
    public let render: @Sendable (APIError) -> HTTPServerResponse
    /// The request field that carries component ids in this shape (for unknown-id errors).
    public let componentsField: String

    public init(
        authenticator: Authenticator, componentsField: String,
        secret: @escaping @Sendable (HTTPServerRequest) -> String?,
        render: @escaping @Sendable (APIError) -> HTTPServerResponse
    ) {
        self.authenticator = authenticator
        self.componentsField = componentsField
        self.secret = secret
        self.render = render
    }

    /// An authenticated route. GET and HEAD run in one read snapshot (one reader checkout and one
    /// transaction for the credential, the page and the data); other methods write, so they do not.
    public func authenticated(_ handler: @escaping APIHandler) -> HTTPHandler {
        { request in
            try self.rendering {
                guard request.method == .get || request.method == .head else {
                    return try self.run(handler, request)
                }
                return try self.authenticator.store.withReadSnapshot { try self.run(handler, request) }
            }
        }
    }

    private func run(_ handler: APIHandler, _ request: HTTPServerRequest) throws -> HTTPServerResponse {
        let context = try authenticator.context(secret: secret(request))
        return try handler(request, context)
    }

    /// A public route (no credential), with the same error rendering.
    public func unauthenticated(_ handler: @escaping HTTPHandler) -> HTTPHandler {
        { request in try self.rendering { try handler(request) } }
    }

    /// Runs `body`; client errors are rendered, anything else is rethrown (the server answers 500).
    public func rendering(_ body: () throws -> HTTPServerResponse) rethrows -> HTTPServerResponse {
        do {
            return try body()
        } catch {
            guard let apiError = APIError(error, componentsField: componentsField) else { throw error }
            return render(apiError)
        }
    }
}
