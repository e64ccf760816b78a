import StatusdAPI
import StatusdCore
import StatusdHTTP
import StatusdStore

/// The seed's five endpoints under `/v1/status_pages/{status_page_id}/incidents`.
struct IncidentRoutes {
    static let pageParameter = "status_page_id"
    static let incidentParameter = "status_page_incident_id"

    func list(_ request: HTTPServerRequest, _ context: APIContext) throws -> HTTPServerResponse {
        let page = try context.statusPage(request.pathParameter(Self.pageParameter), for: .read)
        let parameters = try ListParameters(request)
        let query = IncidentQuery(
            statusPageId: page.id, search: parameters.search, sortBy: .createdAt, sortOrder: .descending,
            page: parameters.paging.page, perPage: parameters.paging.pageSize
        )
        let result = try context.store.incidents(query)
        let names = try componentNames(page, context)
        return .onlineOrNotList(result.items, paging: parameters.paging, total: result.total) { json, incident in
            IncidentJSON(incident: incident, componentNames: names).write(to: &json)
        }
    }

    func show(_ request: HTTPServerRequest, _ context: APIContext) throws -> HTTPServerResponse {
        let page = try context.statusPage(request.pathParameter(Self.pageParameter), for: .read)
        let incident = try existing(request, page, context)
        let timeline = try context.store.timeline(ofIncident: incident.id, limit: Self.detailTimelineLimit)
        return try respond(incident, page, context, updates: timeline)
    }

    /// The detail view (2026 `StatusPageIncidentDetail`) embeds the newest timeline entries; the full,
    /// paginated timeline is at `/updates`.
    static let detailTimelineLimit = 100

    /// Answers 200 with the new incident, as the seed documents.
    func create(_ request: HTTPServerRequest, _ context: APIContext) throws -> HTTPServerResponse {
        let page = try context.statusPage(request.pathParameter(Self.pageParameter), for: .write)
        let input = try IncidentInput.forCreate(request)
        let incident = try context.store.createIncident(
            input.newIncident(createdBy: context.credential.name), statusPageId: page.id
        )
        return try respond(incident, page, context)
    }

    /// POST (seed) and PATCH (2026): applies title, description, status, impact and components.
    /// `status: "UPDATE"` records a timeline entry and keeps the status.
    func update(_ request: HTTPServerRequest, _ context: APIContext) throws -> HTTPServerResponse {
        let page = try context.statusPage(request.pathParameter(Self.pageParameter), for: .write)
        let input = try IncidentInput.forUpdate(request)
        let current = try existing(request, page, context)
        var changes = input.changes(changedBy: context.credential.name)
        let descriptionRecorded = input.description.map { $0 != current.description } ?? false
        if input.status == .keep, !descriptionRecorded {
            // Recorded by the store in the same transaction as the other changes.
            changes.note = input.description ?? current.description
        }
        var incident = current
        if !changes.isEmpty {
            incident = try context.store.updateIncident(current.id, statusPageId: page.id, changes) ?? current
        }
        return try respond(incident, page, context)
    }

    func delete(_ request: HTTPServerRequest, _ context: APIContext) throws -> HTTPServerResponse {
        let page = try context.statusPage(request.pathParameter(Self.pageParameter), for: .write)
        let id = try request.pathParameter(Self.incidentParameter)
        guard try context.store.deleteIncident(id, statusPageId: page.id) else {
            throw APIError.notFound("Incident not found")
        }
        return .onlineOrNotDeleted(id)
    }

    // MARK: Helpers

    private func existing(_ request: HTTPServerRequest, _ page: StatusPage, _ context: APIContext) throws -> Incident {
        let id = try request.pathParameter(Self.incidentParameter)
        guard let incident = try context.store.incident(id, statusPageId: page.id) else {
            throw APIError.notFound("Incident not found")
        }
        return incident
    }

    private func respond(
        _ incident: Incident, _ page: StatusPage, _ context: APIContext, updates: [IncidentUpdate]? = nil
    ) throws -> HTTPServerResponse {
        let names = try componentNames(page, context)
        return .onlineOrNot { json in
            IncidentJSON(incident: incident, componentNames: names, updates: updates).write(to: &json)
        }
    }

    private func componentNames(_ page: StatusPage, _ context: APIContext) throws -> [String: String] {
        try context.store.componentNames(statusPageId: page.id)
    }
}
