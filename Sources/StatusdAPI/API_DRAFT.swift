// DRAFT CONTRACT for the code both API shapes share. The lead engineer implements this target;
// shape code uses these names. Adding is fine; renaming needs the lead.
import HTTPTypes
import StatusdCore
import StatusdHTTP
import StatusdStore

/// One invalid input field, reported to the client (UptimeIO `details[]`, OnlineOrNot `errors[]`).
public struct FieldIssue: Sendable, Equatable {
    public var field: String
    /// In the UptimeIO seed's style: `Status must be one of: investigating, identified, monitoring, resolved`.
    public var message: String
    public init(field: String, message: String) { self.field = field; self.message = message }
}

/// Every failure a handler can report; each shape renders all of them (exhaustive switch).
public enum APIError: Error, Sendable, Equatable {
    /// 400. `message` is the summary (UptimeIO: "Invalid query parameters" / "Invalid request body").
    case validation(message: String, issues: [FieldIssue])
    /// 400: the body is not valid JSON, or not a JSON object.
    case malformedJSON(String)
    /// 401: missing, malformed, unknown or revoked credential.
    case unauthorized
    /// 403: a read-only credential tried to write.
    case forbidden
    /// 404 with the thing's name ("Status page not found", "Incident not found").
    case notFound(String)
    /// 405 with `Allow`.
    case methodNotAllowed(allow: [HTTPRequest.Method])
    /// 409: an id or subdomain already taken.
    case conflict(String)
    /// 413.
    case payloadTooLarge
    /// 415: a body whose Content-Type is not JSON.
    case unsupportedMediaType
}

/// Read or write: read-only credentials get 403 on `.write`.
public enum Access: Sendable { case read, write }

/// What an authenticated handler works with: who is asking, and the store, with scope checks.
public struct APIContext: Sendable {
    public let credential: Credential
    public let store: Store

    public init(credential: Credential, store: Store) { self.credential = credential; self.store = store }

    /// 403 if `access` is `.write` and the credential is read-only.
    public func require(_ access: Access) throws(APIError) { fatalError("draft") }

    /// The page if it exists and the credential reaches its project (also checks `access`), else
    /// `.notFound("Status page not found")`. With `projectId`, the page must also belong to it.
    public func statusPage(_ id: String, projectId: String? = nil, for access: Access) throws -> StatusPage {
        fatalError("draft")
    }
}

/// A JSON value as parsed from a request body, object keys in document order.
public indirect enum JSONValue: Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(key: String, value: JSONValue)])
    // Equatable, subscripts `value["key"]`, and `static func parse(_ bytes: [UInt8]) throws(APIError) -> JSONValue`
    // (malformedJSON on bad input; depth-limited) are provided by the implementation.
}

/// Ordered JSON output written straight to bytes (fast, no Foundation encoders on the hot path).
/// Usage: `var w = JSONWriter(); w.object { o in o.field("id", incident.id); o.field("ended", nil as String?) }`.
/// `w.bytes` is the UTF-8 document.
public struct JSONWriter: Sendable { /* provided by the implementation */ }

/// Reads a request's JSON body: 415 when Content-Type is present and not JSON (application/json or
/// `+json`), 400 `.malformedJSON` when unparsable or not an object, and typed field access that
/// collects every `FieldIssue` before throwing one `.validation(message: "Invalid request body", ...)`.
/// `reader.string("title", required: true, length: 1...256)`, `reader.enumeration("status", IncidentStatus.self ...)`
/// etc. are provided by the implementation.
public struct JSONBodyReader { /* provided by the implementation */ }

/// `page`, `per_page`/`limit` parsing with defaults and bounds, collecting `FieldIssue`s.
public struct PagingParameters { /* provided by the implementation */ }
