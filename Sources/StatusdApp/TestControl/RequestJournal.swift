import Foundation
import HTTPTypes
import StatusdAPI
import StatusdCore
import StatusdHTTP
import StatusdSync

/// Every request a `--test-control` server answered, so that a test can check what its client
/// really sent (method, path, headers, body) and what it got back. Secrets are masked before an
/// entry is kept; the oldest entries go once `capacity` is reached.
final class RequestJournal: Sendable {
    struct Entry: Sendable {
        var id: Int
        var receivedAt: Timestamp
        var method: String
        var path: String
        var query: String?
        var route: String?
        var headers: [(name: String, value: String)]
        var body: [UInt8]
        /// nil when a fault dropped the connection.
        var status: Int?
        var fault: String?
    }

    /// Which entries a `GET /_statusd/requests` wants.
    struct Filter: Sendable {
        var method: String?
        var pathPrefix: String?
        var route: String?
        var afterId: Int?
        var limit: Int?
    }

    private struct State {
        var entries: [Entry] = []
        var nextId = 1
        var dropped = 0
    }

    let capacity: Int
    private let state = Locked(State())

    init(capacity: Int = 10_000) {
        self.capacity = capacity
    }

    /// Headers whose values are credentials: kept as `***` (the `Authorization` scheme stays).
    static let maskedFields: Set<String> = ["authorization", "proxy-authorization", "x-api-key", "cookie", "set-cookie"]

    static func masked(_ field: HTTPField) -> (name: String, value: String) {
        let name = field.name.rawName
        guard maskedFields.contains(field.name.canonicalName) else { return (name, field.value) }
        if field.name == .authorization || field.name == .proxyAuthorization,
           let space = field.value.firstIndex(of: " ") {
            return (name, field.value[..<space] + " ***")
        }
        return (name, "***")
    }

    /// Takes the next id at arrival, so entries list in the order requests came in even when a
    /// slow one (a latency fault) is answered after a later one.
    func takeId() -> Int {
        state.withLock { state in
            defer { state.nextId += 1 }
            return state.nextId
        }
    }

    func record(
        id: Int, _ request: HTTPServerRequest, receivedAt: Timestamp, status: Int?, fault: String?
    ) {
        let target = request.head.path ?? request.path
        let query = target.firstIndex(of: "?").map { String(target[target.index(after: $0)...]) }
        let entry = Entry(
            id: id, receivedAt: receivedAt, method: request.method.rawValue, path: request.path, query: query,
            route: request.route, headers: request.headerFields.map(Self.masked), body: request.body,
            status: status, fault: fault)
        state.withLock { state in
            let position = state.entries.lastIndex { $0.id < id }.map { $0 + 1 } ?? 0
            state.entries.insert(entry, at: position)
            if state.entries.count > capacity {
                state.dropped += state.entries.count - capacity
                state.entries.removeFirst(state.entries.count - capacity)
            }
        }
    }

    func clear() {
        state.withLock { state in
            state.entries.removeAll()
            state.dropped = 0
        }
    }

    /// The matching entries in arrival order (with `limit`, the most recent ones), and how many
    /// older entries the capacity pushed out since the last clear.
    func entries(_ filter: Filter) -> (entries: [Entry], dropped: Int) {
        state.withLock { state in
            var matching = state.entries.filter { entry in
                if let method = filter.method, entry.method != method.uppercased() { return false }
                if let prefix = filter.pathPrefix, !entry.path.hasPrefix(prefix) { return false }
                if let route = filter.route, entry.route != route { return false }
                if let after = filter.afterId, entry.id <= after { return false }
                return true
            }
            if let limit = filter.limit, matching.count > limit { matching.removeFirst(matching.count - limit) }
            return (matching, state.dropped)
        }
    }
}

extension RequestJournal.Entry {
    /// `{"id":1,"received_at":"...","method":"POST","path":"...","query":null,"route":"...",
    /// "headers":[{"name":"...","value":"..."}],"body":"...","json":{...},"status":201,"fault":null}`
    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.field("id", id)
        json.field("received_at", receivedAt.iso8601Milliseconds)
        json.field("method", method)
        json.field("path", path)
        json.field("query", query)
        json.field("route", route)
        json.key("headers")
        json.beginArray()
        for header in headers {
            json.beginObject()
            json.field("name", header.name)
            json.field("value", header.value)
            json.endObject()
        }
        json.endArray()
        if body.isEmpty {
            json.key("body")
            json.null()
        } else if let text = String(validating: body, as: UTF8.self) {
            json.field("body", text)
            if let parsed = try? JSONValue.parse(body) {
                json.key("json")
                json.value(parsed)
            }
        } else {
            json.field("body", nil)
            json.field("body_base64", Data(body).base64EncodedString())
        }
        json.key("status")
        if let status { json.value(status) } else { json.null() }
        json.field("fault", fault)
        json.endObject()
    }
}
