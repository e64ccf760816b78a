import HTTPTypes
import StatusdAPI
import StatusdCore
import StatusdHTTP
import StatusdStore

/// Registers the OnlineOrNot shape under `/v1/`: every route but the public summary authenticates with
/// `Authorization: Bearer <token>`, and every failure (including the router's 404/405/413) is rendered
/// in the OnlineOrNot error envelope.
/// Successful GETs are answered from `cache` while the data they came from is unchanged.
public func registerOnlineOrNotAPI(on router: HTTPRouter, store: Store, cache: ResponseCache? = nil) {
    let api = APIRoutes(
        authenticator: Authenticator(store: store), componentsField: ComponentsField.key, cache: cache,
        secret: { Authenticator.bearerToken($0) }, render: { OnlineOrNotErrorRenderer.render($0) }
    )
    router.group(prefix: "/v1/", middleware: [], renderer: { OnlineOrNotErrorRenderer.renderFailure($0, $1) })

    let pages = StatusPageRoutes()
    let page = "/v1/status_pages/:status_page_id"
    let resources = OnlineOrNotResources(router: router, api: api)
    resources.register(
        .statusPages, collection: "/v1/status_pages", item: page, list: pages.list, create: pages.create,
        show: pages.show, update: pages.update, delete: pages.delete)

    let summary = SummaryRoutes(store: store)
    router.on(.get, "\(page)/summary", quick: api.cachedPublicAnswer, api.publicRead(summary.show))

    let components = ComponentRoutes()
    resources.register(
        .statusPages, collection: "\(page)/components", item: "\(page)/components/:status_page_component_id",
        list: components.list, create: components.create, show: components.show, update: components.update,
        delete: components.delete)

    let order = SortOrderRoutes()
    router.on(.put, "\(page)/components/sort-order", api.authenticated(.statusPages, order.components))

    // The 2026 spec's `/groups` and the Terraform provider's `/component_groups`: the same groups.
    let groups = ComponentGroupRoutes()
    for collection in ["\(page)/groups", "\(page)/component_groups"] {
        let group = "\(collection)/:group_id"
        resources.register(
            .statusPages, collection: collection, item: group, list: groups.list, create: groups.create,
            show: groups.show, update: groups.update, delete: groups.delete)
        router.on(.put, "\(collection)/sort-order", api.authenticated(.statusPages, order.groups))
        router.on(.put, "\(group)/sort-order", api.authenticated(.statusPages, order.groupComponents))
    }

    let incidents = IncidentRoutes()
    let incident = "\(page)/incidents/:status_page_incident_id"
    resources.register(
        .incidents, collection: "\(page)/incidents", item: incident, list: incidents.list, create: incidents.create,
        show: incidents.show, update: incidents.update, delete: incidents.delete)

    let updates = IncidentUpdateRoutes()
    resources.register(
        .incidents, collection: "\(incident)/updates", item: "\(incident)/updates/:incident_update_id",
        list: updates.list, create: updates.create, show: updates.show, update: updates.edit, delete: updates.delete)

    let maintenance = ScheduledMaintenanceRoutes()
    resources.register(
        .maintenanceWindows, collection: "\(page)/scheduled_maintenance",
        item: "\(page)/scheduled_maintenance/:\(ScheduledMaintenanceRoutes.maintenanceParameter)",
        list: maintenance.list, create: maintenance.create, show: maintenance.show, update: maintenance.update,
        delete: maintenance.delete)

    let subscribers = SubscriberRoutes()
    router.on(.get, "\(page)/subscribers", quick: api.cachedAnswer(.subscribers), api.authenticated(.subscribers, subscribers.list))
    router.on(.post, "\(page)/subscribers", api.authenticated(.subscribers, subscribers.create))
    router.on(.delete, "\(page)/subscribers/:\(SubscriberRoutes.subscriberParameter)", api.authenticated(.subscribers, subscribers.delete))

    // Never cached (no quick answer): the delivery log changes with every attempt.
    let webhooks = WebhookRoutes()
    let webhook = "/v1/webhooks/:\(WebhookRoutes.webhookParameter)"
    resources.register(
        .webhooks, collection: "/v1/webhooks", item: webhook, cached: false, list: webhooks.list,
        create: webhooks.create, show: webhooks.show, update: webhooks.update, delete: webhooks.delete)
    router.on(.get, "\(webhook)/deliveries", api.authenticated(.webhooks, webhooks.deliveries))

    // Never cached: `lastUsedAt` moves with every use. verify and permissions need no grant.
    let tokens = TokenRoutes()
    let token = "/v1/tokens/:\(TokenRoutes.tokenParameter)"
    let verify = TokenVerifyRoutes(authenticator: api.authenticator)
    router.on(.get, "/v1/tokens/verify", api.unauthenticated(verify.verify))
    router.on(.get, "/v1/tokens/permissions", api.unauthenticated(verify.permissions))
    router.on(.get, "/v1/tokens", api.authenticated(.apiTokens, tokens.list))
    router.on(.post, "/v1/tokens", api.authenticated(.apiTokens, tokens.create))
    router.on(.get, token, api.authenticated(.apiTokens, tokens.show))
    router.on(.delete, token, api.authenticated(.apiTokens, tokens.delete))

    // Never cached: no change counter moves with the log.
    router.on(.get, "/v1/audit_logs", api.authenticated(.auditLogs, AuditLogRoutes().list))
}

/// The routes every OnlineOrNot resource has, registered alike: list and create on its collection;
/// show, update (PATCH, and POST as the seed documents do) and delete on an item. GETs are answered
/// from the response cache while what they show is unchanged, unless `cached` is false.
private struct OnlineOrNotResources {
    let router: HTTPRouter
    let api: APIRoutes

    func register(
        _ scope: GrantScope, collection: String, item: String, cached: Bool = true, list: @escaping APIHandler,
        create: @escaping APIHandler, show: @escaping APIHandler, update: @escaping APIHandler,
        delete: @escaping APIHandler
    ) {
        let quick = cached ? api.cachedAnswer(scope) : nil
        router.on(.get, collection, quick: quick, api.authenticated(scope, list))
        router.on(.post, collection, api.authenticated(scope, create))
        router.on(.get, item, quick: quick, api.authenticated(scope, show))
        router.on(.patch, item, api.authenticated(scope, update))
        router.on(.post, item, api.authenticated(scope, update))
        router.on(.delete, item, api.authenticated(scope, delete))
    }
}
