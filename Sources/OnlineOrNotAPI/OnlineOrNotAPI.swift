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
    router.on(.get, "/v1/status_pages", quick: api.cachedAnswer(.statusPages), api.authenticated(.statusPages, pages.list))
    router.on(.post, "/v1/status_pages", api.authenticated(.statusPages, pages.create))
    router.on(.get, page, quick: api.cachedAnswer(.statusPages), api.authenticated(.statusPages, pages.show))
    router.on(.post, page, api.authenticated(.statusPages, pages.update))
    router.on(.patch, page, api.authenticated(.statusPages, pages.update))
    router.on(.delete, page, api.authenticated(.statusPages, pages.delete))

    let summary = SummaryRoutes(store: store)
    router.on(.get, "\(page)/summary", quick: api.cachedPublicAnswer, api.publicRead(summary.show))

    let components = ComponentRoutes()
    let component = "\(page)/components/:status_page_component_id"
    router.on(.get, "\(page)/components", quick: api.cachedAnswer(.statusPages), api.authenticated(.statusPages, components.list))
    router.on(.post, "\(page)/components", api.authenticated(.statusPages, components.create))
    router.on(.get, component, quick: api.cachedAnswer(.statusPages), api.authenticated(.statusPages, components.show))
    router.on(.patch, component, api.authenticated(.statusPages, components.update))
    router.on(.post, component, api.authenticated(.statusPages, components.update))
    router.on(.delete, component, api.authenticated(.statusPages, components.delete))

    let order = SortOrderRoutes()
    router.on(.put, "\(page)/components/sort-order", api.authenticated(.statusPages, order.components))

    // The 2026 spec's `/groups` and the Terraform provider's `/component_groups`: the same groups.
    let groups = ComponentGroupRoutes()
    for collection in ["\(page)/groups", "\(page)/component_groups"] {
        let group = "\(collection)/:group_id"
        router.on(.get, collection, quick: api.cachedAnswer(.statusPages), api.authenticated(.statusPages, groups.list))
        router.on(.post, collection, api.authenticated(.statusPages, groups.create))
        router.on(.get, group, quick: api.cachedAnswer(.statusPages), api.authenticated(.statusPages, groups.show))
        router.on(.patch, group, api.authenticated(.statusPages, groups.update))
        router.on(.post, group, api.authenticated(.statusPages, groups.update))
        router.on(.delete, group, api.authenticated(.statusPages, groups.delete))
        router.on(.put, "\(collection)/sort-order", api.authenticated(.statusPages, order.groups))
        router.on(.put, "\(group)/sort-order", api.authenticated(.statusPages, order.groupComponents))
    }

    let incidents = IncidentRoutes()
    let incident = "\(page)/incidents/:status_page_incident_id"
    router.on(.get, "\(page)/incidents", quick: api.cachedAnswer(.incidents), api.authenticated(.incidents, incidents.list))
    router.on(.post, "\(page)/incidents", api.authenticated(.incidents, incidents.create))
    router.on(.get, incident, quick: api.cachedAnswer(.incidents), api.authenticated(.incidents, incidents.show))
    router.on(.post, incident, api.authenticated(.incidents, incidents.update))
    router.on(.patch, incident, api.authenticated(.incidents, incidents.update))
    router.on(.delete, incident, api.authenticated(.incidents, incidents.delete))

    let maintenance = ScheduledMaintenanceRoutes()
    let window = "\(page)/scheduled_maintenance/:\(ScheduledMaintenanceRoutes.maintenanceParameter)"
    router.on(.get, "\(page)/scheduled_maintenance", quick: api.cachedAnswer(.maintenanceWindows), api.authenticated(.maintenanceWindows, maintenance.list))
    router.on(.post, "\(page)/scheduled_maintenance", api.authenticated(.maintenanceWindows, maintenance.create))
    router.on(.get, window, quick: api.cachedAnswer(.maintenanceWindows), api.authenticated(.maintenanceWindows, maintenance.show))
    router.on(.patch, window, api.authenticated(.maintenanceWindows, maintenance.update))
    router.on(.post, window, api.authenticated(.maintenanceWindows, maintenance.update))
    router.on(.delete, window, api.authenticated(.maintenanceWindows, maintenance.delete))

    let subscribers = SubscriberRoutes()
    router.on(.get, "\(page)/subscribers", quick: api.cachedAnswer(.subscribers), api.authenticated(.subscribers, subscribers.list))
    router.on(.post, "\(page)/subscribers", api.authenticated(.subscribers, subscribers.create))
    router.on(.delete, "\(page)/subscribers/:\(SubscriberRoutes.subscriberParameter)", api.authenticated(.subscribers, subscribers.delete))

    // Never cached (no quick answer): the delivery log changes with every attempt.
    let webhooks = WebhookRoutes()
    let webhook = "/v1/webhooks/:\(WebhookRoutes.webhookParameter)"
    router.on(.get, "/v1/webhooks", api.authenticated(.webhooks, webhooks.list))
    router.on(.post, "/v1/webhooks", api.authenticated(.webhooks, webhooks.create))
    router.on(.get, webhook, api.authenticated(.webhooks, webhooks.show))
    router.on(.patch, webhook, api.authenticated(.webhooks, webhooks.update))
    router.on(.post, webhook, api.authenticated(.webhooks, webhooks.update))
    router.on(.delete, webhook, api.authenticated(.webhooks, webhooks.delete))
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

    let updates = IncidentUpdateRoutes()
    let update = "\(incident)/updates/:incident_update_id"
    router.on(.get, "\(incident)/updates", quick: api.cachedAnswer(.incidents), api.authenticated(.incidents, updates.list))
    router.on(.post, "\(incident)/updates", api.authenticated(.incidents, updates.create))
    router.on(.get, update, quick: api.cachedAnswer(.incidents), api.authenticated(.incidents, updates.show))
    router.on(.patch, update, api.authenticated(.incidents, updates.edit))
    router.on(.post, update, api.authenticated(.incidents, updates.edit))
    router.on(.delete, update, api.authenticated(.incidents, updates.delete))
}
