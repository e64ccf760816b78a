import HTTPTypes
import StatusdAPI
import StatusdCore
import StatusdHTTP
import StatusdStore

/// `/v1/status_pages/{status_page_id}/scheduled_maintenance[/{scheduled_maintenance_id}]`: the 2026
/// spec's create, retrieve, update (PATCH, and POST like every OnlineOrNot item) and delete, and the
/// list the Terraform provider's client calls.
struct ScheduledMaintenanceRoutes {
    static let maintenanceParameter = "scheduled_maintenance_id"

    /// Latest start first, paged and searchable like every OnlineOrNot list.
    func list(_ request: HTTPServerRequest, _ context: APIContext) throws -> HTTPServerResponse {
        let page = try context.statusPage(request.pathParameter(IncidentRoutes.pageParameter), for: .read)
        let parameters = try ListParameters(request)
        let result = try context.store.scheduledMaintenanceList(
            statusPageId: page.id, search: parameters.search, page: parameters.paging.page,
            perPage: parameters.paging.pageSize)
        let names = try context.store.componentNames(statusPageId: page.id)
        let now = context.store.clock.now()
        return .onlineOrNotList(result.items, paging: parameters.paging, total: result.total) { json, maintenance in
            ScheduledMaintenanceJSON(maintenance: maintenance, componentNames: names, now: now).write(to: &json)
        }
    }

    func show(_ request: HTTPServerRequest, _ context: APIContext) throws -> HTTPServerResponse {
        let page = try context.statusPage(request.pathParameter(IncidentRoutes.pageParameter), for: .read)
        let id = try request.pathParameter(Self.maintenanceParameter)
        guard let maintenance = try context.store.scheduledMaintenance(id, statusPageId: page.id) else {
            throw Self.notFound
        }
        return try respond(maintenance, page, context)
    }

    /// 201 (the 2026 spec) with the new window.
    func create(_ request: HTTPServerRequest, _ context: APIContext) throws -> HTTPServerResponse {
        let page = try context.statusPage(request.pathParameter(IncidentRoutes.pageParameter), for: .write)
        let input = try ScheduledMaintenanceInput.forCreate(request, now: context.store.clock.now())
        let maintenance = try namingComponents {
            try context.store.createScheduledMaintenance(input.newMaintenance(), statusPageId: page.id)
        }
        return try respond(maintenance, page, context, status: .created)
    }

    /// Applies the fields present, only before the window starts (400 after, as the spec says).
    func update(_ request: HTTPServerRequest, _ context: APIContext) throws -> HTTPServerResponse {
        let page = try context.statusPage(request.pathParameter(IncidentRoutes.pageParameter), for: .write)
        let id = try request.pathParameter(Self.maintenanceParameter)
        let input = try ScheduledMaintenanceInput.forUpdate(request, now: context.store.clock.now())
        guard let maintenance = try namingComponents({
            try context.store.updateScheduledMaintenance(id, statusPageId: page.id, input.changes)
        }) else { throw Self.notFound }
        return try respond(maintenance, page, context)
    }

    /// At any time: deleting an open window ends it now.
    func delete(_ request: HTTPServerRequest, _ context: APIContext) throws -> HTTPServerResponse {
        let page = try context.statusPage(request.pathParameter(IncidentRoutes.pageParameter), for: .write)
        let id = try request.pathParameter(Self.maintenanceParameter)
        guard try context.store.deleteScheduledMaintenance(id, statusPageId: page.id) else { throw Self.notFound }
        return .onlineOrNotDeleted(id)
    }

    // MARK: Helpers

    static let notFound = APIError.notFound("Scheduled maintenance not found")

    /// Unknown component ids are reported under the field that carried them here.
    private func namingComponents<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as StoreError {
            throw APIError(error, componentsField: ScheduledMaintenanceInput.componentsKey) ?? error
        }
    }

    private func respond(
        _ maintenance: ScheduledMaintenance, _ page: StatusPage, _ context: APIContext, status: HTTPResponse.Status = .ok
    ) throws -> HTTPServerResponse {
        let names = try context.store.componentNames(statusPageId: page.id)
        let now = context.store.clock.now()
        return .onlineOrNot(status) { json in
            ScheduledMaintenanceJSON(maintenance: maintenance, componentNames: names, now: now).write(to: &json)
        }
    }
}
