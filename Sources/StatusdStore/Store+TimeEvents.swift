import GRDB
import StatusdCore

// Time events: a maintenance window starting or ending is not a write, so a sender pass finds the
// windows whose start or end has passed and enqueues their event once, recording it in
// time_events_enqueued in the same transaction (Migrations/0013): whichever process or restart
// sees a window first enqueues it, and the others find it recorded.
extension Store {
    /// When the soonest pending webhook delivery is due (store-clock milliseconds), nil if none:
    /// a read, so an idle sender never takes the writer.
    public func nextWebhookDeliveryDue() throws -> Int64? {
        guard hasOutboxTables else { return nil }
        return try read { db in
            try Int64.fetchOne(
                db.cachedStatement(sql: """
                    SELECT MIN(next_attempt_at) FROM deliveries INDEXED BY deliveries_due
                    WHERE channel = 'webhook' AND state = 'pending'
                    """))
        }
    }

    /// Enqueues `maintenance.started` for windows open now that began less than `horizonMilliseconds`
    /// ago, and `maintenance.ended` for those that ended less than that ago, each window's event
    /// once. Returns how many events it recorded. Reads first, so a pass with nothing to do writes nothing.
    @discardableResult
    public func enqueueMaintenanceEvents(horizonMilliseconds: Int64) throws -> Int {
        guard hasOutboxTables, hasMaintenanceTables else { return 0 }
        let due = try read { db in try Self.dueTimeEvents(at: now(), horizon: horizonMilliseconds, db) }
        guard !due.isEmpty else { return 0 }
        return try write { db in
            let now = now()
            var recorded = 0
            for (event, id, pageId) in try Self.dueTimeEvents(at: now, horizon: horizonMilliseconds, db) {
                guard let window = try Self.fetchMaintenance(id, statusPageId: pageId, db) else { continue }
                try db.cachedStatement(sql: """
                    INSERT INTO time_events_enqueued(maintenance_id, event, starts_at, enqueued_at)
                    VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING
                    """).execute(arguments: [id, event.rawValue, window.startsAt.millisecondsSince1970, now])
                guard db.changesCount > 0 else { continue }
                try enqueue(event, maintenance: window, at: Timestamp(column: now), db)
                recorded += 1
            }
            return recorded
        }
    }

    /// (event, window id, page id) for every start or end inside the horizon not yet recorded, on live pages.
    private static func dueTimeEvents(
        at now: Int64, horizon: Int64, _ db: SQLDatabase
    ) throws -> [(WebhookEvent, String, String)] {
        try db.cachedStatement(sql: """
                SELECT ?3 AS event, m.id, m.status_page_id FROM scheduled_maintenance AS m
                JOIN status_pages AS s ON s.id = m.status_page_id AND s.deleted_at IS NULL
                WHERE m.start_at <= ?1 AND m.start_at > ?1 - ?2 AND m.end_at > ?1
                  AND NOT EXISTS (SELECT 1 FROM time_events_enqueued AS t
                                  WHERE t.maintenance_id = m.id AND t.event = ?3 AND t.starts_at = m.start_at)
                UNION ALL
                SELECT ?4 AS event, m.id, m.status_page_id FROM scheduled_maintenance AS m
                JOIN status_pages AS s ON s.id = m.status_page_id AND s.deleted_at IS NULL
                WHERE m.end_at <= ?1 AND m.end_at > ?1 - ?2
                  AND NOT EXISTS (SELECT 1 FROM time_events_enqueued AS t
                                  WHERE t.maintenance_id = m.id AND t.event = ?4 AND t.starts_at = m.start_at)
                """).decodeAll([now, horizon, WebhookEvent.maintenanceStarted.rawValue, WebhookEvent.maintenanceEnded.rawValue]) { row in
                (row[0] as String, row[1] as String, row[2] as String)
            }.compactMap { event, id, pageId in WebhookEvent(rawValue: event).map { ($0, id, pageId) } }
    }
}
