import StatusdAPI
import StatusdCore
import StatusdHTTP
import StatusdStore

/// UptimeIO status pages at `/api/projects/{projectId}/status-pages/{statusPageId}`: read, update
/// (PATCH changes what is sent, PUT replaces) and soft delete. Writes need a credential that is not
/// read-only (UptimeIO's "Project Admin"); a deleted page is 404 everywhere, both shapes and the
/// public summary included.
struct StatusPageRoutes: Sendable {
    let store: Store

    /// `GET`: `{status_page}`.
    func show(_ request: HTTPServerRequest, _ context: APIContext) throws -> HTTPServerResponse {
        let page = try context.statusPage(of: request, for: .read)
        return answer(page)
    }

    /// `PATCH`: the fields sent, nothing else.
    func patch(_ request: HTTPServerRequest, _ context: APIContext) throws -> HTTPServerResponse {
        try update(request, context, replacing: false)
    }

    /// `PUT`: the whole resource; what is left out goes back to its default.
    func put(_ request: HTTPServerRequest, _ context: APIContext) throws -> HTTPServerResponse {
        try update(request, context, replacing: true)
    }

    /// `DELETE`: soft delete, answered with the documented message.
    func delete(_ request: HTTPServerRequest, _ context: APIContext) throws -> HTTPServerResponse {
        let page = try context.statusPage(of: request, for: .write)
        guard try store.softDeleteStatusPage(page.id) else { throw APIError.notFound("Status page not found") }
        return .uptimeIO(.ok) { json in
            json.field("message", "Status page deleted successfully")
        }
    }

    private func update(_ request: HTTPServerRequest, _ context: APIContext, replacing: Bool) throws -> HTTPServerResponse {
        let page = try context.statusPage(of: request, for: .write)
        let body = try StatusPageBody(request)
        let changes = try body.changes(for: page, replacing: replacing)
        guard changes != StatusPageChanges() else { return answer(page) }
        guard let updated = try store.updateStatusPage(page.id, changes) else {
            throw APIError.notFound("Status page not found")
        }
        return answer(updated)
    }

    private func answer(_ page: StatusPage) -> HTTPServerResponse {
        .uptimeIO(.ok) { json in
            json.key("status_page")
            StatusPageJSON.write(page, to: &json)
        }
    }
}
