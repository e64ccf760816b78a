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
            try auditCreated(.webhook, webhook.id, also: webhook.statusPageIds == nil ? [] : ["status_page_ids"], db)
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
            let rows = try db.makeStatement(sql: """
                SELECT \(Self.webhookColumns) FROM webhooks WHERE \(condition) ORDER BY created_at, id LIMIT ? OFFSET ?
                """).decodeAll(arguments + [perPage, offset.partialValue], WebhookRow.init(row:))
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
            let before = try auditedRow(.webhook, id, db)
            let pagesBefore = webhook.statusPageIds
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
            try auditUpdated(.webhook, id, before: before, also: webhook.statusPageIds != pagesBefore ? ["status_page_ids"] : [], db)
            return webhook
        }
    }

    /// Removes the webhook and its delivery log (pending deliveries are not sent). false if not seen.
    public func deleteWebhook(_ id: String, visibleTo projectId: String?) throws -> Bool {
        try write { db in
            guard try Self.fetchWebhook(id, visibleTo: projectId, db) != nil else { return false }
            let before = try auditedRow(.webhook, id, db)
            try db.cachedStatement(sql: "DELETE FROM webhooks WHERE id = ?").execute(arguments: [id])
            guard db.changesCount > 0 else { return false }
            try auditDeleted(.webhook, id, before: before, db)
            return true
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
            let deliveries = try db.cachedStatement(sql: """
                SELECT \(WebhookDelivery.columns) FROM deliveries INDEXED BY deliveries_by_webhook WHERE webhook_id = ?
                ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?
                """).decodeAll([webhookId, perPage, offset.partialValue], WebhookDelivery.init(row:))
            return Page(items: deliveries, total: total)
        }
    }

    // MARK: Helpers

    /// `project_id = ?` for a project's credential; every row for an all-projects one.
    static func visibility(_ projectId: String?) -> (String, SQLArguments) {
        guard let projectId else { return ("TRUE", []) }
        return ("project_id = ?", [projectId])
    }

    static func fetchWebhook(_ id: String, visibleTo projectId: String?, _ db: SQLDatabase) throws -> Webhook? {
        let (condition, arguments) = visibility(projectId)
        guard let row = try db.makeStatement(sql: "SELECT \(webhookColumns) FROM webhooks WHERE id = ? AND \(condition)")
            .decodeFirst([id] + arguments, WebhookRow.init(row:))
        else { return nil }
        return try webhook(from: row, db)
    }

    static let webhookColumns = "id, project_id, url, description, events, all_pages, created_at, updated_at"

    /// A `webhooks` row as read, before its pages (another statement) are added.
    struct WebhookRow {
        let id: String, projectId: String?, url: String, description: String?, events: String, allPages: Bool
        let createdAt: Timestamp, updatedAt: Timestamp

        init(row: SQLRow) {
            (id, projectId, url, description, events, allPages) = (row[0], row[1], row[2], row[3], row[4], row[5])
            (createdAt, updatedAt) = (row.timestamp(6), row.timestamp(7))
        }
    }

    static func webhook(from row: WebhookRow, _ db: SQLDatabase) throws -> Webhook {
        let pages = row.allPages ? nil : try String.fetchAll(
            db.cachedStatement(sql: "SELECT status_page_id FROM webhook_pages WHERE webhook_id = ? ORDER BY position"),
            arguments: [row.id])
        return Webhook(
            id: row.id, projectId: row.projectId, url: row.url, description: row.description,
            events: eventsFromColumn(row.events), statusPageIds: pages, createdAt: row.createdAt, updatedAt: row.updatedAt)
    }

    private static func setPages(of webhookId: String, _ pages: [String], _ db: SQLDatabase) throws {
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
    static let columns = """
        id, webhook_id, event, status_page_id, state, attempts, last_status_code, last_error, next_attempt_at, \
        delivered_at, failed_at, created_at
        """

    init(row: SQLRow) {
        let state = DeliveryState(rawValue: row[4]) ?? .pending
        self.init(
            id: row[0], webhookId: row[1], event: row[2], statusPageId: row[3], state: state, attempts: row[5],
            lastStatusCode: row[6], lastError: row[7], nextAttemptAt: state == .pending ? row.timestamp(8) : nil,
            deliveredAt: row.optionalTimestamp(9), failedAt: row.optionalTimestamp(10), createdAt: row.timestamp(11))
    }
}
