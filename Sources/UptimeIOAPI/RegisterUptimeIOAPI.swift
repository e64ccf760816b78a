import StatusdHTTP
import StatusdStore

/// Mounts the UptimeIO shape (`X-API-Key`, `{"success": ..., "data"/"error": ...}`) under `/api/`:
/// every route runs inside the UptimeIO error middleware, behind API-key authentication, and the
/// router's own 404/405/413 answers use the UptimeIO error envelope.
public func registerUptimeIOAPI(on router: HTTPRouter, store: Store) {
    router.group(prefix: "/api/", middleware: [UptimeIOErrorMiddleware()], renderer: UptimeIOErrorRenderer.render)

    let authenticated = APIKeyAuth(store: store)
    let incidents = IncidentRoutes(store: store)
    let updates = IncidentUpdateRoutes(store: store)
    let collection = "/api/projects/:projectId/status-pages/:statusPageId/incidents"
    let item = collection + "/:incidentId"

    router.on(.get, collection, authenticated { try incidents.list($0, $1) })
    router.on(.post, collection, authenticated { try incidents.create($0, $1) })
    router.on(.get, item, authenticated { try incidents.show($0, $1) })
    router.on(.patch, item, authenticated { try incidents.patch($0, $1) })
    router.on(.delete, item, authenticated { try incidents.delete($0, $1) })
    router.on(.get, item + "/updates", authenticated { try updates.list($0, $1) })
    router.on(.post, item + "/updates", authenticated { try updates.create($0, $1) })
}
