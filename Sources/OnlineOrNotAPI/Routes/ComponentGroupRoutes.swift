import StatusdAPI
import StatusdCore
import StatusdHTTP
import StatusdStore

/// `/v1/status_pages/{status_page_id}/groups[/{group_id}]` (the 2026 spec's path) and
/// `.../component_groups[/{group_id}]` (the Terraform provider's): the same handlers on both.
struct ComponentGroupRoutes {
    static let groupParameter = "group_id"

    /// In the page's group order, filtered by `search` over name and description.
    func list(_ request: HTTPServerRequest, _ context: APIContext) throws -> HTTPServerResponse {
        let page = try context.statusPage(request.pathParameter(IncidentRoutes.pageParameter), for: .read)
        let parameters = try ListParameters(request)
        let groups = try context.store.componentGroups(statusPageId: page.id)
            .filter { parameters.matches($0.name, $0.description) }
        return .onlineOrNotList(parameters.slice(groups), paging: parameters.paging, total: groups.count) {
            ComponentGroupJSON(group: $1).write(to: &$0)
        }
    }

    func show(_ request: HTTPServerRequest, _ context: APIContext) throws -> HTTPServerResponse {
        let page = try context.statusPage(request.pathParameter(IncidentRoutes.pageParameter), for: .read)
        let id = try request.pathParameter(Self.groupParameter)
        guard let group = try context.store.componentGroup(id, statusPageId: page.id) else {
            throw APIError.notFound("Component group not found")
        }
        return .onlineOrNot { ComponentGroupJSON(group: group).write(to: &$0) }
    }

    /// 201 (the 2026 spec), the new group last in the page's order.
    func create(_ request: HTTPServerRequest, _ context: APIContext) throws -> HTTPServerResponse {
        let page = try context.statusPage(request.pathParameter(IncidentRoutes.pageParameter), for: .write)
        let input = try ComponentGroupInput.forCreate(request)
        let group = try context.store.createComponentGroup(
            id: nil, statusPageId: page.id, name: input.name ?? "", description: input.description ?? nil)
        return .onlineOrNot(.created) { ComponentGroupJSON(group: group).write(to: &$0) }
    }

    /// PATCH (the spec and the provider) and POST: applies the fields present.
    func update(_ request: HTTPServerRequest, _ context: APIContext) throws -> HTTPServerResponse {
        let page = try context.statusPage(request.pathParameter(IncidentRoutes.pageParameter), for: .write)
        let id = try request.pathParameter(Self.groupParameter)
        let input = try ComponentGroupInput.forUpdate(request)
        guard let group = try context.store.updateComponentGroup(
            id, statusPageId: page.id, name: input.name, description: input.description
        ) else { throw APIError.notFound("Component group not found") }
        return .onlineOrNot { ComponentGroupJSON(group: group).write(to: &$0) }
    }

    /// The group's components stay on the page, ungrouped.
    func delete(_ request: HTTPServerRequest, _ context: APIContext) throws -> HTTPServerResponse {
        let page = try context.statusPage(request.pathParameter(IncidentRoutes.pageParameter), for: .write)
        let id = try request.pathParameter(Self.groupParameter)
        guard try context.store.deleteComponentGroup(id, statusPageId: page.id) else {
            throw APIError.notFound("Component group not found")
        }
        return .onlineOrNotDeleted(id)
    }
}
