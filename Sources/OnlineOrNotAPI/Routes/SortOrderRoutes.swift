import StatusdAPI
import StatusdCore
import StatusdHTTP
import StatusdStore

/// The three `PUT .../sort-order` endpoints of the 2026 spec. Each orders one list (the page's
/// ungrouped components, its groups, one group's components) and never moves a component between
/// groups; the lists and the public summary show the order at the next request.
struct SortOrderRoutes {
    /// `PUT .../components/sort-order {component_ids}`: the ungrouped components.
    func components(_ request: HTTPServerRequest, _ context: APIContext) throws -> HTTPServerResponse {
        let page = try context.statusPage(request.pathParameter(IncidentRoutes.pageParameter), for: .write)
        let input = try SortOrderInput.read(request, field: "component_ids")
        _ = try context.store.orderComponents(statusPageId: page.id, groupId: nil, ids: input.ids)
        return Self.updated
    }

    /// `PUT .../groups/sort-order {group_ids}`.
    func groups(_ request: HTTPServerRequest, _ context: APIContext) throws -> HTTPServerResponse {
        let page = try context.statusPage(request.pathParameter(IncidentRoutes.pageParameter), for: .write)
        let input = try SortOrderInput.read(request, field: "group_ids")
        try context.store.orderComponentGroups(statusPageId: page.id, ids: input.ids)
        return Self.updated
    }

    /// `PUT .../groups/{group_id}/sort-order {component_ids}`: the group's components.
    func groupComponents(_ request: HTTPServerRequest, _ context: APIContext) throws -> HTTPServerResponse {
        let page = try context.statusPage(request.pathParameter(IncidentRoutes.pageParameter), for: .write)
        let groupId = try request.pathParameter(ComponentGroupRoutes.groupParameter)
        let input = try SortOrderInput.read(request, field: "component_ids")
        guard try context.store.orderComponents(statusPageId: page.id, groupId: groupId, ids: input.ids) else {
            throw APIError.notFound("Component group not found")
        }
        return Self.updated
    }

    /// `{"result":{"message":"Sort order updated successfully"},...}`, as the spec answers.
    private static var updated: HTTPServerResponse {
        .onlineOrNot { json in
            json.beginObject()
            json.field("message", "Sort order updated successfully")
            json.endObject()
        }
    }
}
