import StatusdAPI
import StatusdCore

/// A webhook in the 2026 spec's `Webhook` shape (`id, url, description, events, created_at,
/// updated_at, status_pages [{id, name}], checks, heartbeats`), plus statusd's
/// `all_status_pages` (true: it follows every page its credential reaches, and `status_pages` is
/// empty). `secret` only in the create answer: it is shown once.
struct WebhookJSON {
    let webhook: Webhook
    /// Page id → name, for `status_pages`.
    let pageNames: [String: String]
    var secret: String? = nil

    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.field("id", webhook.id)
        json.field("url", webhook.url)
        json.field("description", webhook.description)
        json.field("events", strings: webhook.events.map(\.rawValue))
        json.field("created_at", milliseconds: webhook.createdAt)
        json.field("updated_at", milliseconds: webhook.updatedAt)
        json.key("status_pages")
        json.beginArray()
        for id in webhook.statusPageIds ?? [] {
            json.beginObject()
            json.field("id", id)
            json.field("name", pageNames[id] ?? id)
            json.endObject()
        }
        json.endArray()
        json.field("checks", strings: [])
        json.field("heartbeats", strings: [])
        json.field("all_status_pages", webhook.statusPageIds == nil)
        if let secret { json.field("secret", secret) }
        json.endObject()
    }
}

/// One entry of a webhook's delivery log: the event, where it stands (`PENDING`, `DELIVERED`,
/// `FAILED`), attempts so far, the last answer's status code or the error, when the next attempt
/// is due (null once settled), and when it was delivered or given up.
struct WebhookDeliveryJSON {
    let delivery: WebhookDelivery

    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.field("id", delivery.id)
        json.field("webhook_id", delivery.webhookId)
        json.field("event", delivery.event)
        json.field("status_page_id", delivery.statusPageId)
        json.field("status", delivery.state.rawValue.uppercased())
        json.field("attempts", delivery.attempts)
        json.key("last_status_code")
        if let code = delivery.lastStatusCode { json.value(code) } else { json.null() }
        json.field("last_error", delivery.lastError)
        json.field("next_attempt_at", milliseconds: delivery.nextAttemptAt)
        json.field("delivered_at", milliseconds: delivery.deliveredAt)
        json.field("failed_at", milliseconds: delivery.failedAt)
        json.field("created_at", milliseconds: delivery.createdAt)
        json.endObject()
    }
}
