import StatusdAPI
import StatusdCore
import StatusdHTTP

extension APIContext {
    /// The status page named by the path, which must belong to the path's project and be within the
    /// credential's reach; otherwise 404 "Status page not found" (never revealing that it exists).
    func statusPage(of request: HTTPServerRequest, for access: Access) throws -> StatusPage {
        guard let projectId = request.parameters["projectId"], let pageId = request.parameters["statusPageId"]
        else { throw APIError.notFound("Status page not found") }
        return try statusPage(pageId, projectId: projectId, for: access)
    }

    /// The incident named by the path on `page` (its UUID in any case), else 404 "Incident not found".
    func incident(of request: HTTPServerRequest, on page: StatusPage) throws -> Incident {
        guard let id = request.parameters["incidentId"],
              let incident = try IdSpelling.find(id, { try store.incident($0, statusPageId: page.id) })
        else { throw APIError.notFound("Incident not found") }
        return incident
    }

}
