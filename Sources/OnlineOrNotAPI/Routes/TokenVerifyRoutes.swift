import StatusdAPI
import StatusdCore
import StatusdHTTP
import StatusdStore

/// `GET /v1/tokens/verify` and `GET /v1/tokens/permissions`: what any live token may ask about
/// itself, whatever its grants. Verify answers as OnlineOrNot's does: 200 `{"id", "status":
/// "active"}`, or 401 with `{"code": 10001, "message": "This API Token is invalid"}` for a missing,
/// unknown, revoked or expired token.
struct TokenVerifyRoutes {
    let authenticator: Authenticator

    static let invalidMessage = "This API Token is invalid"

    func verify(_ request: HTTPServerRequest) throws -> HTTPServerResponse {
        guard let credential = try holder(request) else { return Self.invalid }
        return .onlineOrNot { json in
            json.beginObject()
            json.field("id", credential.id)
            json.field("status", "active")
            json.endObject()
        }
    }

    /// The token's grants as OnlineOrNot lists permissions: `status_pages (edit)`.
    func permissions(_ request: HTTPServerRequest) throws -> HTTPServerResponse {
        guard let credential = try holder(request) else { return Self.invalid }
        let names = credential.grants.list.map { "\($0.scope.rawValue.lowercased()) (\($0.permission.rawValue.lowercased()))" }
        return .onlineOrNot { json in
            json.beginObject()
            json.field("permissions", strings: names)
            json.endObject()
        }
    }

    private func holder(_ request: HTTPServerRequest) throws -> Credential? {
        let counters = try authenticator.store.changeCounters(readAfter: request.receivedAt)
        do {
            return try authenticator.context(secret: Authenticator.bearerToken(request), at: counters).credential
        } catch APIError.unauthorized {
            return nil
        }
    }

    private static var invalid: HTTPServerResponse {
        .json(.unauthorized, onlineOrNotErrorBody(code: 10001, message: invalidMessage))
    }
}
