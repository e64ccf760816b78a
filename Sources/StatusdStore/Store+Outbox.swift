import Foundation
import GRDB
import StatusdCore

// The outbox (Migrations/0013): a delivery row per event and matching webhook, written inside the
// transaction of the change that causes it, so a crash never keeps one without the other.
extension Store {
    /// Renders the bodies of deliveries enqueued from now on. Servers install the OnlineOrNot
    /// writer before serving; until one is, a write that has deliveries to enqueue fails.
    public func writeEventPayloads(with writer: any EventPayloadWriting) {
        payloadWriter.withLock { $0 = writer }
    }

    /// Calls `observer` after every commit that enqueued deliveries (by this process; other
    /// processes' writes are found by polling). Returns a token for `stopObservingOutbox`.
    public func onOutboxWrite(_ observer: @escaping @Sendable () -> Void) -> Int {
        outboxObservers.add(observer)
    }

    public func stopObservingOutbox(_ token: Int) {
        outboxObservers.remove(token)
    }

    /// Enqueues `event` about the incident for every webhook that wants it on the incident's page,
    /// and its mail for the page's confirmed subscribers, inside the caller's transaction. The body shows the incident as it is in this transaction.
    func enqueue(_ event: WebhookEvent, incidentId: String, statusPageId: String, _ db: SQLDatabase) throws {
        let targets = try webhookTargets(event, statusPageId: statusPageId, db)
        let mail = mailEnabled.withLock { $0 }
        guard !targets.isEmpty || mail,
              let incident = try Self.fetchIncident(incidentId, statusPageId: statusPageId, db) else { return }
        try enqueueMail(event, incident: incident, db)
        guard !targets.isEmpty else { return }
        let updates = try db.cachedStatement(sql: """
            SELECT \(IncidentUpdate.columns) FROM incident_updates WHERE incident_id = ?
            ORDER BY created_at DESC, seq DESC LIMIT 100
            """).decodeAll([incidentId], IncidentUpdate.init(row:))
        let now = Timestamp(column: now())
        let names = try Self.componentNames(statusPageId, db)
        let payload = try requirePayloadWriter().incidentPayload(
            event: event, at: now, incident: incident, updates: updates, componentNames: names)
        try insertDeliveries(event, statusPageId: statusPageId, payload: payload, to: targets, at: now, db)
    }

    /// Enqueues `event` about the maintenance window for every webhook that wants it, inside the caller's transaction.
    func enqueue(_ event: WebhookEvent, maintenance: ScheduledMaintenance, at now: Timestamp, _ db: SQLDatabase) throws {
        try enqueueMail(event, maintenance: maintenance, db)
        let targets = try webhookTargets(event, statusPageId: maintenance.statusPageId, db)
        guard !targets.isEmpty else { return }
        let names = try Self.componentNames(maintenance.statusPageId, db)
        let payload = try requirePayloadWriter().maintenancePayload(
            event: event, at: now, maintenance: maintenance, componentNames: names)
        try insertDeliveries(event, statusPageId: maintenance.statusPageId, payload: payload, to: targets, at: now, db)
    }

    /// The ids of the webhooks that want `event` on the page: of the page's project or of every
    /// project, following all their pages or naming this one.
    private func webhookTargets(_ event: WebhookEvent, statusPageId: String, _ db: SQLDatabase) throws -> [String] {
        guard hasOutboxTables else { return [] }
        return try String.fetchAll(
            db.cachedStatement(sql: """
                SELECT w.id FROM webhooks AS w, status_pages AS s
                WHERE s.id = ? AND s.deleted_at IS NULL
                  AND (w.project_id IS NULL OR w.project_id = s.project_id)
                  AND \(db.jsonArrayContains("w.events"))
                  AND (w.all_pages = 1 OR EXISTS (
                      SELECT 1 FROM webhook_pages AS p WHERE p.webhook_id = w.id AND p.status_page_id = s.id))
                ORDER BY w.created_at, w.id
                """),
            arguments: [statusPageId, event.rawValue])
    }

    private func insertDeliveries(
        _ event: WebhookEvent, statusPageId: String, payload: [UInt8], to webhooks: [String], at now: Timestamp,
        _ db: SQLDatabase
    ) throws {
        for webhook in webhooks {
            try db.cachedStatement(sql: """
                INSERT INTO deliveries(id, channel, webhook_id, event, status_page_id, payload, next_attempt_at, created_at)
                VALUES (?, 'webhook', ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [
                    try claimId(nil, in: "deliveries", db), webhook, event.rawValue, statusPageId, Data(payload),
                    now.millisecondsSince1970, now.millisecondsSince1970])
        }
        let observers = outboxObservers
        db.afterNextTransaction(onCommit: { observers.notify() })
    }

    private func requirePayloadWriter() throws -> any EventPayloadWriting {
        guard let writer = payloadWriter.withLock({ $0 }) else { throw MissingEventPayloadWriter() }
        return writer
    }
}
