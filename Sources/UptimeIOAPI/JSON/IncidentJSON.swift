import StatusdAPI
import StatusdCore

/// An incident in UptimeIO's shape, fields in the seed's order: `id, status_page_id, title, message,
/// severity, status, affected_monitor_ids, created_at, updated_at, resolved_at, updates_count`.
enum IncidentJSON {
    static func fields(_ incident: Incident) -> [(key: String, value: JSONValue)] {
        [
            ("id", .string(incident.id)),
            ("status_page_id", .string(incident.statusPageId)),
            ("title", .string(incident.title)),
            ("message", .string(incident.description)),
            ("severity", .string(incident.severity.uptimeIOName)),
            ("status", .string(incident.status.uptimeIOName)),
            ("affected_monitor_ids", .array(incident.components.map { .string($0.componentId) })),
            ("created_at", .string(incident.createdAt.iso8601Seconds)),
            ("updated_at", .string(incident.updatedAt.iso8601Seconds)),
            ("resolved_at", .optionalString(incident.endedAt?.iso8601Seconds)),
            ("updates_count", .integer(incident.updatesCount)),
        ]
    }

    static func value(_ incident: Incident) -> JSONValue { .object(fields(incident)) }

    /// The single-incident view: the list fields, then `affected_monitors` and the whole timeline.
    static func detailed(
        _ incident: Incident, components: [Component], updates: [IncidentUpdate]
    ) -> JSONValue {
        let byId = Dictionary(components.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let monitors = incident.components.compactMap { byId[$0.componentId] }.map(MonitorJSON.value)
        return .object(fields(incident) + [
            ("affected_monitors", .array(monitors)),
            ("updates", .array(updates.map(UpdateJSON.value))),
        ])
    }
}

/// A component as UptimeIO's `affected_monitors` entry: `{id, name, type, status}`.
enum MonitorJSON {
    /// statusd's monitors are status-page components, not probes, so `type` is always this constant.
    static let componentType = "component"

    static func value(_ component: Component) -> JSONValue {
        .object([
            ("id", .string(component.id)),
            ("name", .string(component.name)),
            ("type", .string(componentType)),
            ("status", .string(component.status.uptimeIOName)),
        ])
    }
}

/// A timeline entry: `{id, incident_id, message, status, created_at, created_by}`.
enum UpdateJSON {
    static func value(_ update: IncidentUpdate) -> JSONValue {
        .object([
            ("id", .string(update.id)),
            ("incident_id", .string(update.incidentId)),
            ("message", .string(update.message)),
            ("status", .string(update.status.uptimeIOName)),
            ("created_at", .string(update.createdAt.iso8601Seconds)),
            ("created_by", .string(update.createdBy)),
        ])
    }
}

/// The seed's `pagination` object. A page past the end has no items but keeps the real totals.
enum PaginationJSON {
    static func value(page: Int, pageSize: Int, total: Int) -> JSONValue {
        let totalPages = total == 0 ? 0 : (total + pageSize - 1) / pageSize
        return .object([
            ("page", .integer(page)),
            ("pageSize", .integer(pageSize)),
            ("total", .integer(total)),
            ("totalPages", .integer(totalPages)),
            ("hasNext", .bool(page < totalPages)),
            ("hasPrevious", .bool(page > 1)),
        ])
    }
}
