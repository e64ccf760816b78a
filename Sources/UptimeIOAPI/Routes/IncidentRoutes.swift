import StatusdAPI
import StatusdCore
import StatusdHTTP
import StatusdStore

/// UptimeIO incidents under `/api/projects/{projectId}/status-pages/{statusPageId}/incidents`.
struct IncidentRoutes: Sendable {
    let store: Store

    /// `GET /incidents`: filtered, sorted, paginated; a page past the end is an empty list.
    func list(_ request: HTTPServerRequest, _ context: APIContext) throws -> HTTPServerResponse {
        let page = try context.statusPage(of: request, for: .read)
        let query = try IncidentListQuery.parse(request, statusPageId: page.id)
        let result = try store.incidents(query)
        let paging = Paging(page: query.page, pageSize: query.perPage)
        return .uptimeIO(.ok, capacity: 256 + 640 * result.items.count) { json in
            json.key("incidents")
            json.beginArray()
            for incident in result.items { IncidentJSON.write(incident, to: &json) }
            json.endArray()
            json.key("pagination")
            PaginationJSON.write(paging, total: result.total, to: &json)
        }
    }

    /// `POST /incidents`: 201 with the new incident; its first timeline entry is recorded by the store.
    func create(_ request: HTTPServerRequest, _ context: APIContext) throws -> HTTPServerResponse {
        let page = try context.statusPage(of: request, for: .write)
        let body = try CreateIncidentBody(request)
        let incident = try store.createIncident(body.newIncident(createdBy: context.credential.name), statusPageId: page.id)
        return .uptimeIO(.created) { json in
            json.key("incident")
            IncidentJSON.write(incident, to: &json)
        }
    }

    /// `GET /incidents/{incidentId}`: with `affected_monitors` and the whole timeline, newest first.
    func show(_ request: HTTPServerRequest, _ context: APIContext) throws -> HTTPServerResponse {
        let page = try context.statusPage(of: request, for: .read)
        let incident = try context.incident(of: request, on: page)
        let components = try store.components(statusPageId: page.id)
        let updates = try allUpdates(of: incident)
        return .uptimeIO(.ok) { json in
            json.key("incident")
            IncidentJSON.writeDetailed(incident, components: components, updates: updates, to: &json)
        }
    }

    /// `PATCH /incidents/{incidentId}`: applies what changed; every change lands in the timeline.
    func patch(_ request: HTTPServerRequest, _ context: APIContext) throws -> HTTPServerResponse {
        let page = try context.statusPage(of: request, for: .write)
        let body = try PatchIncidentBody(request)
        let current = try context.incident(of: request, on: page)
        let edit = IncidentEdit(current: current, body: body, changedBy: context.credential.name)
        let updated = try apply(edit, to: current, on: page)
        return .uptimeIO(.ok) { json in
            json.key("incident")
            IncidentJSON.write(updated, to: &json)
        }
    }

    /// `DELETE /incidents/{incidentId}`: removes it with its timeline.
    func delete(_ request: HTTPServerRequest, _ context: APIContext) throws -> HTTPServerResponse {
        let page = try context.statusPage(of: request, for: .write)
        guard let id = try IdSpelling.find(request.parameters["incidentId"] ?? "", { id in
            try store.deleteIncident(id, statusPageId: page.id) ? id : nil
        }) else {
            throw APIError.notFound("Incident not found")
        }
        return .uptimeIO(.ok) { json in
            json.field("deleted", true)
            json.field("incident_id", id)
        }
    }

    /// `POST /incidents/{incidentId}/resolve {message?}`: resolved now, with a resolution entry;
    /// 409 when it is resolved already (a second resolve would only repeat the timeline).
    func resolve(_ request: HTTPServerRequest, _ context: APIContext) throws -> HTTPServerResponse {
        let page = try context.statusPage(of: request, for: .write)
        let body = try ResolveIncidentBody(request)
        let outcome = try IdSpelling.find(request.parameters["incidentId"] ?? "") { id -> ResolveOutcome? in
            let outcome = try store.resolveIncident(
                id, statusPageId: page.id, message: body.message, resolvedBy: context.credential.name)
            if case .notFound = outcome { return nil }
            return outcome
        }
        switch outcome ?? .notFound {
        case .notFound:
            throw APIError.notFound("Incident not found")
        case .alreadyResolved:
            throw APIError.conflict("Incident is already resolved")
        case .resolved(let incident, let resolution):
            return .uptimeIO(.ok) { json in
                json.key("incident")
                IncidentJSON.write(incident, to: &json)
                json.key("resolution_update")
                UpdateJSON.write(resolution, to: &json)
            }
        }
    }

    private func apply(_ edit: IncidentEdit, to current: Incident, on page: StatusPage) throws -> Incident {
        guard !edit.changes.isEmpty else { return current }
        // The store records status and message changes itself, and the note for the other fields,
        // all in one transaction.
        var changes = edit.changes
        changes.note = edit.historyNote
        guard let updated = try store.updateIncident(current.id, statusPageId: page.id, changes) else {
            throw APIError.notFound("Incident not found")
        }
        return updated
    }

    /// Every timeline entry, newest first (the incident was just read, in the same snapshot).
    private func allUpdates(of incident: Incident) throws -> [IncidentUpdate] {
        try store.timeline(ofIncident: incident.id, limit: nil)
    }
}
