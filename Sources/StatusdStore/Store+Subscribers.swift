import GRDB
import StatusdCore

// Status page subscribers (Migrations/0011): the e-mail addresses subscriber mail goes to
// (Store+SubscriberMail). One per address and page, compared without regard to ASCII letter case.
extension Store {
    /// A new subscriber, unconfirmed, with its confirmation mail enqueued when mail is on. Throws `.alreadySubscribed` when the page has the address in
    /// any letter case, `.missingParent("status page")`, `.duplicate` for a taken id. Whether the
    /// text is an address is the caller's to check (`EmailAddress.problem`).
    public func createSubscriber(id: String? = nil, statusPageId: String, emailAddress: String) throws -> Subscriber {
        try write { db in
            guard try Self.exists("status_pages", id: statusPageId, db) else {
                throw StoreError.missingParent("status page")
            }
            guard try !Self.isSubscribed(emailAddress, statusPageId: statusPageId, db) else {
                throw StoreError.alreadySubscribed
            }
            let subscriber = Subscriber(
                id: try claimId(id, in: "subscribers", db), statusPageId: statusPageId, emailAddress: emailAddress,
                createdAt: Timestamp(column: now()))
            try Self.insert(subscriber, db)
            try enqueueConfirmation(subscriber, db)
            try auditCreated(.subscriber, subscriber.id, db)
            return subscriber
        }
    }

    public func subscriber(_ id: String, statusPageId: String) throws -> Subscriber? {
        try read { db in
            try db.cachedStatement(sql: "SELECT \(Subscriber.columns) FROM subscribers WHERE id = ? AND status_page_id = ?")
                .decodeFirst([id, statusPageId], Subscriber.init(row:))
        }
    }

    /// The page's subscribers, newest first (then id), filtered by a case-insensitive substring of
    /// the address; one slice and the total.
    public func subscribers(statusPageId: String, search: String?, page: Int, perPage: Int) throws -> Page<Subscriber> {
        try read { db in
            var condition = "status_page_id = ?"
            var arguments: SQLArguments = [statusPageId]
            if let search, !search.isEmpty {
                condition += " AND email_address LIKE ? ESCAPE '\\'"
                arguments += ["%" + IncidentListSQL.escapeLike(search) + "%"]
            }
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM subscribers WHERE \(condition)", arguments: arguments) ?? 0
            let offset = (page - 1).multipliedReportingOverflow(by: perPage)
            guard !offset.overflow, offset.partialValue < total else { return Page(items: [], total: total) }
            let subscribers = try db.makeStatement(sql: """
                SELECT \(Subscriber.columns) FROM subscribers INDEXED BY subscribers_by_created WHERE \(condition)
                ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?
                """).decodeAll(arguments + [perPage, offset.partialValue], Subscriber.init(row:))
            return Page(items: subscribers, total: total)
        }
    }

    /// Removes the subscriber from its page. false if the page has none with this id.
    public func deleteSubscriber(_ id: String, statusPageId: String) throws -> Bool {
        try write { db in
            let before = try auditedRow(.subscriber, id, db)
            try db.cachedStatement(sql: "DELETE FROM subscribers WHERE id = ? AND status_page_id = ?")
                .execute(arguments: [id, statusPageId])
            guard db.changesCount > 0 else { return false }
            try auditDeleted(.subscriber, id, before: before, db)
            return true
        }
    }

    // MARK: Helpers

    /// Whether the page has `emailAddress` in any ASCII letter case (the unique index's collation).
    static func isSubscribed(_ emailAddress: String, statusPageId: String, _ db: SQLDatabase) throws -> Bool {
        try Bool.fetchOne(
            db.cachedStatement(sql: """
                SELECT EXISTS(SELECT 1 FROM subscribers WHERE status_page_id = ? AND \(db.equalsIgnoringASCIICase("email_address")))
                """),
            arguments: [statusPageId, emailAddress]) == true
    }

    /// Inserts the subscriber; fixtures call it too.
    static func insert(_ subscriber: Subscriber, _ db: SQLDatabase) throws {
        try db.cachedStatement(sql: """
                INSERT INTO subscribers(id, status_page_id, email_address, confirmed_at, created_at)
                VALUES (?, ?, ?, ?, ?)
                """).execute(
            arguments: [subscriber.id, subscriber.statusPageId, subscriber.emailAddress,
                        subscriber.confirmedAt?.millisecondsSince1970, subscriber.createdAt.millisecondsSince1970])
    }
}
