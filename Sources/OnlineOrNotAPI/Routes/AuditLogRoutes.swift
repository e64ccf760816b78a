import StatusdAPI
import StatusdCore
import StatusdHTTP
import StatusdStore

/// `GET /v1/audit_logs`: who changed what and when, newest first, for a credential holding
/// AUDIT_LOGS:READ. A project's credential sees its project's entries only; an all-projects one
/// sees every entry. Never cached: no change counter moves with the log.
struct AuditLogRoutes {
    func list(_ request: HTTPServerRequest, _ context: APIContext) throws -> HTTPServerResponse {
        context.dependencies?.forbidCaching()
        var query = QueryReader(request)
        let paging = Paging.read(from: &query, sizeParameter: "per_page")
        let filter = AuditQuery(
            projectId: context.credential.projectId,
            resourceType: query.choice("resource_type", Self.resourceTypes),
            resourceId: query.string("resource_id"), statusPageId: query.string("status_page_id"),
            actorId: query.string("actor_id"), since: Self.time("since", &query), until: Self.time("until", &query),
            page: paging.page, perPage: paging.pageSize)
        try query.finish()
        let result = try context.store.auditEntries(filter)
        return .onlineOrNotList(result.items, paging: paging, total: result.total) {
            AuditEntryJSON(entry: $1).write(to: &$0)
        }
    }

    private static let resourceTypes = KeyValuePairs(
        dictionaryLiteral: ("project", AuditResourceType.project), ("status_page", .statusPage),
        ("component", .component), ("component_group", .componentGroup), ("incident", .incident),
        ("incident_update", .incidentUpdate), ("scheduled_maintenance", .scheduledMaintenance),
        ("subscriber", .subscriber), ("webhook", .webhook), ("api_token", .apiToken))

    /// An ISO 8601 date-time (`Z` or an offset), nil when absent; an issue when it is not one.
    private static func time(_ name: String, _ query: inout QueryReader) -> Timestamp? {
        guard let text = query.string(name) else { return nil }
        guard let time = Timestamp(iso8601WithOffset: text) else {
            query.issue(name, "\(FieldIssue.subject(name)) must be an ISO 8601 date-time, e.g. 2026-01-31T12:00:00Z")
            return nil
        }
        return time
    }
}

/// One audit log entry as `/v1/audit_logs` lists it (snake_case, as the OnlineOrNot shape writes).
struct AuditEntryJSON {
    let entry: AuditEntry

    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.field("id", Int(entry.id))
        json.field("created_at", milliseconds: entry.occurredAt)
        json.field("action", entry.action.rawValue)
        json.field("resource_type", entry.resourceType.rawValue)
        json.field("resource_id", entry.resourceId)
        json.field("status_page_id", entry.statusPageId)
        json.field("project_id", entry.projectId)
        json.field("fields", strings: entry.fields)
        json.key("actor")
        json.beginObject()
        json.field("type", entry.actor.kind.rawValue)
        json.field("id", entry.actor.id)
        json.field("name", entry.actor.name)
        json.endObject()
        json.field("request", entry.actor.request)
        json.endObject()
    }
}
