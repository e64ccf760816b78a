import HTTPTypes
import StatusdCore
import StatusdHTTP
import StatusdStore

/// Every failure a handler can report. Closed on purpose: each shape renders all of them with an
/// exhaustive switch, so a new case does not compile until both shapes know how to show it.
public enum APIError: Error, Sendable, Equatable {
    /// 400. `message` is the summary (UptimeIO: "Invalid query parameters" / "Invalid request body").
    case validation(message: String, issues: [FieldIssue])
    /// 400: the body is not valid JSON, or not a JSON object.
    case malformedJSON(String)
    /// 401: missing, malformed, unknown or revoked credential.
    case unauthorized
    /// 403: a read-only credential tried to write.
    case forbidden
    /// 403: the credential does not hold the grant the route needs (`INCIDENTS` `EDIT`).
    case missingGrant(Grant)
    /// 404 with the thing's name ("Status page not found", "Incident not found").
    case notFound(String)
    /// 405 with `Allow`.
    case methodNotAllowed(allow: [HTTPRequest.Method])
    /// 409: an id or subdomain already taken, an address already subscribed.
    case conflict(String)
    /// 422: an Idempotency-Key already used by this credential for another method, target or body.
    case idempotencyKeyReused
    /// 413.
    case payloadTooLarge
    /// 415: a body whose Content-Type is not JSON.
    case unsupportedMediaType
    /// 503 with `Retry-After`: the database cannot take the write just now (a full disk, a
    /// read-only file): nothing was written, and the same request may succeed later.
    case storageUnavailable(StorageTrouble)

    /// The HTTP status each case answers with, the same in both shapes.
    public var status: HTTPResponse.Status {
        switch self {
        case .validation, .malformedJSON: .badRequest
        case .unauthorized: .unauthorized
        case .forbidden, .missingGrant: .forbidden
        case .notFound: .notFound
        case .methodNotAllowed: .methodNotAllowed
        case .conflict: .conflict
        case .idempotencyKeyReused: .unprocessableContent
        case .payloadTooLarge: .contentTooLarge
        case .unsupportedMediaType: .unsupportedMediaType
        case .storageUnavailable: .serviceUnavailable
        }
    }

    /// A routing failure from the HTTP core, as an API error.
    public init(_ failure: HTTPRoutingFailure) {
        switch failure {
        case .notFound: self = .notFound("Not found")
        case .methodNotAllowed(let allow): self = .methodNotAllowed(allow: allow)
        case .payloadTooLarge: self = .payloadTooLarge
        }
    }

    /// Store failures that are the client's doing. `componentsField` names the request field that
    /// carried component ids in the calling shape (`components`, `affected_monitor_ids`).
    public init?(_ error: any Error, componentsField: String, message: String = "Invalid request body") {
        if let apiError = error as? APIError {
            self = apiError
            return
        }
        if let trouble = StorageTrouble(error) {
            self = .storageUnavailable(trouble)
            return
        }
        guard let storeError = error as? StoreError else { return nil }
        switch storeError {
        case .unknownComponents(let ids):
            let list = ids.joined(separator: ", ")
            self = .validation(message: message, issues: [
                FieldIssue(field: componentsField, message: "Unknown component ids for this status page: \(list)")
            ])
        case .duplicate(let field, let value):
            self = .conflict("A resource with \(field) '\(value)' already exists")
        case .missingParent(let what):
            self = .notFound(what)
        case .unknownGroup(let id):
            self = .validation(message: message, issues: [
                FieldIssue(field: "group_id", message: "Unknown component group for this status page: \(id)")
            ])
        case .notInOrder(let field, let ids):
            self = .validation(message: message, issues: [
                FieldIssue(field: field, message: "Not in the list being ordered: \(ids.joined(separator: ", "))")
            ])
        case .maintenanceStarted:
            self = .validation(message: "Scheduled maintenance cannot be updated once it has started", issues: [])
        case .alreadySubscribed:
            self = .conflict("This e-mail address is already subscribed to this status page")
        }
    }
}
