import StatusdAPI
import StatusdCore
import StatusdHTTP
import StatusdStore

/// `/v1/webhooks[/{webhook_id}[/deliveries]]`: the 2026 spec's webhook CRUD and statusd's delivery
/// log. A webhook belongs to its credential's project: other projects' credentials never see it,
/// and it names only pages its credential reaches. Answers are never cached (the log changes with
/// every attempt, which no change counter tracks).
struct WebhookRoutes {
    static let webhookParameter = "webhook_id"

    func list(_ request: HTTPServerRequest, _ context: APIContext) throws -> HTTPServerResponse {
        try context.require(.read)
        context.dependencies?.forbidCaching()
        let parameters = try ListParameters(request)
        let result = try context.store.webhooks(
            visibleTo: context.credential.projectId, search: parameters.search, page: parameters.paging.page,
            perPage: parameters.paging.pageSize)
        let names = try pageNames(result.items, context)
        return .onlineOrNotList(result.items, paging: parameters.paging, total: result.total) {
            WebhookJSON(webhook: $1, pageNames: names).write(to: &$0)
        }
    }

    /// 201 with the webhook and, this once, its signing `secret`.
    func create(_ request: HTTPServerRequest, _ context: APIContext) throws -> HTTPServerResponse {
        try context.require(.write)
        let input = try WebhookInput.forCreate(request)
        let pages = try reachablePages(input.statusPageIds ?? nil, context)
        let (webhook, secret) = try context.store.createWebhook(NewWebhook(
            url: input.url ?? "", description: input.description ?? nil, events: input.events ?? [],
            statusPageIds: pages, projectId: context.credential.projectId))
        let names = try pageNames([webhook], context)
        return .onlineOrNot(.created) { WebhookJSON(webhook: webhook, pageNames: names, secret: secret).write(to: &$0) }
    }

    func show(_ request: HTTPServerRequest, _ context: APIContext) throws -> HTTPServerResponse {
        try context.require(.read)
        context.dependencies?.forbidCaching()
        return try respond(existing(request, context), context)
    }

    /// PATCH (2026) and POST: changes the fields sent; the secret stays.
    func update(_ request: HTTPServerRequest, _ context: APIContext) throws -> HTTPServerResponse {
        try context.require(.write)
        let input = try WebhookInput.forUpdate(request)
        let current = try existing(request, context)
        // A project's webhook follows only that project's pages, whoever edits it.
        let pages = try input.statusPageIds.map { try reachablePages($0, context, of: current.projectId) }
        let changes = WebhookChanges(
            url: input.url, description: input.description, events: input.events, statusPageIds: pages)
        guard let updated = try context.store.updateWebhook(current.id, visibleTo: context.credential.projectId, changes)
        else { throw APIError.notFound("Webhook not found") }
        return try respond(updated, context)
    }

    func delete(_ request: HTTPServerRequest, _ context: APIContext) throws -> HTTPServerResponse {
        try context.require(.write)
        let current = try existing(request, context)
        guard try context.store.deleteWebhook(current.id, visibleTo: context.credential.projectId) else {
            throw APIError.notFound("Webhook not found")
        }
        return .onlineOrNotDeleted(current.id)
    }

    /// The delivery log, newest first, paged like every list.
    func deliveries(_ request: HTTPServerRequest, _ context: APIContext) throws -> HTTPServerResponse {
        try context.require(.read)
        context.dependencies?.forbidCaching()
        let parameters = try ListParameters(request)
        let webhook = try existing(request, context)
        guard let result = try context.store.webhookDeliveries(
            webhookId: webhook.id, visibleTo: context.credential.projectId, page: parameters.paging.page,
            perPage: parameters.paging.pageSize)
        else { throw APIError.notFound("Webhook not found") }
        return .onlineOrNotList(result.items, paging: parameters.paging, total: result.total) {
            WebhookDeliveryJSON(delivery: $1).write(to: &$0)
        }
    }

    // MARK: Helpers

    private func existing(_ request: HTTPServerRequest, _ context: APIContext) throws -> Webhook {
        let id = try request.pathParameter(Self.webhookParameter)
        guard let webhook = try IdSpelling.find(id, {
            try context.store.webhook($0, visibleTo: context.credential.projectId)
        }) else { throw APIError.notFound("Webhook not found") }
        return webhook
    }

    /// The pages' stored ids, each a live page the credential reaches (and, with `projectId`, of that
    /// project), else a 400 naming those that are not (never telling another project's page from
    /// one that does not exist); nil: all.
    private func reachablePages(_ ids: [String]?, _ context: APIContext, of projectId: String? = nil) throws -> [String]? {
        guard let ids else { return nil }
        var found: [String] = []
        var unknown: [String] = []
        for id in ids {
            if let page = try IdSpelling.find(id, { try context.store.statusPage($0) }),
               context.credential.reaches(project: page.projectId), projectId.map({ $0 == page.projectId }) ?? true {
                found.append(page.id)
            } else {
                unknown.append("'\(id)'")
            }
        }
        guard unknown.isEmpty else {
            throw APIError.validation(message: "Invalid request body", issues: [FieldIssue(
                field: WebhookInput.pagesKey,
                message: "status_page_ids: no status page \(unknown.joined(separator: ", ")) for this credential")])
        }
        return found
    }

    private func respond(_ webhook: Webhook, _ context: APIContext) throws -> HTTPServerResponse {
        let names = try pageNames([webhook], context)
        return .onlineOrNot { WebhookJSON(webhook: webhook, pageNames: names).write(to: &$0) }
    }

    private func pageNames(_ webhooks: [Webhook], _ context: APIContext) throws -> [String: String] {
        var names: [String: String] = [:]
        for id in Set(webhooks.flatMap { $0.statusPageIds ?? [] }) {
            names[id] = try context.store.statusPage(id)?.name
        }
        return names
    }
}
