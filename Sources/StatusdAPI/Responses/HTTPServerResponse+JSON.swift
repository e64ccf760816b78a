import HTTPTypes
import StatusdHTTP

extension HTTPServerResponse {
    /// The contract's content type for every response of both shapes.
    public static let jsonContentType = "application/json; charset=utf-8"

    /// A JSON response with the contract's `Content-Type`.
    public static func json(_ status: HTTPResponse.Status, _ body: [UInt8]) -> HTTPServerResponse {
        var fields = HTTPFields()
        fields[.contentType] = jsonContentType
        return HTTPServerResponse(status: status, headerFields: fields, body: body)
    }

    /// A JSON error response; adds `Allow` for 405 and `Retry-After` for 503.
    public static func jsonError(_ error: APIError, _ body: [UInt8]) -> HTTPServerResponse {
        var response = json(error.status, body)
        switch error {
        case .methodNotAllowed(let allow):
            response.headerFields[.allow] = allow.map(\.rawValue).joined(separator: ", ")
        case .storageUnavailable(let trouble):
            response.headerFields[.retryAfter] = String(trouble.retryAfterSeconds)
        default:
            break
        }
        return response
    }
}
