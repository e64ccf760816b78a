import Foundation
import Logging
import OnlineOrNotAPI
import StatusdAPI
import StatusPageSite
import StatusdHTTP
import StatusdStore
import UptimeIOAPI

/// Builds the router with every route statusd serves: both API shapes over one store, health, metrics
/// the OpenAPI document and the public status page, inside request logging and metrics. The CLI and the tests call the same
/// function, so tests exercise exactly what production runs.
/// Both shapes share one answer cache (`cache`, nil for none), so its budget is the whole server's.
/// `cors` adds the CORS answer to every response (outside the test-control faults, so a browser sees
/// those too); `openAPI` is the document `/openapi.json` serves.
func makeRouter(
    store: Store, metrics: ServerMetrics, logger: Logger, cache: ResponseCache?, testControl: TestControl? = nil,
    cors: CORSPolicy? = nil, openAPI: ServedOpenAPIDocument = ServedOpenAPIDocument(isTLS: false), isTLS: Bool = false,
    rateLimit: RateLimitOptions? = nil
) throws -> HTTPRouter {
    let router = HTTPRouter()
    router.use(RequestLogMiddleware(logger: logger))
    router.use(MetricsMiddleware(metrics: metrics))
    if let cors { router.use(CORSMiddleware(policy: cors)) }
    if let rateLimit { router.use(RateLimitMiddleware(options: rateLimit)) }
    if let testControl {
        router.use(TestControlMiddleware(control: testControl))
        router.answerEveryRequestOnThePool()
        registerTestControlRoutes(on: router, control: testControl)
    }
    registerOperationsRoutes(on: router, store: store, metrics: metrics, openAPI: openAPI)
    registerOnlineOrNotAPI(on: router, store: store, cache: cache)
    registerUptimeIOAPI(on: router, store: store, cache: cache)
    try registerStatusPageSite(on: router, store: store, cache: cache, tlsPort: isTLS)
    return router
}

/// Unauthenticated routes for operators and tooling.
/// `GET /healthz`: the process answers. `GET /readyz`: the database answers too.
/// `GET /metrics`: Prometheus text. `GET /openapi.json`: the API description of both shapes.
func registerOperationsRoutes(
    on router: HTTPRouter, store: Store, metrics: ServerMetrics, openAPI: ServedOpenAPIDocument
) {
    router.on(.get, "/healthz") { _ in
        .json(.ok, Array(#"{"status":"ok"}"#.utf8))
    }
    router.on(.get, "/readyz") { _ in
        do {
            try store.ping()
            return .json(.ok, Array(#"{"status":"ready"}"#.utf8))
        } catch {
            return .json(.serviceUnavailable, Array(#"{"status":"unavailable","reason":"database unreachable"}"#.utf8))
        }
    }
    router.on(.get, "/metrics") { _ in
        var response = HTTPServerResponse(status: .ok, body: metrics.exposition())
        response.headerFields[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
        return response
    }
    router.on(.get, "/openapi.json") { request in
        openAPI.response(for: request)
    }
}
