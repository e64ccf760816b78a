import Foundation
import Logging
import OnlineOrNotAPI
import StatusdAPI
import StatusdHTTP
import StatusdStore
import UptimeIOAPI

/// Builds the router with every route statusd serves: both API shapes over one store, health, metrics
/// and the OpenAPI document, inside request logging and metrics. The CLI and the tests call the same
/// function, so tests exercise exactly what production runs.
/// Both shapes share one answer cache (`cache`, nil for none), so its budget is the whole server's.
func makeRouter(
    store: Store, metrics: ServerMetrics, logger: Logger, cache: ResponseCache?, testControl: TestControl? = nil
) -> HTTPRouter {
    let router = HTTPRouter()
    router.use(RequestLogMiddleware(logger: logger))
    router.use(MetricsMiddleware(metrics: metrics))
    if let testControl {
        router.use(TestControlMiddleware(control: testControl))
        router.answerEveryRequestOnThePool()
        registerTestControlRoutes(on: router, control: testControl)
    }
    registerOperationsRoutes(on: router, store: store, metrics: metrics)
    registerOnlineOrNotAPI(on: router, store: store, cache: cache)
    registerUptimeIOAPI(on: router, store: store, cache: cache)
    return router
}

/// Unauthenticated routes for operators and tooling.
/// `GET /healthz`: the process answers. `GET /readyz`: the database answers too.
/// `GET /metrics`: Prometheus text. `GET /openapi.json`: the API description of both shapes.
func registerOperationsRoutes(on router: HTTPRouter, store: Store, metrics: ServerMetrics) {
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
    let document = OpenAPIDocument.bytes
    router.on(.get, "/openapi.json") { _ in
        .json(.ok, document)
    }
}

/// The OpenAPI document shipped with the binary (`openapi/statusd.openapi.json`), read once.
enum OpenAPIDocument {
    static let bytes: [UInt8] = {
        guard let url = Bundle.module.url(forResource: "statusd.openapi", withExtension: "json"),
              let data = try? Data(contentsOf: url)
        else { return Array(#"{"error":"openapi document missing from the installation"}"#.utf8) }
        return Array(data)
    }()
}
