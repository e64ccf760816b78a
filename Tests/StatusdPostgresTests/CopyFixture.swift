import Foundation
import StatusdCore
@testable import StatusdStore

/// A SQLite store with at least one row in every table, all written through the Store API: the demo
/// fixtures (projects, credentials, pages, groups, components, incidents with timelines, a window, a
/// subscriber), then what they lack (grants, a webhook and its deliveries, a started window's
/// events, an idempotency key, a server secret, audit entries) and some history (a deleted incident
/// and timeline entry, so counters and sequences are past what the rows show).
enum CopyFixture {
    static let pageId = "a1b2c3d4"

    static func fill(_ store: Store) throws {
        try store.loadDemoFixtures()
        store.writeEventPayloads(with: FixedPayloads())
        store.enqueueSubscriberMail(true)
        let credential = try store.createCredential(
            name: "grants", projectId: nil, readOnly: false, secret: nil,
            grants: CredentialGrants([Grant(.incidents, .edit), Grant(.auditLogs, .read)]),
            expiresAt: Timestamp(millisecondsSince1970: 4_102_444_800_000)).credential
        _ = try store.createWebhook(NewWebhook(
            url: "http://127.0.0.1:9/hook", description: "copy test", events: WebhookEvent.allCases,
            statusPageIds: [pageId], projectId: nil))
        let incident = try store.createIncident(newIncident("Copied"), statusPageId: pageId)
        for message in ["Found it", "Fixing"] {
            _ = try store.addUpdate(
                NewIncidentUpdate(message: message, status: .identified, createdBy: "tester"),
                incidentId: incident.id, statusPageId: pageId)
        }
        let gone = try store.createIncident(newIncident("Deleted"), statusPageId: pageId)
        _ = try store.deleteIncident(gone.id, statusPageId: pageId)
        let now = store.clock.now().millisecondsSince1970
        _ = try store.createScheduledMaintenance(
            NewScheduledMaintenance(
                title: "Started", description: "Under way", startsAt: Timestamp(millisecondsSince1970: now - 60_000),
                durationMinutes: 60, componentIds: ["property1"]),
            statusPageId: pageId)
        try store.enqueueMaintenanceEvents(horizonMilliseconds: 3_600_000)
        let fingerprint = try Store.idempotencyFingerprint(method: "POST", target: "/incidents", body: [1, 2])
        _ = try store.withIdempotencyKey("key-1", credentialId: credential.id, fingerprint: fingerprint) {
            _ = try store.createIncident(newIncident("Keyed"), statusPageId: pageId)
            return IdempotentAnswer(status: 201, headerFields: [("Content-Type", "application/json")], body: [0, 255])
        }
        _ = try store.serverSecret(named: "copy-test")
    }

    static func newIncident(_ title: String) -> NewIncident {
        NewIncident(title: title, description: "d", impact: .partialOutage, components: [], createdBy: "tester")
    }
}

/// Delivery bodies of a few fixed bytes (a NUL among them), so deliveries exist without an API shape.
struct FixedPayloads: EventPayloadWriting {
    func incidentPayload(
        event: WebhookEvent, at time: Timestamp, incident: Incident, updates: [IncidentUpdate],
        componentNames: [String: String]
    ) -> [UInt8] {
        Array("{\"incident\":\"\(incident.id)\"}".utf8) + [0]
    }

    func maintenancePayload(
        event: WebhookEvent, at time: Timestamp, maintenance: ScheduledMaintenance, componentNames: [String: String]
    ) -> [UInt8] {
        Array("{\"maintenance\":\"\(maintenance.id)\"}".utf8) + [0]
    }
}
