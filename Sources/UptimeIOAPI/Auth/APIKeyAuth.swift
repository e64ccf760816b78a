import HTTPTypes
import StatusdAPI
import StatusdCore
import StatusdHTTP
import StatusdStore

/// UptimeIO authentication: the credential comes from `X-API-Key` and nowhere else (an
/// `Authorization: Bearer` header is not a key here). Missing, unknown or revoked: 401.
struct APIKeyAuth: Sendable {
    typealias AuthenticatedHandler = @Sendable (HTTPServerRequest, APIContext) throws -> HTTPServerResponse

    static let headerName = HTTPField.Name("X-API-Key")!

    let store: Store

    /// Wraps a handler so it runs only for a live credential, with that credential's context.
    func callAsFunction(_ handler: @escaping AuthenticatedHandler) -> HTTPHandler {
        { [self] request in try handler(request, try context(for: request)) }
    }

    func context(for request: HTTPServerRequest) throws -> APIContext {
        // The store hashes the secret and compares in constant time; the secret is never logged.
        guard let secret = request.headerFields[Self.headerName], !secret.isEmpty,
              let credential = try store.authenticate(secret: secret)
        else { throw APIError.unauthorized }
        return APIContext(credential: credential, store: store)
    }
}

extension APIContext {
    /// The status page named by the path, which must belong to the path's project and be within the
    /// credential's reach; otherwise 404 "Status page not found" (never revealing that it exists).
    func statusPage(of request: HTTPServerRequest, for access: Access) throws -> StatusPage {
        guard let projectId = request.parameters["projectId"], let pageId = request.parameters["statusPageId"]
        else { throw APIError.notFound("Status page not found") }
        return try statusPage(pageId, projectId: projectId, for: access)
    }

    /// The incident named by the path on `page`, else 404 "Incident not found".
    func incident(of request: HTTPServerRequest, on page: StatusPage) throws -> Incident {
        guard let id = request.parameters["incidentId"],
              let incident = try store.incident(id, statusPageId: page.id)
        else { throw APIError.notFound("Incident not found") }
        return incident
    }
}
