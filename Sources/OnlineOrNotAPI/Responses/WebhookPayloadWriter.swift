import StatusdAPI
import StatusdCore
import StatusdStore

/// The body of every webhook delivery: `{"event", "created_at", "status_page_id", "incident" |
/// "maintenance"}`, the incident (with its timeline, newest first, as the detail view shows it) or
/// the maintenance window in the same JSON as the OnlineOrNot API answers. Installed on the store
/// by the server, which renders each body in the transaction of the change (`EventPayloadWriting`).
public struct WebhookPayloadWriter: EventPayloadWriting {
    public init() {}

    public func incidentPayload(
        event: WebhookEvent, at time: Timestamp, incident: Incident, updates: [IncidentUpdate],
        componentNames: [String: String]
    ) -> [UInt8] {
        envelope(event, at: time, statusPageId: incident.statusPageId, key: "incident") { json in
            IncidentJSON(incident: incident, componentNames: componentNames, updates: updates).write(to: &json)
        }
    }

    public func maintenancePayload(
        event: WebhookEvent, at time: Timestamp, maintenance: ScheduledMaintenance, componentNames: [String: String]
    ) -> [UInt8] {
        envelope(event, at: time, statusPageId: maintenance.statusPageId, key: "maintenance") { json in
            ScheduledMaintenanceJSON(maintenance: maintenance, componentNames: componentNames, now: time).write(to: &json)
        }
    }

    private func envelope(
        _ event: WebhookEvent, at time: Timestamp, statusPageId: String, key: String,
        _ subject: (inout JSONWriter) -> Void
    ) -> [UInt8] {
        var json = JSONWriter(capacity: 2048)
        json.beginObject()
        json.field("event", event.rawValue)
        json.field("created_at", milliseconds: time)
        json.field("status_page_id", statusPageId)
        json.key(key)
        subject(&json)
        json.endObject()
        return json.bytes
    }
}
