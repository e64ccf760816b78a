import Foundation
import GRDB
import StatusdCore

// Outgoing webhooks (Migrations/0013): who receives which events of which pages. A webhook belongs
// to the project of the credential that made it (nil: an all-projects credential's) and is seen
// only by credentials that reach that project; `visibleTo` below is that credential's project.
extension Store {
    /// A new webhook and its signing secret (`whsec_` and 32 bytes of OpenSSL randomness, base64url),
    /// returned this once and kept as is, for the sender to sign with. Every id of `statusPageIds`
    /// must be a live page (the caller checks the credential reaches it); throws
    /// `.missingParent("status page")`.
    public func createWebhook(_ new: NewWebhook) throws -> (webhook: Webhook, secret: String) {
        let secret = "whsec_" + (try Secrets.generate())
        let webhook = try write { db in
            if let projectId = new.projectId, !(try Self.exists("projects", id: projectId, db)) {
                throw StoreError.missingParent("project")
            }
            let now = Timestamp(column: now())
            let webhook = Webhook(
                id: try claimId(nil, in: "webhooks", db), projectId: new.projectId, url: new.url,
                description: new.description, events: new.events,
                statusPageIds: new.statusPageIds.map(Self.once), createdAt: now, updatedAt: now)
            try db.cachedStatement(sql: """
                INSERT INTO webhooks(id, project_id, url, description, events, all_pages, secret, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [
                    webhook.id, webhook.projectId, webhook.url, webhook.description, Self.eventsColumn(webhook.events),
                    webhook.statusPageIds == nil, secret, now.millisecondsSince1970, now.millisecondsSince1970])
            try Self.setPages(of: webhook.id, webhook.statusPageIds ?? [], db)
            return webhook
        }
        return (webhook, secret)
    }

    /// The webhooks a credential of `visibleTo` sees (nil: every one), oldest first, filtered by a
    /// case-insensitive substring of url or description; one slice and the total.
    public func webhooks(visibleTo projectId: String?, search: String?, page: Int, perPage: Int) throws -> Page<Webhook> {
        try read { db in
            var (condition, arguments) = Self.visibility(projectId)
            if let search, !search.isEmpty {
                let pattern = "%" + IncidentListSQL.escapeLike(search) + "%"
                condition += " AND (url LIKE ? ESCAPE '\\' OR description LIKE ? ESCAPE '\\')"
                arguments += [pattern, pattern]
            }
            let total = try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM webhooks WHERE \(condition)", arguments: arguments) ?? 0
            let offset = (page - 1).multipliedReportingOverflow(by: perPage)
            guard !offset.overflow, offset.partialValue < total else { return Page(items: [], total: total) }
            let rows = try Row.fetchAll(
                db, sql: "SELECT * FROM webhooks WHERE \(condition) ORDER BY created_at, id LIMIT ? OFFSET ?",
                arguments: arguments + [perPage, offset.partialValue])
            return Page(items: try rows.map { try Self.webhook(from: $0, db) }, total: total)
        }
    }

    public func webhook(_ id: String, visibleTo projectId: String?) throws -> Webhook? {
        try read { db in try Self.fetchWebhook(id, visibleTo: projectId, db) }
    }

    /// Applies `changes`; nil if the credential sees no such webhook. The secret never changes.
    public func updateWebhook(_ id: String, visibleTo projectId: String?, _ changes: WebhookChanges) throws -> Webhook? {
        try write { db in
            guard var webhook = try Self.fetchWebhook(id, visibleTo: projectId, db) else { return nil }
            webhook.url = changes.url ?? webhook.url
            webhook.events = changes.events ?? webhook.events
            if let description = changes.description { webhook.description = description }
            if let pages = changes.statusPageIds { webhook.statusPageIds = pages.map(Self.once) }
            webhook.updatedAt = Timestamp(column: now())
            try db.cachedStatement(sql: """
                UPDATE webhooks SET url = ?, description = ?, events = ?, all_pages = ?, updated_at = ? WHERE id = ?
                """).execute(arguments: [
                    webhook.url, webhook.description, Self.eventsColumn(webhook.events), webhook.statusPageIds == nil,
                    webhook.updatedAt.millisecondsSince1970, id])
            if changes.statusPageIds != nil {
                try db.cachedStatement(sql: "DELETE FROM webhook_pages WHERE webhook_id = ?").execute(arguments: [id])
                try Self.setPages(of: id, webhook.statusPageIds ?? [], db)
            }
            return webhook
        }
    }

    /// Removes the webhook and its delivery log (pending deliveries are not sent). false if not seen.
    public func deleteWebhook(_ id: String, visibleTo projectId: String?) throws -> Bool {
        try write { db in
            guard try Self.fetchWebhook(id, visibleTo: projectId, db) != nil else { return false }
            try db.cachedStatement(sql: "DELETE FROM webhooks WHERE id = ?").execute(arguments: [id])
            return db.changesCount > 0
        }
    }

    /// The webhook's deliveries, newest first, one slice and the total; nil if the credential sees
    /// no such webhook.
    public func webhookDeliveries(
        webhookId: String, visibleTo projectId: String?, page: Int, perPage: Int
    ) throws -> Page<WebhookDelivery>? {
        try read { db in
            guard try Self.fetchWebhook(webhookId, visibleTo: projectId, db) != nil else { return nil }
            let total = try Int.fetchOne(
                db.cachedStatement(sql: "SELECT COUNT(*) FROM deliveries WHERE webhook_id = ?"),
                arguments: [webhookId]) ?? 0
            let offset = (page - 1).multipliedReportingOverflow(by: perPage)
            guard !offset.overflow, offset.partialValue < total else { return Page(items: [], total: total) }
            let rows = try Row.fetchAll(
                db.cachedStatement(sql: """
                    SELECT * FROM deliveries INDEXED BY deliveries_by_webhook WHERE webhook_id = ?
                    ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?
                    """),
                arguments: [webhookId, perPage, offset.partialValue])
            return Page(items: rows.map(WebhookDelivery.init(row:)), total: total)
        }
    }

    // MARK: Helpers

    /// `project_id = ?` for a project's credential; every row for an all-projects one.
    static func visibility(_ projectId: String?) -> (String, StatementArguments) {
        guard let projectId else { return ("1", []) }
        return ("project_id = ?", [projectId])
    }

    static func fetchWebhook(_ id: String, visibleTo projectId: String?, _ db: Database) throws -> Webhook? {
        let (condition, arguments) = visibility(projectId)
        guard let row = try Row.fetchOne(
            db, sql: "SELECT * FROM webhooks WHERE id = ? AND \(condition)", arguments: [id] + arguments)
        else { return nil }
        return try webhook(from: row, db)
    }

    static func webhook(from row: Row, _ db: Database) throws -> Webhook {
        let id: String = row["id"]
        let allPages: Bool = row["all_pages"]
        let pages = allPages ? nil : try String.fetchAll(
            db.cachedStatement(sql: "SELECT status_page_id FROM webhook_pages WHERE webhook_id = ? ORDER BY position"),
            arguments: [id])
        return Webhook(
            id: id, projectId: row["project_id"], url: row["url"], description: row["description"], events: eventsFromColumn(row["events"]),
            statusPageIds: pages, createdAt: row.timestamp("created_at"), updatedAt: row.timestamp("updated_at"))
    }

    private static func setPages(of webhookId: String, _ pages: [String], _ db: Database) throws {
        for (position, page) in pages.enumerated() {
            guard try Bool.fetchOne(
                db.cachedStatement(sql: "SELECT EXISTS(SELECT 1 FROM status_pages WHERE id = ? AND deleted_at IS NULL)"),
                arguments: [page]) == true
            else { throw StoreError.missingParent("status page") }
            try db.cachedStatement(sql: "INSERT INTO webhook_pages(webhook_id, status_page_id, position) VALUES (?, ?, ?)")
                .execute(arguments: [webhookId, page, position])
        }
    }

    /// `["status_page.incident.started",…]`: event names are plain ASCII with dots, no escaping needed.
    static func eventsColumn(_ events: [WebhookEvent]) -> String {
        "[" + once(events.map(\.rawValue)).map { "\"\($0)\"" }.joined(separator: ",") + "]"
    }

    static func eventsFromColumn(_ text: String) -> [WebhookEvent] {
        let names = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String] ?? []
        return names.compactMap(WebhookEvent.init(rawValue:))
    }
}

extension WebhookDelivery {
    init(row: Row) {
        let state = DeliveryState(rawValue: row["state"]) ?? .pending
        self.init(
            id: row["id"], webhookId: row["webhook_id"], event: row["event"], statusPageId: row["status_page_id"],
            state: state, attempts: row["attempts"], lastStatusCode: row["last_status_code"],
            lastError: row["last_error"], nextAttemptAt: state == .pending ? row.timestamp("next_attempt_at") : nil,
            deliveredAt: row.optionalTimestamp("delivered_at"), failedAt: row.optionalTimestamp("failed_at"),
            createdAt: row.timestamp("created_at"))
    }
}
