import Foundation
import GRDB
import StatusdCore

/// A webhook delivery a sender holds the lease of: what it needs to make one attempt.
public struct ClaimedDelivery: Sendable {
    public var id: String
    public var webhookId: String
    public var event: String
    public var url: String
    /// The webhook's signing secret. Never logged.
    public var secret: String
    public var payload: [UInt8]
    /// Attempts so far, this one included.
    public var attempts: Int
}

/// How an attempt ended: a 2xx (delivered), or anything else (a status, or no answer) to retry.
public enum DeliveryAttemptOutcome: Sendable, Equatable {
    case delivered(statusCode: Int)
    case failed(statusCode: Int?, error: String)
}

// The sender's side of the outbox. Every step is one write transaction (BEGIN IMMEDIATE), so two
// processes on one file never both claim a row: the second sees the lease the first committed.
extension Store {
    /// Leases the webhook delivery due soonest (due: `next_attempt_at` has passed) to `owner` for
    /// `leaseMilliseconds` and counts the attempt; nil when none is due. While leased, the row is
    /// due again at the lease's end, so a sender that dies mid-attempt (kill -9) leaves it to the
    /// next one.
    public func claimDueWebhookDelivery(owner: String, leaseMilliseconds: Int64) throws -> ClaimedDelivery? {
        guard hasOutboxTables else { return nil }
        return try write { db -> ClaimedDelivery? in
            let now = now()
            // ?1 now, ?2 the lease's end, ?3 owner.
            guard let row = try db.cachedStatement(sql: """
                    UPDATE deliveries SET lease_owner = ?3, lease_until = ?2, next_attempt_at = ?2,
                        attempts = attempts + 1, first_attempt_at = COALESCE(first_attempt_at, ?1), last_attempt_at = ?1
                    WHERE id = (SELECT id FROM deliveries INDEXED BY deliveries_due
                                WHERE channel = 'webhook' AND state = 'pending' AND next_attempt_at <= ?1
                                ORDER BY next_attempt_at LIMIT 1)
                      -- Checked again on the row itself: on PostgreSQL another instance may have
                      -- claimed it between the subquery and the update, which then matches nothing.
                      AND state = 'pending' AND next_attempt_at <= ?1
                    RETURNING id, webhook_id, event, payload, attempts
                    """).namedFirst([now, now + leaseMilliseconds, owner])
            else { return nil }
            let webhookId: String = row["webhook_id"]
            guard let target = try db.cachedStatement(sql: "SELECT url, secret FROM webhooks WHERE id = ?").namedFirst([webhookId])
            else { return nil }
            return ClaimedDelivery(
                id: row["id"], webhookId: webhookId, event: row["event"], url: target["url"], secret: target["secret"],
                payload: Array(row["payload"] as Data), attempts: row["attempts"])
        }
    }

    /// Records how the attempt ended, if `owner` still holds the lease (else another sender has
    /// taken the row since, and this outcome is dropped). A failure is retried `retryInMilliseconds`
    /// from now, unless that is past `giveUpAfterMilliseconds` from the first attempt: then the row
    /// is marked failed. Returns whether the outcome was recorded.
    @discardableResult
    public func finishAttempt(
        _ id: String, owner: String, _ outcome: DeliveryAttemptOutcome, retryInMilliseconds: Int64,
        giveUpAfterMilliseconds: Int64
    ) throws -> Bool {
        try write { db in
            let now = now()
            switch outcome {
            case .delivered(let code):
                try db.cachedStatement(sql: """
                    UPDATE deliveries SET state = 'delivered', delivered_at = ?, last_status_code = ?, last_error = NULL,
                        lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ? AND state = 'pending'
                    """).execute(arguments: [now, code, id, owner])
            case .failed(let code, let error):
                // ?1 now, ?2 the retry's time, ?3 the give-up span, ?4 code, ?5 error, ?6 id, ?7 owner.
                try db.cachedStatement(sql: """
                    UPDATE deliveries SET last_status_code = ?4, last_error = ?5, lease_owner = NULL, lease_until = NULL,
                        next_attempt_at = ?2,
                        state = CASE WHEN ?2 > first_attempt_at + ?3 THEN 'failed' ELSE 'pending' END,
                        failed_at = CASE WHEN ?2 > first_attempt_at + ?3 THEN ?1 END
                    WHERE id = ?6 AND lease_owner = ?7 AND state = 'pending'
                    """).execute(arguments: [
                        now, now + retryInMilliseconds, giveUpAfterMilliseconds, code, error, id, owner])
            }
            return db.changesCount > 0
        }
    }
}
