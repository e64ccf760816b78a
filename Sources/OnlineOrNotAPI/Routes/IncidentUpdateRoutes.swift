import StatusdAPI
import StatusdCore
import StatusdHTTP
import StatusdStore

/// An incident's timeline, as the 2026 spec has it: `.../incidents/{id}/updates[/{update_id}]`.
struct IncidentUpdateRoutes {
    static let updateParameter = "incident_update_id"

    /// Newest first, paged like every OnlineOrNot list; `search` matches the message.
    func list(_ request: HTTPServerRequest, _ context: APIContext) throws -> HTTPServerResponse {
        let (page, incidentId) = try target(request, context, .read)
        let parameters = try ListParameters(request)
        let shown: Page<IncidentUpdate>
        if parameters.search == nil {
            guard let result = try context.store.updates(
                incidentId: incidentId, statusPageId: page.id,
                page: parameters.paging.page, perPage: parameters.paging.pageSize, order: .descending
            ) else { throw APIError.notFound("Incident not found") }
            shown = result
        } else {
            let matching = try allUpdates(incidentId, page, context).filter { parameters.matches($0.message) }
            shown = Page(items: parameters.slice(matching), total: matching.count)
        }
        return .onlineOrNotList(shown.items, paging: parameters.paging, total: shown.total) { json, update in
            IncidentUpdateJSON(update: update).write(to: &json)
        }
    }

    /// The whole timeline, newest first (timelines are short; used only to search them).
    private func allUpdates(_ incidentId: String, _ page: StatusPage, _ context: APIContext) throws -> [IncidentUpdate] {
        var all: [IncidentUpdate] = []
        for number in 1... {
            guard let batch = try context.store.updates(
                incidentId: incidentId, statusPageId: page.id, page: number, perPage: Paging.maximumPageSize,
                order: .descending
            ) else { throw APIError.notFound("Incident not found") }
            all += batch.items
            if batch.items.count < Paging.maximumPageSize || all.count >= batch.total { return all }
        }
        return all
    }

    /// 201 with the new entry; a status other than `UPDATE` becomes the incident's status.
    /// `components_affected` is applied first, so unknown component ids leave no entry behind.
    func create(_ request: HTTPServerRequest, _ context: APIContext) throws -> HTTPServerResponse {
        let (page, incidentId) = try target(request, context, .write)
        let input = try IncidentUpdateInput.forCreate(request, now: context.store.clock.now())
        try applyComponents(input, incidentId: incidentId, page: page, context)
        let entry = NewIncidentUpdate(
            message: input.message ?? "", status: input.newStatus, createdBy: context.credential.name,
            happenedAt: input.happenedAt, notifySubscribers: input.notifySubscribers ?? true
        )
        guard let update = try context.store.addUpdate(entry, incidentId: incidentId, statusPageId: page.id) else {
            throw APIError.notFound("Incident not found")
        }
        return .onlineOrNot(.created) { IncidentUpdateJSON(update: update).write(to: &$0) }
    }

    func show(_ request: HTTPServerRequest, _ context: APIContext) throws -> HTTPServerResponse {
        let (page, incidentId) = try target(request, context, .read)
        let id = try request.pathParameter(Self.updateParameter)
        guard let update = try context.store.update(id, incidentId: incidentId, statusPageId: page.id) else {
            throw APIError.notFound("Incident update not found")
        }
        return .onlineOrNot { IncidentUpdateJSON(update: update).write(to: &$0) }
    }

    /// POST or PATCH: edits the message, status (`UPDATE` leaves it as it is) and/or `date_happened`.
    func edit(_ request: HTTPServerRequest, _ context: APIContext) throws -> HTTPServerResponse {
        let (page, incidentId) = try target(request, context, .write)
        let id = try request.pathParameter(Self.updateParameter)
        let input = try IncidentUpdateInput.forEdit(request, now: context.store.clock.now())
        guard let update = try context.store.editUpdate(
            id, incidentId: incidentId, statusPageId: page.id, message: input.message, status: input.newStatus,
            happenedAt: input.happenedAt
        ) else { throw APIError.notFound("Incident update not found") }
        return .onlineOrNot { IncidentUpdateJSON(update: update).write(to: &$0) }
    }

    func delete(_ request: HTTPServerRequest, _ context: APIContext) throws -> HTTPServerResponse {
        let (page, incidentId) = try target(request, context, .write)
        let id = try request.pathParameter(Self.updateParameter)
        guard try context.store.deleteUpdate(id, incidentId: incidentId, statusPageId: page.id) else {
            throw APIError.notFound("Incident update not found")
        }
        return .onlineOrNotDeleted(id)
    }

    private func applyComponents(
        _ input: IncidentUpdateInput, incidentId: String, page: StatusPage, _ context: APIContext
    ) throws {
        guard let current = try context.store.incident(incidentId, statusPageId: page.id),
              let merged = input.mergedComponents(into: current.components)
        else { return }
        let changes = IncidentChanges(components: merged, changedBy: context.credential.name)
        do {
            // The entry added next announces the change to webhooks (one event for the request).
            _ = try context.store.updateIncident(incidentId, statusPageId: page.id, changes, announcing: false)
        } catch StoreError.unknownComponents(let ids) {
            throw APIError.validation(message: "Invalid request body", issues: [FieldIssue(
                field: IncidentUpdateInput.componentsKey,
                message: "\(IncidentUpdateInput.componentsKey) names unknown component ids: \(ids.joined(separator: ", "))"
            )])
        }
    }

    /// The page (scoped, access-checked) and the incident id, 404 if the incident is not on the page.
    private func target(
        _ request: HTTPServerRequest, _ context: APIContext, _ access: Access
    ) throws -> (StatusPage, String) {
        let page = try context.statusPage(request.pathParameter(IncidentRoutes.pageParameter), for: access)
        let incidentId = try request.pathParameter(IncidentRoutes.incidentParameter)
        guard try context.store.incident(incidentId, statusPageId: page.id) != nil else {
            throw APIError.notFound("Incident not found")
        }
        return (page, incidentId)
    }
}
