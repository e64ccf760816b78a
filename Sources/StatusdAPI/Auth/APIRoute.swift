import StatusdCore
import StatusdHTTP
import StatusdStore

/// A handler that runs with an authenticated `APIContext`.
public typealias APIHandler = @Sendable (HTTPServerRequest, APIContext) throws -> HTTPServerResponse

/// A handler of a public read: told what its answer depends on through the `ReadDependencies`.
public typealias PublicReadHandler = @Sendable (HTTPServerRequest, ReadDependencies) throws -> HTTPServerResponse

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

    /// An authenticated route whose resources are `scope`'s: GET and HEAD need its READ grant, other
    /// methods its EDIT grant (403 otherwise). GET and HEAD may be answered from `cache`, and
    /// otherwise run in one read snapshot (one reader checkout and one transaction for the page and
    /// the data); other methods write, so they do neither.
    public func authenticated(_ scope: GrantScope, _ handler: @escaping APIHandler) -> HTTPHandler {
        { request in
            try self.rendering {
                guard request.method == .get || request.method == .head else {
                    // The credential from memory while the credentials counter holds, as for reads:
                    // a revoke moves it on, so the very next write is refused.
                    let counters = try self.authenticator.store.changeCounters(readAfter: request.receivedAt)
                    let context = try self.authenticator.context(secret: self.secret(request), at: counters)
                    try Self.check(context.credential, holds: Grant(scope, .edit))
                    // Every store write the handler makes is recorded in the audit log as this credential's.
                    return try Store.withAuditActor(.credential(context.credential, request)) {
                        try self.once(request, context, handler)
                    }
                }
                return try self.read(scope, handler, request)
            }
        }
    }

    /// 403 unless `credential` holds `grant`: a read-only credential's write is refused as before
    /// grants existed ("read-only"), anything else names the missing grant.
    public static func check(_ credential: Credential, holds grant: Grant) throws(APIError) {
        guard !credential.grants.allows(grant.scope, grant.permission) else { return }
        if grant.permission == .edit, credential.readOnly { throw .forbidden }
        throw .missingGrant(grant)
    }

    /// A read: the change counters first (one statement), then the credential and the answer from
    /// memory if nothing it depends on has changed since it was found; else the handler in a read
    /// snapshot, its 200 kept for next time (errors are cheap to render). The credential is checked
    /// on every request, before the cache is consulted.
    private func read(
        _ scope: GrantScope, _ handler: APIHandler, _ request: HTTPServerRequest
    ) throws -> HTTPServerResponse {
        let store = authenticator.store
        guard let cache else {
            return try store.withReadSnapshot {
                // The counters of this snapshot: the credential may come from memory (the response cache
                // is off, not the credential one).
                let counters = try store.changeCounters()
                let context = try authenticator.context(secret: secret(request), at: counters)
                try Self.check(context.credential, holds: Grant(scope, .read))
                return try handler(request, context)
            }
        }
        // Read before anything it vouches for: what is read after may be kept under these counters.
        let counters = try store.changeCounters(readAfter: request.receivedAt)
        let context = try authenticator.context(secret: secret(request), at: counters)
        try Self.check(context.credential, holds: Grant(scope, .read))
        let key = ResponseCache.Key(credentialId: context.credential.id, target: Self.target(request))
        if let cached = cachedResponse(cache, key, counters, request) { return cached }
        return try renderAndKeep(cache, key, counters) { dependencies in
            try handler(request, context.recording(into: dependencies))
        }
    }

    /// The answer kept for `key` if it holds at `counters` (and, for one page's answer, at that
    /// page's counter read now).
    private func cachedResponse(
        _ cache: ResponseCache, _ key: ResponseCache.Key, _ counters: ChangeCounters, _ request: HTTPServerRequest,
        countingMiss: Bool = true
    ) -> HTTPServerResponse? {
        let store = authenticator.store
        return cache.response(
            for: key, at: counters.content, credentials: counters.credentials,
            pageVersion: { try? store.pageVersion($0, readAfter: request.receivedAt) },
            request: request, countingMiss: countingMiss, now: storeNow)
    }

    /// Runs `render` in one read snapshot and keeps its 200 under what it was made from: the one
    /// page it read, at that page's counter in the same snapshot, or else the content counter read
    /// before; with the span of store-clock time around now in which no maintenance window (of that
    /// page) starts or ends.
    private func renderAndKeep(
        _ cache: ResponseCache, _ key: ResponseCache.Key, _ counters: ChangeCounters,
        _ render: (ReadDependencies) throws -> HTTPServerResponse
    ) throws -> HTTPServerResponse {
        let store = authenticator.store
        let dependencies = ReadDependencies()
        // Taken before rendering: what the handler derives from the clock it derives at this moment
        // or later, so the answer holds in the span around it, provided rendering ended inside it.
        let renderedAt = store.clock.now()
        // What the answer is kept under: nil for an answer not to keep.
        typealias Keeping = (page: ResponseCache.PageVersion?, span: Range<Int64>?)
        let (response, keeping) = try store.withReadSnapshot { () throws -> (HTTPServerResponse, Keeping?) in
            let response = try render(dependencies)
            guard response.status == .ok, dependencies.cacheable else { return (response, nil) }
            // No counter (a database without Migrations/0012): kept under the content counter.
            let page = dependencies.singlePage.flatMap { id in
                (try? store.pageVersion(id)).map { ResponseCache.PageVersion(statusPageId: id, version: $0) }
            }
            var span = try store.derivedStatusSpan(around: renderedAt, statusPageId: page?.statusPageId)
            if let until = dependencies.validUntil {
                let current = span ?? (Int64.min..<Int64.max)
                span = current.lowerBound..<max(current.lowerBound, min(current.upperBound, until))
            }
            return (response, (page, span))
        }
        guard let keeping else { return response }
        if let span = keeping.span, !span.contains(storeNow()) { return response }
        cache.store(
            response, for: key, at: counters.content, credentials: counters.credentials, page: keeping.page,
            span: keeping.span, admits: dependencies.admission)
        return response
    }

    /// The cache key's target: the path with its query, as the client sent it.
    private static func target(_ request: HTTPServerRequest) -> String {
        request.head.path ?? request.path
    }

    /// The store clock's now in milliseconds, for cached answers kept with a span of time.
    private func storeNow() -> Int64 {
        authenticator.store.clock.now().millisecondsSince1970
    }

    /// The quick answer of an authenticated GET route: the cached answer when the credential holds
    /// and nothing changed since it was rendered, found as `read` finds it (the change counters, the
    /// credential, the cache); nil to let the route's handler answer (a miss, or any error, which
    /// the handler then renders). `scope` is the route's, checked as the route checks it.
    public func cachedAnswer(_ scope: GrantScope) -> @Sendable (HTTPServerRequest) -> HTTPServerResponse? {
        { request in self.cachedAnswer(scope, request) }
    }

    private func cachedAnswer(_ scope: GrantScope, _ request: HTTPServerRequest) -> HTTPServerResponse? {
        guard let cache, request.method == .get || request.method == .head else { return nil }
        do {
            let counters = try authenticator.store.changeCounters(readAfter: request.receivedAt)
            let context = try authenticator.context(secret: secret(request), at: counters)
            guard context.credential.grants.allows(scope, .read) else { return nil }
            let key = ResponseCache.Key(credentialId: context.credential.id, target: Self.target(request))
            return cachedResponse(cache, key, counters, request, countingMiss: false)
        } catch {
            return nil
        }
    }

    /// A public route (no credential), with the same error rendering.
    public func unauthenticated(_ handler: @escaping HTTPHandler) -> HTTPHandler {
        { request in try self.rendering { try handler(request) } }
    }

    /// A public GET route whose answers are cached like authenticated ones (keyed by the target
    /// alone): the handler says, through its `ReadDependencies`, which page it showed, who may see
    /// the answer again, or that it may not be reused.
    public func publicRead(_ handler: @escaping PublicReadHandler) -> HTTPHandler {
        publicRead(keyedBy: Self.target, handler)
    }

    /// `publicRead` for a route whose answer depends on more of the request than its target (the
    /// Host a custom domain is served at): `key` names what it depends on.
    public func publicRead(
        keyedBy key: @escaping @Sendable (HTTPServerRequest) -> String, _ handler: @escaping PublicReadHandler
    ) -> HTTPHandler {
        { request in
            try self.rendering {
                let store = self.authenticator.store
                guard let cache = self.cache, request.method == .get || request.method == .head else {
                    return try store.withReadSnapshot { try handler(request, ReadDependencies()) }
                }
                let counters = try store.changeCounters(readAfter: request.receivedAt)
                let key = ResponseCache.Key.anyone(key(request))
                if let cached = self.cachedResponse(cache, key, counters, request) { return cached }
                return try self.renderAndKeep(cache, key, counters) { try handler(request, $0) }
            }
        }
    }

    /// The quick answer of a `publicRead` route: its cached answer, if it holds and admits the request.
    public func cachedPublicAnswer(_ request: HTTPServerRequest) -> HTTPServerResponse? {
        cachedPublicAnswer(request, keyedBy: Self.target)
    }

    /// The quick answer of a `publicRead(keyedBy:)` route, found under the same `key`.
    public func cachedPublicAnswer(
        _ request: HTTPServerRequest, keyedBy key: (HTTPServerRequest) -> String
    ) -> HTTPServerResponse? {
        guard let cache, request.method == .get || request.method == .head,
              let counters = try? authenticator.store.changeCounters(readAfter: request.receivedAt)
        else { return nil }
        return cachedResponse(cache, .anyone(key(request)), counters, request, countingMiss: false)
    }

    /// The cache key's target: the path with its query, as the client sent it.
    public static func requestTarget(_ request: HTTPServerRequest) -> String { target(request) }

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
