import HTTPTypes
import StatusdAPI
import StatusdCore
import StatusdHTTP

/// The one place UptimeIO failures become responses:
/// `{"success": false, "error": {"code": "NOT_FOUND", "message": "...", "details": [...]}}`.
/// `details` appears only on `VALIDATION_ERROR`, as in the seed.
enum UptimeIOErrorRenderer {
    static func response(for error: APIError) -> HTTPServerResponse {
        let (code, message, details) = describe(error)
        return .jsonError(error, envelope(code: code, message: message, details: details))
    }

    static func envelope(code: String, message: String, details: [FieldIssue]?) -> [UInt8] {
        var json = JSONWriter()
        json.beginObject()
        json.field("success", false)
        json.key("error")
        json.beginObject()
        json.field("code", code)
        json.field("message", message)
        if let details {
            json.key("details")
            json.beginArray()
            for issue in details {
                json.beginObject()
                json.field("field", issue.field)
                json.field("message", issue.message)
                json.endObject()
            }
            json.endArray()
        }
        json.endObject()
        json.endObject()
        return json.bytes
    }

    /// 404/405/413 decided by the router before any handler runs.
    static func render(_ request: HTTPServerRequest, _ failure: HTTPRoutingFailure) -> HTTPServerResponse {
        response(for: APIError(failure))
    }

    /// Code, message and (validation only) details for each case; the HTTP status is `APIError.status`.
    static func describe(_ error: APIError) -> (code: String, message: String, details: [FieldIssue]?) {
        switch error {
        case .validation(let message, let issues):
            ("VALIDATION_ERROR", message, issues)
        case .malformedJSON(let reason):
            ("VALIDATION_ERROR", "Invalid request body", [FieldIssue(field: "body", message: reason)])
        case .unauthorized:
            ("UNAUTHORIZED", "Authentication required", nil)
        case .forbidden:
            ("FORBIDDEN", "This API key is read-only", nil)
        case .missingGrant(let grant):
            ("FORBIDDEN", "This API key does not hold the \(grant.scope.rawValue) \(grant.permission.rawValue) grant this request needs", nil)
        case .notFound(let message):
            ("NOT_FOUND", message, nil)
        case .methodNotAllowed:
            ("METHOD_NOT_ALLOWED", "Method not allowed", nil)
        case .conflict(let message):
            ("CONFLICT", message, nil)
        case .idempotencyKeyReused:
            ("IDEMPOTENCY_KEY_REUSED", APIError.idempotencyKeyReusedMessage, nil)
        case .payloadTooLarge:
            ("PAYLOAD_TOO_LARGE", "Request body is too large", nil)
        case .unsupportedMediaType:
            ("UNSUPPORTED_MEDIA_TYPE", "Content-Type must be application/json", nil)
        case .storageUnavailable(let trouble):
            ("SERVICE_UNAVAILABLE", trouble.message, nil)
        }
    }
}

/// An UptimeIO error body for a status the API itself never answers (test-control faults):
/// `{"success":false,"error":{"code":"SERVICE_UNAVAILABLE","message":"..."}}`.
public func uptimeIOErrorBody(code: String, message: String) -> [UInt8] {
    UptimeIOErrorRenderer.envelope(code: code, message: message, details: nil)
}
