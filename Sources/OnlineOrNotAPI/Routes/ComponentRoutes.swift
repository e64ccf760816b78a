import StatusdAPI
import StatusdCore
import StatusdHTTP
import StatusdStore

/// `/v1/status_pages/{status_page_id}/components[/{status_page_component_id}]`.
struct ComponentRoutes {
    static let componentParameter = "status_page_component_id"

    /// In display order (ungrouped first, then by group), filtered by `search` over name and description.
    func list(_ request: HTTPServerRequest, _ context: APIContext) throws -> HTTPServerResponse {
        let page = try context.statusPage(request.pathParameter(IncidentRoutes.pageParameter), for: .read)
        let parameters = try ListParameters(request)
        let components = try context.store.components(statusPageId: page.id)
            .filter { parameters.matches($0.name, $0.description) }
        return .onlineOrNotList(parameters.slice(components), paging: parameters.paging, total: components.count) {
            ComponentJSON(component: $1).write(to: &$0)
        }
    }

    func show(_ request: HTTPServerRequest, _ context: APIContext) throws -> HTTPServerResponse {
        let page = try context.statusPage(request.pathParameter(IncidentRoutes.pageParameter), for: .read)
        let id = try request.pathParameter(Self.componentParameter)
        guard let component = try context.store.component(id, statusPageId: page.id) else {
            throw APIError.notFound("Component not found")
        }
        return .onlineOrNot { ComponentJSON(component: component).write(to: &$0) }
    }

    /// 201 with the new component; its status is derived unless the body overrides it.
    func create(_ request: HTTPServerRequest, _ context: APIContext) throws -> HTTPServerResponse {
        let page = try context.statusPage(request.pathParameter(IncidentRoutes.pageParameter), for: .write)
        let input = try ComponentInput.forCreate(request)
        let changes = input.changes
        let component = try context.store.createComponent(
            id: nil, statusPageId: page.id, name: changes.name ?? "", description: changes.description ?? nil,
            statusOverride: changes.statusOverride ?? nil, displayUptime: changes.displayUptime ?? true,
            displayMetrics: changes.displayMetrics ?? true, groupId: changes.groupId ?? nil
        )
        return .onlineOrNot(.created) { ComponentJSON(component: component).write(to: &$0) }
    }

    /// PATCH (2026 spec) and POST: applies the fields present.
    func update(_ request: HTTPServerRequest, _ context: APIContext) throws -> HTTPServerResponse {
        let page = try context.statusPage(request.pathParameter(IncidentRoutes.pageParameter), for: .write)
        let id = try request.pathParameter(Self.componentParameter)
        let input = try ComponentInput.forUpdate(request)
        guard let component = try context.store.updateComponent(id, statusPageId: page.id, input.changes) else {
            throw APIError.notFound("Component not found")
        }
        return .onlineOrNot { ComponentJSON(component: component).write(to: &$0) }
    }

    func delete(_ request: HTTPServerRequest, _ context: APIContext) throws -> HTTPServerResponse {
        let page = try context.statusPage(request.pathParameter(IncidentRoutes.pageParameter), for: .write)
        let id = try request.pathParameter(Self.componentParameter)
        guard try context.store.deleteComponent(id, statusPageId: page.id) else {
            throw APIError.notFound("Component not found")
        }
        return .onlineOrNotDeleted(id)
    }
}
