import HTTPTypes
import StatusdAPI
import StatusdCore
import StatusdHTTP
import StatusdStore

/// `/v1/status_pages[/{status_page_id}]`: pages of the projects the credential reaches.
struct StatusPageRoutes {
    /// Oldest first (the store's order), filtered by `search` over name and subdomain.
    func list(_ request: HTTPServerRequest, _ context: APIContext) throws -> HTTPServerResponse {
        let parameters = try ListParameters(request)
        let pages = try context.store.statusPages(projectId: context.credential.projectId)
            .filter { parameters.matches($0.name, $0.subdomain, $0.description) }
        let shown = try parameters.slice(pages).map { try ($0, status(of: $0, context)) }
        return .onlineOrNotList(shown, paging: parameters.paging, total: pages.count) { json, item in
            StatusPageJSON(page: item.0, status: item.1).write(to: &json)
        }
    }

    func show(_ request: HTTPServerRequest, _ context: APIContext) throws -> HTTPServerResponse {
        let page = try context.statusPage(request.pathParameter(IncidentRoutes.pageParameter), for: .read)
        return try respond(page, context)
    }

    /// 201; the page belongs to the credential's project (the default project for an all-projects one).
    func create(_ request: HTTPServerRequest, _ context: APIContext) throws -> HTTPServerResponse {
        try context.require(.write)
        let input = try StatusPageInput.forCreate(request)
        let page = try context.store.createStatusPage(
            id: nil, projectId: context.homeProjectId, name: input.changes.name ?? "",
            subdomain: input.changes.subdomain, description: input.changes.description ?? nil, fields: input.changes
        )
        return try respond(page, context, .created)
    }

    /// POST (2026 spec) and PATCH (what real clients send): applies the fields present.
    func update(_ request: HTTPServerRequest, _ context: APIContext) throws -> HTTPServerResponse {
        let page = try context.statusPage(request.pathParameter(IncidentRoutes.pageParameter), for: .write)
        let input = try StatusPageInput.forUpdate(request)
        guard let updated = try context.store.updateStatusPage(page.id, input.changes) else { throw APIError.notFound("Status page not found") }
        return try respond(updated, context)
    }

    /// Deletes the page with its components, incidents and timelines.
    func delete(_ request: HTTPServerRequest, _ context: APIContext) throws -> HTTPServerResponse {
        let page = try context.statusPage(request.pathParameter(IncidentRoutes.pageParameter), for: .write)
        guard try context.store.deleteStatusPage(page.id) else { throw APIError.notFound("Status page not found") }
        return .onlineOrNotDeleted(page.id)
    }

    private func respond(
        _ page: StatusPage, _ context: APIContext, _ code: HTTPResponse.Status = .ok
    ) throws -> HTTPServerResponse {
        let status = try status(of: page, context)
        return .onlineOrNot(code) { StatusPageJSON(page: page, status: status).write(to: &$0) }
    }

    private func status(of page: StatusPage, _ context: APIContext) throws -> PageStatus {
        PageStatus(components: try context.store.components(statusPageId: page.id))
    }
}
