import StatusdAPI
import StatusdCore
import StatusdHTTP
import StatusdStore

/// UptimeIO's timeline sub-resource, `.../incidents/{incidentId}/updates`.
struct IncidentUpdateRoutes: Sendable {
    let store: Store

    /// `POST /updates {message, status}`: 201 with the entry; the incident takes the new status.
    func create(_ request: HTTPServerRequest, _ context: APIContext) throws -> HTTPServerResponse {
        let page = try context.statusPage(of: request, for: .write)
        let body = try NewUpdateBody(request)
        let entry = NewIncidentUpdate(message: body.message, status: body.status, createdBy: context.credential.name)
        guard let update = try IdSpelling.find(request.parameters["incidentId"] ?? "", {
            try store.addUpdate(entry, incidentId: $0, statusPageId: page.id)
        }) else { throw APIError.notFound("Incident not found") }
        return .uptimeIO(.created) { json in
            json.key("update")
            UpdateJSON.write(update, to: &json)
        }
    }

    /// `GET /updates`: paginated (`page`, `limit`, `sort_order`), ordered by creation time then id.
    func list(_ request: HTTPServerRequest, _ context: APIContext) throws -> HTTPServerResponse {
        let page = try context.statusPage(of: request, for: .read)
        let query = try UpdateListQuery.parse(request)
        guard let result = try IdSpelling.find(request.parameters["incidentId"] ?? "", {
            try store.updates(
                incidentId: $0, statusPageId: page.id, page: query.paging.page, perPage: query.paging.pageSize,
                order: query.sortOrder)
        }) else { throw APIError.notFound("Incident not found") }
        return .uptimeIO(.ok) { json in
            json.key("updates")
            json.beginArray()
            for update in result.items { UpdateJSON.write(update, to: &json) }
            json.endArray()
            json.key("pagination")
            PaginationJSON.write(query.paging, total: result.total, to: &json)
        }
    }
}
