import StatusdAPI
import StatusdCore

/// A subscriber in the 2026 spec's `Subscriber` shape: `id`, `email_address` (as sent),
/// `confirmed` and `created_at`.
struct SubscriberJSON {
    let subscriber: Subscriber

    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.field("id", subscriber.id)
        json.field("email_address", subscriber.emailAddress)
        json.field("confirmed", subscriber.isConfirmed)
        json.field("created_at", milliseconds: subscriber.createdAt)
        json.endObject()
    }
}
