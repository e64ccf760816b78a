import OnlineOrNotAPI
import StatusdAPI
import StatusdHTTP
import StatusdStore
import UptimeIOAPI

/// Builds the router with every route statusd serves: both API shapes over one store, plus health.
/// The CLI and the tests call the same function, so tests exercise exactly what production runs.
public func makeRouter(store: Store) -> HTTPRouter {
    let router = HTTPRouter()
    registerHealthRoutes(on: router, store: store)
    registerOnlineOrNotAPI(on: router, store: store)
    registerUptimeIOAPI(on: router, store: store)
    return router
}

/// `GET /healthz`: the process answers. `GET /readyz`: the database answers too. No auth.
func registerHealthRoutes(on router: HTTPRouter, store: Store) {
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
}
