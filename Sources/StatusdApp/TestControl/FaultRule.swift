import StatusdAPI

/// One injected fault (`POST /_statusd/faults`): for requests whose method and path match, wait
/// `latencyMilliseconds`, then answer `status` (with `Retry-After`), or drop the connection, or
/// (latency alone) answer as usual. It fires for the next `count` matching requests, each with
/// `probability`; with neither, for every matching request until it is deleted.
struct FaultRule: Sendable {
    var id: String
    var method: String?
    var path: String
    var status: Int?
    var latencyMilliseconds: Int
    var dropConnection: Bool
    var retryAfter: String?
    var body: JSONValue?
    var message: String?
    var count: Int?
    var probability: Double?

    /// The pattern's segments: `:name` and `*` match one segment, a final `**` any rest (even none).
    var segments: [Substring] { path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map { $0 } }

    func matches(method: String, path: String) -> Bool {
        if let wanted = self.method, wanted != method, !(wanted == "GET" && method == "HEAD") { return false }
        let pattern = segments
        let actual = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map { $0 }
        for (index, segment) in pattern.enumerated() {
            if segment == "**" && index == pattern.count - 1 { return true }
            guard index < actual.count else { return false }
            if segment == "*" || segment.hasPrefix(":") { continue }
            if segment != actual[index] { return false }
        }
        return pattern.count == actual.count
    }
}

extension FaultRule {
    /// Builds a rule from its JSON; every problem is one message naming the field.
    init(json: JSONValue, id: String) throws(FaultRuleError) {
        guard case .object(let members) = json else { throw FaultRuleError("the body must be a JSON object") }
        let known: Set<String> = ["method", "path", "status", "latency_ms", "drop_connection", "retry_after",
                                  "body", "message", "count", "probability"]
        if let unknown = members.first(where: { !known.contains($0.key) }) {
            throw FaultRuleError("\(unknown.key): unknown field (known: \(known.sorted().joined(separator: ", ")))")
        }
        self.id = id
        guard case .string(let path)? = json["path"], path.hasPrefix("/") else {
            throw FaultRuleError("path: required, a path pattern starting with / (`:name` or `*` match one segment, a final `**` the rest)")
        }
        self.path = path
        switch json["method"] {
        case nil, .null?: method = nil
        case .string(let text)? where !text.isEmpty && text.allSatisfy({ $0.isLetter }): method = text.uppercased()
        default: throw FaultRuleError("method: must be an HTTP method such as GET or POST")
        }
        status = try Self.integer(json["status"], "status", in: 200...599)
        latencyMilliseconds = try Self.integer(json["latency_ms"], "latency_ms", in: 0...60_000) ?? 0
        switch json["drop_connection"] {
        case nil, .null?: dropConnection = false
        case .bool(let flag)?: dropConnection = flag
        default: throw FaultRuleError("drop_connection: must be true or false")
        }
        switch json["retry_after"] {
        case nil, .null?: retryAfter = nil
        case .number(let seconds)? where seconds >= 0 && seconds.rounded() == seconds && seconds < 1e9:
            retryAfter = String(Int(seconds))
        case .string(let text)? where !text.isEmpty && text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }):
            retryAfter = text
        default: throw FaultRuleError("retry_after: must be whole seconds or an HTTP date")
        }
        body = json["body"].flatMap { $0 == .null ? nil : $0 }
        switch json["message"] {
        case nil, .null?: message = nil
        case .string(let text)?: message = text
        default: throw FaultRuleError("message: must be a string")
        }
        count = try Self.integer(json["count"], "count", in: 1...1_000_000)
        switch json["probability"] {
        case nil, .null?: probability = nil
        case .number(let value)? where value > 0 && value <= 1: probability = value
        default: throw FaultRuleError("probability: must be a number above 0 and at most 1")
        }
        if status == nil && !dropConnection && latencyMilliseconds == 0 {
            throw FaultRuleError("give at least one of status, drop_connection, latency_ms")
        }
        if status != nil && dropConnection {
            throw FaultRuleError("status and drop_connection exclude each other: a dropped connection has no status")
        }
        if status == nil && (retryAfter != nil || body != nil || message != nil) {
            throw FaultRuleError("retry_after, body and message need a status")
        }
    }

    private static func integer(_ value: JSONValue?, _ field: String, in range: ClosedRange<Int>) throws(FaultRuleError) -> Int? {
        switch value {
        case nil, .null?: return nil
        case .number(let number)? where number.rounded() == number && Double(range.lowerBound) <= number
            && number <= Double(range.upperBound):
            return Int(number)
        default: throw FaultRuleError("\(field): must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
    }

    func write(to json: inout JSONWriter, remaining: Int?, hits: Int) {
        json.beginObject()
        json.field("id", id)
        json.field("method", method)
        json.field("path", path)
        json.key("status")
        if let status { json.value(status) } else { json.null() }
        json.field("latency_ms", latencyMilliseconds)
        json.field("drop_connection", dropConnection)
        json.field("retry_after", retryAfter)
        json.key("body")
        json.value(body ?? .null)
        json.field("message", message)
        json.key("count")
        if let count { json.value(count) } else { json.null() }
        json.key("probability")
        if let probability { json.value(.number(probability)) } else { json.null() }
        json.key("remaining")
        if let remaining { json.value(remaining) } else { json.null() }
        json.field("hits", hits)
        json.endObject()
    }
}

struct FaultRuleError: Error, Sendable {
    var message: String

    init(_ message: String) { self.message = message }
}
