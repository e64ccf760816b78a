import StatusdAPI
import StatusdCore

/// An incident as OnlineOrNot shows it: the seed's fields in the seed's order (`id, title, impact,
/// started, ended, created_at, updated_at`), then the 2026 spec's additions (`description`, `status`,
/// `latest_update`, `components`, and on the detail view `updates`).
struct IncidentJSON {
    let incident: Incident
    /// Component id → name, for the `components` list (the 2026 detail shape names them).
    let componentNames: [String: String]
    /// The timeline, newest first, on the detail view only (2026 `StatusPageIncidentDetail.updates`).
    var updates: [IncidentUpdate]? = nil

    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.field("id", incident.id)
        json.field("title", incident.title)
        json.field("impact", incident.impact?.rawValue)
        json.field("started", milliseconds: incident.startedAt)
        json.field("ended", milliseconds: incident.endedAt)
        json.field("created_at", milliseconds: incident.createdAt)
        json.field("updated_at", milliseconds: incident.updatedAt)
        json.field("description", incident.description)
        json.field("status", OnlineOrNotVocabulary.name(incident.status))
        json.key("latest_update")
        if let latest = incident.latestUpdate {
            json.beginObject()
            json.field("id", latest.id)
            json.field("status", OnlineOrNotVocabulary.name(latest))
            json.field("date_happened", milliseconds: latest.createdAt)
            json.endObject()
        } else {
            json.null()
        }
        writeComponents(to: &json)
        if let updates {
            json.key("updates")
            json.beginArray()
            for update in updates { IncidentUpdateJSON(update: update).write(to: &json) }
            json.endArray()
        }
        json.endObject()
    }

    /// `[{id, name, status}]`: `status` is the impact this incident has on the component.
    private func writeComponents(to json: inout JSONWriter) {
        json.key("components")
        json.beginArray()
        for affected in incident.components {
            json.beginObject()
            json.field("id", affected.componentId)
            json.field("name", componentNames[affected.componentId])
            json.field("status", (affected.impact ?? incident.impact)?.rawValue)
            json.endObject()
        }
        json.endArray()
    }
}
