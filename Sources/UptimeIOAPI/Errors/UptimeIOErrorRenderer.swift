import HTTPTypes
import StatusdAPI
import StatusdHTTP
import StatusdStore

/// The one place UptimeIO failures become responses:
/// `{"success": false, "error": {"code": "NOT_FOUND", "message": "...", "details": [...]}}`.
/// `details` appears only on `VALIDATION_ERROR`, as in the seed.
enum UptimeIOErrorRenderer {
    static func response(for error: APIError) -> HTTPServerResponse {
        switch error {
        case .validation(let message, let issues):
            return body(.badRequest, code: "VALIDATION_ERROR", message: message, details: issues)
        case .malformedJSON(let reason):
            let issue = FieldIssue(field: "body", message: reason)
            return body(.badRequest, code: "VALIDATION_ERROR", message: "Invalid request body", details: [issue])
        case .unauthorized:
            return body(.unauthorized, code: "UNAUTHORIZED", message: "Authentication required")
        case .forbidden:
            return body(.forbidden, code: "FORBIDDEN", message: "This API key is read-only")
        case .notFound(let message):
            return body(.notFound, code: "NOT_FOUND", message: message)
        case .methodNotAllowed(let allow):
            let allowValue = allow.map(\.rawValue).joined(separator: ", ")
            return body(.methodNotAllowed, code: "METHOD_NOT_ALLOWED", message: "Method not allowed",
                        extraFields: [.allow: allowValue])
        case .conflict(let message):
            return body(.conflict, code: "CONFLICT", message: message)
        case .payloadTooLarge:
            return body(.contentTooLarge, code: "PAYLOAD_TOO_LARGE", message: "Request body is too large")
        case .unsupportedMediaType:
            return body(.unsupportedMediaType, code: "UNSUPPORTED_MEDIA_TYPE",
                        message: "Content-Type must be application/json")
        }
    }

    /// 404/405/413 decided by the router before any handler runs.
    static func render(_ request: HTTPServerRequest, _ failure: HTTPRoutingFailure) -> HTTPServerResponse {
        switch failure {
        case .notFound: response(for: .notFound("Resource not found"))
        case .methodNotAllowed(let allow): response(for: .methodNotAllowed(allow: allow))
        case .payloadTooLarge: response(for: .payloadTooLarge)
        }
    }

    /// A failure nobody anticipated (a database error, a bug): 500 without details, still in the envelope.
    static func internalError() -> HTTPServerResponse {
        body(.internalServerError, code: "INTERNAL_ERROR", message: "Internal server error")
    }

    /// Store failures a handler did not turn into an `APIError` itself.
    static func apiError(for error: StoreError) -> APIError {
        switch error {
        case .unknownComponents(let ids):
            .validation(message: "Invalid request body", issues: [.unknownMonitors(ids)])
        case .duplicate(let field, _):
            .conflict("An item with this \(field) already exists")
        case .missingParent:
            .notFound("Status page not found")
        }
    }

    private static func body(
        _ status: HTTPResponse.Status, code: String, message: String, details: [FieldIssue]? = nil,
        extraFields: HTTPFields = [:]
    ) -> HTTPServerResponse {
        var error: [(key: String, value: JSONValue)] = [("code", .string(code)), ("message", .string(message))]
        if let details {
            let entries = details.map { JSONValue.object([("field", .string($0.field)), ("message", .string($0.message))]) }
            error.append(("details", .array(entries)))
        }
        let envelope = JSONValue.object([("success", .bool(false)), ("error", .object(error))])
        return .uptimeIOJSON(status, envelope, extraFields: extraFields)
    }
}

extension FieldIssue {
    /// Monitor ids that are not components of the incident's status page.
    static func unknownMonitors(_ ids: [String]) -> FieldIssue {
        FieldIssue(
            field: "affected_monitor_ids",
            message: "Unknown monitor ids for this status page: " + ids.joined(separator: ", "))
    }
}
