import StatusdAPI
import StatusdCore

/// One timeline entry in the 2026 spec's `IncidentUpdate` shape.
struct IncidentUpdateJSON {
    let update: IncidentUpdate

    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.field("id", update.id)
        json.field("incident_id", update.incidentId)
        json.field("status", OnlineOrNotVocabulary.name(update))
        json.field("description", update.message)
        // The store keeps the timeline time as createdAt and the write time apart when they differ.
        json.field("date_happened", milliseconds: update.createdAt)
        json.field("created_at", milliseconds: update.recordedAt ?? update.createdAt)
        json.field("updated_at", milliseconds: update.updatedAt)
        json.endObject()
    }
}
