import GRDB
import StatusdCore

extension FixtureLoader {
    /// The subscriber to insert, or nil when one with its id exists already. Inserted one by one,
    /// so an address given twice in the file is refused like one already in the database.
    func prepare(_ subscriber: FixtureFile.SubscriberFixture, at path: String, _ db: SQLDatabase) throws -> Subscriber? {
        _ = try nonEmpty(subscriber.id, path + ".id")
        guard try !exists("subscribers", subscriber.id, db) else { return nil }
        guard try exists("status_pages", subscriber.statusPageId, db) else {
            throw fail(path + ".status_page_id", "no status page '\(subscriber.statusPageId)' (in the file or the database)")
        }
        if let problem = EmailAddress.problem(subscriber.emailAddress) {
            throw fail(path + ".email_address", problem)
        }
        guard try !Store.isSubscribed(subscriber.emailAddress, statusPageId: subscriber.statusPageId, db) else {
            throw fail(path + ".email_address", "'\(subscriber.emailAddress)' is already subscribed to this status page")
        }
        let createdAt = try time(subscriber.createdAt, path + ".created_at", default: now)
        var confirmedAt: Timestamp?
        if subscriber.confirmed ?? (subscriber.confirmedAt != nil) {
            confirmedAt = try time(subscriber.confirmedAt, path + ".confirmed_at", default: createdAt)
        } else if subscriber.confirmedAt != nil {
            throw fail(path + ".confirmed_at", "only for a confirmed subscriber (confirmed is false)")
        }
        return Subscriber(
            id: subscriber.id, statusPageId: subscriber.statusPageId, emailAddress: subscriber.emailAddress,
            confirmedAt: confirmedAt, createdAt: createdAt)
    }
}
