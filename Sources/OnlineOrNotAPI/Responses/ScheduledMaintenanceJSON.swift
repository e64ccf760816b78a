import StatusdAPI
import StatusdCore

/// A scheduled maintenance window in the 2026 spec's `StatusPageScheduledMaintenance` shape (the
/// incident fields `id, title, impact, started, ended, created_at, updated_at`, then `start_date`,
/// `duration_minutes`, `notifications` and `components [{id, name}]`), plus what the Terraform
/// provider's client reads (`status_page_id`, `description`, `components_affected`) and `status`,
/// its phase at `now`: `SCHEDULED`, `IN_PROGRESS` or `COMPLETED`.
struct ScheduledMaintenanceJSON {
    let maintenance: ScheduledMaintenance
    /// Component id → name, for `components`.
    let componentNames: [String: String]
    /// The store clock's now, which the phase (and `ended`) follow.
    let now: Timestamp

    func write(to json: inout JSONWriter) {
        let phase = maintenance.phase(at: now)
        json.beginObject()
        json.field("id", maintenance.id)
        json.field("status_page_id", maintenance.statusPageId)
        json.field("title", maintenance.title)
        json.field("description", maintenance.description)
        json.field("impact", Impact.maintenance.rawValue)
        json.field("status", OnlineOrNotVocabulary.name(phase))
        json.field("started", milliseconds: maintenance.startsAt)
        json.field("ended", milliseconds: phase == .completed ? maintenance.endsAt : nil)
        json.field("start_date", milliseconds: maintenance.startsAt)
        json.field("duration_minutes", maintenance.durationMinutes)
        json.key("notifications")
        json.beginObject()
        json.field("an_hour_before", maintenance.notifications.anHourBefore)
        json.field("at_start", maintenance.notifications.atStart)
        json.field("at_end", maintenance.notifications.atEnd)
        json.endObject()
        json.key("components")
        json.beginArray()
        for id in maintenance.componentIds {
            json.beginObject()
            json.field("id", id)
            json.field("name", componentNames[id] ?? id)
            json.endObject()
        }
        json.endArray()
        json.field("components_affected", strings: maintenance.componentIds)
        json.field("created_at", milliseconds: maintenance.createdAt)
        json.field("updated_at", milliseconds: maintenance.updatedAt)
        json.endObject()
    }
}
