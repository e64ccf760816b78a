import StatusdAPI
import StatusdCore
import StatusdHTTP
import StatusdStore

/// The public, unauthenticated `GET /v1/status_pages/{subdomain}/summary`: what a status page shows.
struct SummaryRoutes {
    let store: Store

    /// 401 in the OnlineOrNot envelope, with the Basic challenge a browser or `curl -u` answers.
    static var passwordRequired: HTTPServerResponse {
        var response = HTTPServerResponse.json(.unauthorized, onlineOrNotErrorBody(
            code: OnlineOrNotErrorCode.unauthorized.rawValue,
            message: "This status page is password protected: send its password with HTTP Basic authentication"))
        response.headerFields[.wwwAuthenticate] = PublicPageAccess.challenge
        return response
    }

    /// `{status: {description}, status_page, components, active_incidents, scheduled_maintenance}`:
    /// the windows not yet over (open ones and those to come), soonest first, at most 100.
    /// Cached like the API's answers, under the page's change counter; a page with allowed
    /// addresses checks them on every cached answer too, and a protected page's answer is never
    /// reused (the password is checked for each request).
    func show(_ request: HTTPServerRequest, _ dependencies: ReadDependencies) throws -> HTTPServerResponse {
        let subdomain = try request.pathParameter(IncidentRoutes.pageParameter)
        // An unpublished page (UptimeIO's is_published false) is not shown publicly, as if absent.
        guard let page = try store.statusPage(subdomain: subdomain), page.isPublished else {
            throw APIError.notFound("Status page not found")
        }
        switch try PublicPageAccess.verdict(for: page, request, store: store) {
        case .allowed: break
        case .hidden: throw APIError.notFound("Status page not found")
        case .needsPassword: return Self.passwordRequired
        }
        dependencies.notePage(page.id)
        if page.hasPassword { dependencies.forbidCaching() }
        if let allowed = page.allowedIPs, !allowed.isEmpty {
            dependencies.admitOnly { PublicPageAccess.addressAllowed(allowed, $0) }
        }
        let components = try store.components(statusPageId: page.id)
        let incidents = try store.openIncidents(statusPageId: page.id)
        let now = store.clock.now()
        let maintenance = try store.upcomingScheduledMaintenance(statusPageId: page.id, at: now, limit: Self.maintenanceLimit)
        let status = PageStatus(components: components)
        let names = Dictionary(components.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        return .onlineOrNot { json in
            json.beginObject()
            json.key("status")
            json.beginObject()
            json.field("description", status.description)
            json.endObject()
            json.key("status_page")
            StatusPageJSON(page: page, status: status, forPublic: true).write(to: &json)
            json.key("components")
            json.beginArray()
            for component in components { ComponentJSON(component: component).write(to: &json) }
            json.endArray()
            json.key("active_incidents")
            json.beginArray()
            for incident in incidents { IncidentJSON(incident: incident, componentNames: names).write(to: &json) }
            json.endArray()
            json.key("scheduled_maintenance")
            json.beginArray()
            for window in maintenance {
                ScheduledMaintenanceJSON(maintenance: window, componentNames: names, now: now).write(to: &json)
            }
            json.endArray()
            json.endObject()
        }
    }

    static let maintenanceLimit = 100
}
