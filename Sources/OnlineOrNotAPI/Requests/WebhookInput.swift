import StatusdAPI
import StatusdCore
import StatusdHTTP

/// The body of a webhook create or update (the 2026 spec's fields), every bad field reported together.
///
/// Create requires `url` (an `http://` URL under `WebhookURL`'s rule) and `events` (at least one,
/// each an event statusd sends; an unknown one is named). `description` is optional (1–1,000
/// characters, `null` for none); `status_page_ids` lists the pages to follow, and absent, `null` or
/// `[]` follows every page the credential reaches. An update changes whichever fields it sends.
/// `check_ids` and `heartbeat_ids` (the spec's uptime checks) must be absent or empty: statusd has none.
package struct WebhookInput {
    var url: String?
    var description: String??
    var events: [WebhookEvent]?
    /// `.some(nil)`: every page.
    var statusPageIds: [String]??

    static let eventsKey = "events"
    static let pagesKey = "status_page_ids"

    package static func forCreate(_ request: HTTPServerRequest) throws(APIError) -> WebhookInput {
        try read(request, required: true)
    }

    package static func forUpdate(_ request: HTTPServerRequest) throws(APIError) -> WebhookInput {
        try read(request, required: false)
    }

    private static func read(_ request: HTTPServerRequest, required: Bool) throws(APIError) -> WebhookInput {
        var reader = try JSONBodyReader(request)
        var input = WebhookInput()
        if let text = reader.string("url", required: required) {
            switch WebhookURL.parse(text) {
            case .success: input.url = text
            case .failure(let problem): reader.issue("url", "url \(problem)")
            }
        }
        input.description = reader.nullableString("description", length: 1...1000)
        input.events = events(&reader, required: required)
        if let pages = reader.nullableStringArray(pagesKey, maximumCount: 1000, length: 1...256) {
            input.statusPageIds = .some(pages.flatMap { $0.isEmpty ? nil : $0 })
        }
        for key in ["check_ids", "heartbeat_ids"] {
            if let ids = reader.stringArray(key), !ids.isEmpty {
                reader.issue(key, "\(key) must be empty: statusd has no uptime checks or heartbeats")
            }
        }
        try reader.finish()
        return input
    }

    /// At least one known event; each unknown one named.
    private static func events(_ reader: inout JSONBodyReader, required: Bool) -> [WebhookEvent]? {
        guard let names = reader.stringArray(eventsKey, required: required, minimumCount: 1) else { return nil }
        let unknown = names.filter { WebhookEvent(rawValue: $0) == nil }
        guard unknown.isEmpty else {
            let known = WebhookEvent.allCases.map(\.rawValue).joined(separator: ", ")
            let list = unknown.map { "'\($0)'" }.joined(separator: ", ")
            reader.issue(eventsKey, "events: unknown event \(list); statusd sends \(known)")
            return nil
        }
        return names.compactMap(WebhookEvent.init(rawValue:))
    }
}
