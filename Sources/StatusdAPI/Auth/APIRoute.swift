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
    /// Successful GET answers, reused until the data changes; nil to render every time.
    public let cache: ResponseCache?

    public init(
        authenticator: Authenticator, componentsField: String, cache: ResponseCache? = nil,
        secret: @escaping @Sendable (HTTPServerRequest) -> String?,
        render: @escaping @Sendable (APIError) -> HTTPServerResponse
    ) {
        self.authenticator = authenticator
        self.componentsField = componentsField
        self.cache = cache
        self.secret = secret
        self.render = render
    }

    /// An authenticated route. GET and HEAD may be answered from `cache`, and otherwise run in one
    /// read snapshot (one reader checkout and one transaction for the page and the data); other
    /// methods write, so they do neither.
    public func authenticated(_ handler: @escaping APIHandler) -> HTTPHandler {
        { request in
            try self.rendering {
                guard request.method == .get || request.method == .head else {
                    // The credential from memory while the credentials counter holds, as for reads:
                    // a revoke moves it on, so the very next write is refused.
                    let counters = try self.authenticator.store.changeCounters(readAfter: request.receivedAt)
                    let context = try self.authenticator.context(secret: self.secret(request), at: counters)
                    return try handler(request, context)
                }
                return try self.read(handler, request)
            }
        }
    }

    /// A read: the change counters first (one statement), then the credential and the answer from
    /// memory if nothing they depend on has changed since they were found; else the handler in a
    /// read snapshot, its 200 kept for next time (errors are cheap to render). The credential is
    /// checked on every request, before the cache is consulted.
    private func read(_ handler: APIHandler, _ request: HTTPServerRequest) throws -> HTTPServerResponse {
        let store = authenticator.store
        guard let cache else {
            return try store.withReadSnapshot {
                try handler(request, try authenticator.context(secret: secret(request)))
            }
        }
        // Read before anything it vouches for: what is read after may be kept under these counters.
        let counters = try store.changeCounters(readAfter: request.receivedAt)
        let context = try authenticator.context(secret: secret(request), at: counters)
        let key = ResponseCache.Key(credentialId: context.credential.id, target: request.head.path ?? request.path)
        if let cached = cache.response(for: key, at: counters.content, now: storeNow) { return cached }
        // Taken before rendering: what the handler derives from the clock it derives at this moment
        // or later, so the answer holds in the span around it, provided rendering ended inside it.
        let renderedAt = store.clock.now()
        let (response, span) = try store.withReadSnapshot {
            (try handler(request, context), try store.derivedStatusSpan(around: renderedAt))
        }
        guard response.status == .ok else { return response }
        if let span, !span.contains(storeNow()) { return response }
        cache.store(response, for: key, at: counters.content, span: span)
        return response
    }

    /// The store clock's now in milliseconds, for cached answers kept with a span of time.
    private func storeNow() -> Int64 {
        authenticator.store.clock.now().millisecondsSince1970
    }

    /// The quick answer of an authenticated GET route: the cached answer when the credential holds
    /// and nothing changed since it was rendered, found as `read` finds it (the change counters, the
    /// credential, the cache); nil to let the route's handler answer (a miss, or any error, which
    /// the handler then renders).
    public func cachedAnswer(_ request: HTTPServerRequest) -> HTTPServerResponse? {
        guard let cache, request.method == .get || request.method == .head else { return nil }
        do {
            let counters = try authenticator.store.changeCounters(readAfter: request.receivedAt)
            let context = try authenticator.context(secret: secret(request), at: counters)
            let key = ResponseCache.Key(credentialId: context.credential.id, target: request.head.path ?? request.path)
            return cache.response(for: key, at: counters.content, countingMiss: false, now: storeNow)
        } catch {
            return nil
        }
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
