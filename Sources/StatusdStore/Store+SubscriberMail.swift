import Foundation
import GRDB
import StatusdCore

// Subscriber mail through the outbox (Migrations/0013, channel 'email'): one row per mail and
// subscriber, written in the transaction of the change that causes it, like the webhooks' rows.
// The payload is the mail's text as the event saw it: its subject on the first line, then the
// body. The sender adds the headers and the page and unsubscribe links when it sends.
extension Store {
    /// Turns enqueuing subscriber mail on (a server with an SMTP server configured) or off (the
    /// default: no mail row is written, so none waits for a sender that is never run).
    public func enqueueSubscriberMail(_ enabled: Bool) {
        mailEnabled.withLock { $0 = enabled }
    }

    /// The confirmation mail of a new subscriber, inside its create's transaction.
    func enqueueConfirmation(_ subscriber: Subscriber, _ db: SQLDatabase) throws {
        guard mailEnabled.withLock({ $0 }), hasOutboxTables, let page = try Self.mailPage(subscriber.statusPageId, db)
        else { return }
        let text = """
            Confirm your subscription to \(page.name) status updates
            You (or someone using your address) asked to be told by e-mail about incidents and
            maintenance on the \(page.name) status page. If you did not ask for this, ignore
            this mail: nothing more will be sent.

            Confirm by opening this link:
            """
        try insertMail("subscriber.confirmation", statusPageId: subscriber.statusPageId, text: text, to: [subscriber.id], db)
    }

    /// An incident event's mail for every confirmed subscriber of the page, unless the entry
    /// that caused it asked not to notify subscribers.
    func enqueueMail(_ event: WebhookEvent, incident: Incident, _ db: SQLDatabase) throws {
        guard mailEnabled.withLock({ $0 }), hasOutboxTables, incident.latestUpdate?.notifySubscribers != false,
              let page = try Self.mailPage(incident.statusPageId, db)
        else { return }
        let status = MailWording.status(incident.status)
        let message = incident.latestUpdate?.message ?? incident.description
        let text = """
            [\(page.name)] \(incident.title): \(status)
            \(incident.title)
            Status: \(status)

            \(message)

            Started: \(incident.startedAt.iso8601Seconds)
            """
        try insertMail(event.rawValue, statusPageId: incident.statusPageId, text: text,
                       to: try Self.confirmedSubscribers(incident.statusPageId, db), db)
    }

    /// A maintenance window's start or end mail, if the window asked for that notification.
    func enqueueMail(_ event: WebhookEvent, maintenance: ScheduledMaintenance, _ db: SQLDatabase) throws {
        let wanted = event == .maintenanceStarted ? maintenance.notifications.atStart : maintenance.notifications.atEnd
        guard wanted, mailEnabled.withLock({ $0 }), hasOutboxTables, let page = try Self.mailPage(maintenance.statusPageId, db)
        else { return }
        let what = event == .maintenanceStarted ? "Maintenance started" : "Maintenance ended"
        let text = """
            [\(page.name)] \(what): \(maintenance.title)
            \(what): \(maintenance.title)

            \(maintenance.description)

            Window: \(maintenance.startsAt.iso8601Seconds) to \(maintenance.endsAt.iso8601Seconds)
            """
        try insertMail(event.rawValue, statusPageId: maintenance.statusPageId, text: text,
                       to: try Self.confirmedSubscribers(maintenance.statusPageId, db), db)
    }

    // MARK: Helpers

    private func insertMail(_ event: String, statusPageId: String, text: String, to subscribers: [String], _ db: SQLDatabase) throws {
        guard !subscribers.isEmpty else { return }
        let now = now()
        for subscriber in subscribers {
            try db.cachedStatement(sql: """
                INSERT INTO deliveries(id, channel, subscriber_id, event, status_page_id, payload, next_attempt_at, created_at)
                VALUES (?, 'email', ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [
                    try claimId(nil, in: "deliveries", db), subscriber, event, statusPageId, Data(text.utf8), now, now])
        }
        let observers = outboxObservers
        db.afterNextTransaction(onCommit: { observers.notify() })
    }

    private static func mailPage(_ statusPageId: String, _ db: SQLDatabase) throws -> (name: String, subdomain: String)? {
        try db.cachedStatement(sql: "SELECT name, subdomain FROM status_pages WHERE id = ? AND deleted_at IS NULL")
            .decodeFirst([statusPageId]) { ($0[0], $0[1]) }
    }

    private static func confirmedSubscribers(_ statusPageId: String, _ db: SQLDatabase) throws -> [String] {
        try String.fetchAll(
            db.cachedStatement(sql: """
                SELECT id FROM subscribers WHERE status_page_id = ? AND confirmed_at IS NOT NULL ORDER BY created_at, id
                """),
            arguments: [statusPageId])
    }
}

/// The words mail uses for an incident's status.
enum MailWording {
    static func status(_ status: IncidentStatus) -> String {
        switch status {
        case .investigating: "Investigating"
        case .identified: "Identified"
        case .monitoring: "Monitoring"
        case .resolved: "Resolved"
        }
    }
}
