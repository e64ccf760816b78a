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
        /// At most `maxBodyBytes` of the body; `bodyBytes` is its whole length.
        var body: [UInt8]
        var bodyBytes: Int
        /// nil when a fault dropped the connection.
        var status: Int?
        var faults: [String]
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
        var bodyBytes = 0
        var nextId = 1
        var dropped = 0
    }

    let capacity: Int
    /// The bodies kept in all, and in one entry: old entries go first when either is passed.
    let maxTotalBodyBytes: Int
    let maxBodyBytes: Int
    private let state = Locked(State())

    init(capacity: Int = 10_000, maxTotalBodyBytes: Int = 64 << 20, maxBodyBytes: Int = 256 << 10) {
        self.capacity = capacity
        self.maxTotalBodyBytes = maxTotalBodyBytes
        self.maxBodyBytes = maxBodyBytes
    }

    /// Header and query names that carry secrets (`Authorization`, `X-API-Key`, `X-Auth-Token`,
    /// `Cookie`, `?api_key=`...): their values are kept as `***` (the `Authorization` scheme stays).
    static let secretNameParts = ["auth", "token", "key", "secret", "cookie", "session", "password", "signature",
                                  "credential"]

    static func isSecret(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return secretNameParts.contains { lowered.contains($0) }
    }

    /// The query string with the values of secret-looking names masked.
    static func maskedQuery(_ query: String) -> String {
        query.split(separator: "&", omittingEmptySubsequences: false).map { pair -> String in
            guard let equals = pair.firstIndex(of: "="), isSecret(String(pair[..<equals])) else { return String(pair) }
            return pair[...equals] + "***"
        }.joined(separator: "&")
    }

    static func masked(_ field: HTTPField) -> (name: String, value: String) {
        let name = field.name.rawName
        guard isSecret(field.name.canonicalName) else { return (name, field.value) }
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
        id: Int, _ request: HTTPServerRequest, receivedAt: Timestamp, status: Int?, faults: [String]
    ) {
        let target = request.head.path ?? request.path
        let query = target.firstIndex(of: "?").map { Self.maskedQuery(String(target[target.index(after: $0)...])) }
        let entry = Entry(
            id: id, receivedAt: receivedAt, method: request.method.rawValue, path: request.path, query: query,
            route: request.route, headers: request.headerFields.map(Self.masked),
            body: Array(request.body.prefix(maxBodyBytes)), bodyBytes: request.body.count, status: status,
            faults: faults)
        state.withLock { state in
            let position = state.entries.lastIndex { $0.id < id }.map { $0 + 1 } ?? 0
            state.entries.insert(entry, at: position)
            state.bodyBytes += entry.body.count
            var oldest = 0
            while state.entries.count - oldest > capacity || state.bodyBytes > maxTotalBodyBytes {
                state.bodyBytes -= state.entries[oldest].body.count
                oldest += 1
            }
            if oldest > 0 {
                state.entries.removeFirst(oldest)
                state.dropped += oldest
            }
        }
    }

    /// Empties the journal; `restartIds` (a reset) numbers the next request 1 again.
    func clear(restartIds: Bool = false) {
        state.withLock { state in
            state.entries.removeAll()
            state.bodyBytes = 0
            state.dropped = 0
            if restartIds { state.nextId = 1 }
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
            if body.count == bodyBytes, let parsed = try? JSONValue.parse(body) {
                json.key("json")
                json.value(parsed)
            }
        } else {
            json.field("body", nil)
            json.field("body_base64", Data(body).base64EncodedString())
        }
        json.key("status")
        if let status { json.value(status) } else { json.null() }
        json.field("body_bytes", bodyBytes)
        json.field("body_truncated", body.count < bodyBytes)
        json.field("faults", strings: faults)
        json.endObject()
    }
}
