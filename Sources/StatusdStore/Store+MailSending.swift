import Foundation
import GRDB
import StatusdCore

/// A subscriber mail a sender holds the lease of: what it needs to send it once.
public struct ClaimedMail: Sendable {
    public var id: String
    public var subscriberId: String
    public var emailAddress: String
    /// `subscriber.confirmation`, or the webhook event name of what happened.
    public var event: String
    public var pageName: String
    public var subdomain: String
    /// The subject on the first line, then the body (`Store+SubscriberMail`).
    public var text: String
    /// Attempts so far, this one included.
    public var attempts: Int
    public var createdAt: Timestamp
}

// The mail sender's side of the outbox: the same leases and outcomes as the webhooks'
// (`finishAttempt`), for the rows of channel 'email'.
extension Store {
    /// When the soonest pending mail is due (store-clock milliseconds), nil if none: a read.
    public func nextMailDue() throws -> Int64? {
        guard hasOutboxTables else { return nil }
        return try read { db in
            try Int64.fetchOne(
                db.cachedStatement(sql: """
                    SELECT MIN(next_attempt_at) FROM deliveries INDEXED BY deliveries_due
                    WHERE channel = 'email' AND state = 'pending'
                    """))
        }
    }

    /// Leases the mail due soonest to `owner`, as `claimDueWebhookDelivery` does for webhooks.
    public func claimDueMail(owner: String, leaseMilliseconds: Int64) throws -> ClaimedMail? {
        guard hasOutboxTables else { return nil }
        return try write { db -> ClaimedMail? in
            let now = now()
            guard let row = try db.cachedStatement(sql: """
                    UPDATE deliveries SET lease_owner = ?3, lease_until = ?2, next_attempt_at = ?2,
                        attempts = attempts + 1, first_attempt_at = COALESCE(first_attempt_at, ?1), last_attempt_at = ?1
                    WHERE id = (SELECT id FROM deliveries INDEXED BY deliveries_due
                                WHERE channel = 'email' AND state = 'pending' AND next_attempt_at <= ?1
                                ORDER BY next_attempt_at LIMIT 1)
                      -- Checked again on the row itself: on PostgreSQL another instance may have
                      -- claimed it between the subquery and the update, which then matches nothing.
                      AND state = 'pending' AND next_attempt_at <= ?1
                    RETURNING id, subscriber_id, status_page_id, event, payload, attempts, created_at
                    """).namedFirst([now, now + leaseMilliseconds, owner])
            else { return nil }
            guard let target = try db.cachedStatement(sql: """
                    SELECT b.email_address, s.name, s.subdomain FROM subscribers AS b
                    JOIN status_pages AS s ON s.id = b.status_page_id WHERE b.id = ?
                    """).decodeFirst([row["subscriber_id"] as String], { ($0[0] as String, $0[1] as String, $0[2] as String) })
            else { return nil }
            return ClaimedMail(
                id: row["id"], subscriberId: row["subscriber_id"], emailAddress: target.0, event: row["event"],
                pageName: target.1, subdomain: target.2, text: String(decoding: row["payload"] as Data, as: UTF8.self),
                attempts: row["attempts"], createdAt: Timestamp(millisecondsSince1970: row["created_at"]))
        }
    }

    /// Marks the subscriber confirmed (once: a second confirmation keeps the first time). The
    /// page is returned so the caller can say which; nil if the subscriber is gone.
    public func confirmSubscriber(_ id: String) throws -> Subscriber? {
        try write { db in
            let before = try auditedRow(.subscriber, id, db)
            try db.cachedStatement(sql: "UPDATE subscribers SET confirmed_at = COALESCE(confirmed_at, ?) WHERE id = ?")
                .execute(arguments: [now(), id])
            try auditUpdated(.subscriber, id, before: before, db)
            return try db.cachedStatement(sql: "SELECT \(Subscriber.columns) FROM subscribers WHERE id = ?")
                .decodeFirst([id], Subscriber.init(row:))
        }
    }

    /// The subscriber with this id, whatever its page (for links that carry only the id).
    public func subscriber(_ id: String) throws -> Subscriber? {
        try read { db in
            try db.cachedStatement(sql: "SELECT \(Subscriber.columns) FROM subscribers WHERE id = ?")
                .decodeFirst([id], Subscriber.init(row:))
        }
    }
}
