import StatusdAPI
import StatusdCore

/// An incident in UptimeIO's shape, fields in the seed's order: `id, status_page_id, title, message,
/// severity, status, affected_monitor_ids, created_at, updated_at, resolved_at, updates_count`.
enum IncidentJSON {
    static func write(_ incident: Incident, to json: inout JSONWriter) {
        json.beginObject()
        writeFields(incident, to: &json)
        json.endObject()
    }

    /// The single-incident view: the list fields, then `affected_monitors` and the whole timeline.
    static func writeDetailed(
        _ incident: Incident, components: [Component], updates: [IncidentUpdate], to json: inout JSONWriter
    ) {
        let byId = Dictionary(components.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        json.beginObject()
        writeFields(incident, to: &json)
        json.key("affected_monitors")
        json.beginArray()
        for affected in incident.components {
            if let component = byId[affected.componentId] { MonitorJSON.write(component, to: &json) }
        }
        json.endArray()
        json.key("updates")
        json.beginArray()
        for update in updates { UpdateJSON.write(update, to: &json) }
        json.endArray()
        json.endObject()
    }

    private static func writeFields(_ incident: Incident, to json: inout JSONWriter) {
        json.field("id", incident.id)
        json.field("status_page_id", incident.statusPageId)
        json.field("title", incident.title)
        json.field("message", incident.description)
        json.field("severity", incident.severity.uptimeIOName)
        json.field("status", incident.status.uptimeIOName)
        json.field("affected_monitor_ids", strings: incident.components.map(\.componentId))
        json.field("created_at", seconds: incident.createdAt)
        json.field("updated_at", seconds: incident.updatedAt)
        json.field("resolved_at", seconds: incident.endedAt)
        json.field("updates_count", incident.updatesCount)
    }
}

/// A component as an `affected_monitors` entry: `{id, name, type, status}`.
enum MonitorJSON {
    /// statusd's monitors are status-page components, not probes, so `type` is always this constant.
    static let componentType = "component"

    static func write(_ component: Component, to json: inout JSONWriter) {
        json.beginObject()
        json.field("id", component.id)
        json.field("name", component.name)
        json.field("type", componentType)
        json.field("status", component.status.uptimeIOName)
        json.endObject()
    }
}

/// A timeline entry: `{id, incident_id, message, status, created_at, created_by}`.
enum UpdateJSON {
    static func write(_ update: IncidentUpdate, to json: inout JSONWriter) {
        json.beginObject()
        json.field("id", update.id)
        json.field("incident_id", update.incidentId)
        json.field("message", update.message)
        json.field("status", update.status.uptimeIOName)
        json.field("created_at", seconds: update.createdAt)
        json.field("created_by", update.createdBy)
        json.endObject()
    }
}

/// The seed's `pagination` object. A page past the end has no items but keeps the real totals.
enum PaginationJSON {
    static func write(_ paging: Paging, total: Int, to json: inout JSONWriter) {
        let totalPages = paging.pageCount(total: total)
        json.beginObject()
        json.field("page", paging.page)
        json.field("pageSize", paging.pageSize)
        json.field("total", total)
        json.field("totalPages", totalPages)
        json.field("hasNext", paging.page < totalPages)
        json.field("hasPrevious", paging.page > 1)
        json.endObject()
    }
}
