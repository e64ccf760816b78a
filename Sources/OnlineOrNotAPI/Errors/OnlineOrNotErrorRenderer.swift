import StatusdAPI
import StatusdCore
import StatusdHTTP

/// Renders every `APIError` (and every routing failure under `/v1/`) in the OnlineOrNot envelope:
/// `{"result":null,"success":false,"errors":[{"code":N,"message":"..."}],"messages":[]}`.
enum OnlineOrNotErrorRenderer {
    static func render(_ error: APIError) -> HTTPServerResponse {
        .jsonError(error, envelope(code: OnlineOrNotErrorCode(error).rawValue, messages(for: error)))
    }

    /// The error envelope with one `errors` entry per message, all with `code`.
    static func envelope(code: Int, _ messages: [(field: String?, message: String)]) -> [UInt8] {
        var json = JSONWriter()
        json.beginObject()
        json.key("result")
        json.null()
        json.field("success", false)
        json.key("errors")
        json.beginArray()
        for (field, message) in messages {
            json.beginObject()
            json.field("code", code)
            json.field("message", message)
            if let field { json.field("field", field) }
            json.endObject()
        }
        json.endArray()
        json.key("messages")
        json.beginArray()
        json.endArray()
        json.endObject()
        return json.bytes
    }

    /// For `HTTPRouter.group`: 404, 405 and 413 found before any handler ran.
    static func renderFailure(_ request: HTTPServerRequest, _ failure: HTTPRoutingFailure) -> HTTPServerResponse {
        render(APIError(failure))
    }

    /// The message with the field spelled as the client sent it (`per_page must be ...`, not
    /// `Per_page must be ...`), prefixed with the field when the message does not name it.
    static func namingField(_ issue: FieldIssue) -> String {
        let capitalised = issue.field.prefix(1).uppercased() + issue.field.dropFirst()
        if issue.message.hasPrefix(capitalised) {
            return issue.field + issue.message.dropFirst(capitalised.count)
        }
        return issue.message.contains(issue.field) ? issue.message : "\(issue.field): \(issue.message)"
    }

    /// One `(field, message)` per error entry; only validation errors name a field.
    private static func messages(for error: APIError) -> [(String?, String)] {
        switch error {
        case .validation(let summary, let issues):
            guard !issues.isEmpty else { return [(nil, summary)] }
            return issues.map { ($0.field, namingField($0)) }
        case .malformedJSON(let detail):
            return [(nil, detail)]
        case .unauthorized:
            return [(nil, "Authentication required: send a valid API token as 'Authorization: Bearer <token>'")]
        case .forbidden:
            return [(nil, "This API token is read-only and cannot make changes")]
        case .missingGrant(let grant):
            return [(nil, "This API token does not hold the \(grant.scope.rawValue) \(grant.permission.rawValue) grant this request needs")]
        case .notFound(let what):
            return [(nil, what)]
        case .methodNotAllowed(let allow):
            let methods = allow.map(\.rawValue).joined(separator: ", ")
            return [(nil, "Method not allowed on this path; allowed: \(methods)")]
        case .conflict(let what):
            return [(nil, what)]
        case .idempotencyKeyReused:
            return [(nil, APIError.idempotencyKeyReusedMessage)]
        case .payloadTooLarge:
            return [(nil, "Request body is too large")]
        case .unsupportedMediaType:
            return [(nil, "Request body must be JSON (Content-Type: application/json)")]
        case .storageUnavailable(let trouble):
            return [(nil, trouble.message)]
        }
    }
}

/// An OnlineOrNot error body for a status the API itself never answers (test-control faults):
/// `{"result":null,"success":false,"errors":[{"code":503,"message":"..."}],"messages":[]}`.
public func onlineOrNotErrorBody(code: Int, message: String) -> [UInt8] {
    OnlineOrNotErrorRenderer.envelope(code: code, [(nil, message)])
}
