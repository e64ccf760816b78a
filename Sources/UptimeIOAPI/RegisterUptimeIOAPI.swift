import StatusdAPI
import StatusdCore
import StatusdHTTP
import StatusdStore

/// Mounts the UptimeIO shape (`X-API-Key`, `{"success": ..., "data"/"error": ...}`) under `/api/`:
/// every route runs behind API-key authentication with its failures in the UptimeIO error envelope,
/// and the router's own 404/405/413 answers under `/api/` use that envelope too.
/// Successful GETs are answered from `cache` while the data they came from is unchanged.
public func registerUptimeIOAPI(on router: HTTPRouter, store: Store, cache: ResponseCache? = nil) {
    router.group(prefix: "/api/", middleware: [], renderer: UptimeIOErrorRenderer.render)

    let routes = APIRoutes.uptimeIO(store: store, cache: cache)
    let incidents = IncidentRoutes(store: store)
    let updates = IncidentUpdateRoutes(store: store)
    let pages = StatusPageRoutes(store: store)
    let page = "/api/projects/:projectId/status-pages/:statusPageId"
    let collection = page + "/incidents"
    let item = collection + "/:incidentId"

    router.on(.get, page, quick: routes.cachedAnswer(.statusPages), routes.authenticated(.statusPages) { try pages.show($0, $1) })
    router.on(.patch, page, routes.authenticated(.statusPages) { try pages.patch($0, $1) })
    router.on(.put, page, routes.authenticated(.statusPages) { try pages.put($0, $1) })
    router.on(.delete, page, routes.authenticated(.statusPages) { try pages.delete($0, $1) })

    router.on(.get, collection, quick: routes.cachedAnswer(.incidents), routes.authenticated(.incidents) { try incidents.list($0, $1) })
    router.on(.post, collection, routes.authenticated(.incidents) { try incidents.create($0, $1) })
    router.on(.get, item, quick: routes.cachedAnswer(.incidents), routes.authenticated(.incidents) { try incidents.show($0, $1) })
    router.on(.patch, item, routes.authenticated(.incidents) { try incidents.patch($0, $1) })
    router.on(.delete, item, routes.authenticated(.incidents) { try incidents.delete($0, $1) })
    router.on(.post, item + "/resolve", routes.authenticated(.incidents) { try incidents.resolve($0, $1) })
    router.on(.get, item + "/updates", quick: routes.cachedAnswer(.incidents), routes.authenticated(.incidents) { try updates.list($0, $1) })
    router.on(.post, item + "/updates", routes.authenticated(.incidents) { try updates.create($0, $1) })
}
