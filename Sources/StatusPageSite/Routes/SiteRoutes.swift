import HTTPTypes
import StatusdAPI
import StatusdCore
import StatusdHTTP
import StatusdStore

/// The public page's handlers: the page (GET), the password form's answer (POST), the feeds. Each
/// finds its page by `locate` (the subdomain in the path, or the Host of a custom domain), applies
/// the page's access rules, and says what its answer depends on for the cache.
struct SiteRoutes: Sendable {
    static let subdomainParameter = "subdomain"

    let store: Store
    let templates: SiteTemplates
    let access: SiteAccess
    let tlsPort: Bool
    let locate: @Sendable (HTTPServerRequest, Store) throws -> PageAddress?

    /// `GET`: the page, the password form (401) for a protected page without its cookie, or 404.
    func show(_ request: HTTPServerRequest, _ dependencies: ReadDependencies) throws -> HTTPServerResponse {
        guard let address = try locate(request, store) else { return SiteResponse.notFound(templates) }
        switch try access.verdict(for: address.page, request) {
        case .hidden: return SiteResponse.notFound(templates)
        case .needsPassword: return try passwordForm(address, wrong: false)
        case .allowed(let fingerprint): access.record(address.page, fingerprint: fingerprint, into: dependencies)
        }
        let now = store.clock.now()
        guard let number = HistoryWindow.pageNumber(request.queryValue("page")),
              let window = HistoryWindow(number: number, now: now)
        else {
            return SiteResponse.message(templates, .badRequest, "Bad request", "page must be a whole number from 1 to 4000.")
        }
        // Page 1's period moves on at midnight UTC without any write.
        dependencies.holdsUntil(window.end)
        let view = try PageViewBuilder(store: store).build(address, history: window, now: now)
        return Conditional.tagged(SiteResponse.html(.ok, try templates.render(view, "page"), noindex: address.page.hideFromSearchEngines))
    }

    /// `POST` of the password form: the right password sets the access cookie and sends the browser
    /// back to the page (303); a wrong one is 401 with the form again. Never cached.
    func login(_ request: HTTPServerRequest) throws -> HTTPServerResponse {
        guard let address = try locate(request, store), try access.verdict(for: address.page, request) != .hidden else {
            return SiteResponse.notFound(templates)
        }
        var redirect = HTTPServerResponse(status: .seeOther)
        redirect.headerFields[.location] = address.pagePath
        redirect.headerFields[.cacheControl] = "no-store"
        guard address.page.hasPassword, let fingerprint = try store.passwordFingerprint(statusPageId: address.page.id) else {
            return redirect
        }
        guard let contentType = request.headerFields[.contentType]?.lowercased(),
              contentType.hasPrefix("application/x-www-form-urlencoded")
        else { throw APIError.unsupportedMediaType }
        let form = QueryString.parse(Substring(String(decoding: request.body, as: UTF8.self)))
        guard let password = form.first(where: { $0.name == "password" })?.value, !password.isEmpty,
              try store.statusPage(address.page.id, passwordMatches: password)
        else { return try passwordForm(address, wrong: true) }
        redirect.headerFields[.setCookie] = try access.cookie.issue(
            pageId: address.page.id, fingerprint: fingerprint, now: store.clock.now(), path: address.cookiePath,
            secure: SiteResponse.isHTTPS(request, tlsPort: tlsPort))
        return redirect
    }

    /// 401 with the form and nothing of the page's. The challenge names a scheme no browser acts
    /// on (RFC 9110 §11.6.1 wants one), so the form shows instead of a Basic login box.
    func passwordForm(_ address: PageAddress, wrong: Bool) throws -> HTTPServerResponse {
        let view = PasswordView(action: address.pagePath, wrong: wrong, noindex: address.page.hideFromSearchEngines)
        var response = SiteResponse.html(.unauthorized, try templates.render(view, "password"), noindex: true)
        response.headerFields[.wwwAuthenticate] = #"Form realm="status page""#
        response.headerFields[.cacheControl] = "no-store"
        return response
    }

    /// A feed: the same access rules as the page (a protected page's feed needs the cookie or the
    /// password by Basic authentication: 401 otherwise).
    func feed(_ format: FeedFormat) -> PublicReadHandler {
        { request, dependencies in
            guard let address = try locate(request, store) else { return SiteResponse.notFound(templates) }
            switch try access.verdict(for: address.page, request) {
            case .hidden: return SiteResponse.notFound(templates)
            case .needsPassword:
                var response = SiteResponse.message(templates, .unauthorized, "Password required", "Open the status page and enter its password first.")
                response.headerFields[.wwwAuthenticate] = PublicPageAccess.challenge
                return response
            case .allowed(let fingerprint): access.record(address.page, fingerprint: fingerprint, into: dependencies)
            }
            let content = try FeedBuilder(store: store).build(
                address.page, origin: origin(request), homePath: address.pagePath, selfPath: address.path(format.path))
            var response = HTTPServerResponse(status: .ok, body: try format.body(content, templates))
            response.headerFields[.contentType] = format.contentType
            SiteResponse.protect(&response, noindex: address.page.hideFromSearchEngines)
            return Conditional.tagged(response, lastModified: content.lastModified)
        }
    }

    /// `https://status.example.com`: the scheme and Host the visitor used (HostAuthority's rule
    /// keeps anything but a host and port out), for the feeds' absolute links.
    func origin(_ request: HTTPServerRequest) -> String {
        let scheme = SiteResponse.isHTTPS(request, tlsPort: tlsPort) ? "https" : "http"
        let authority = request.head.authority.flatMap(HostAuthority.init)?.text ?? "localhost"
        return "\(scheme)://\(authority)"
    }
}

/// The three feed formats.
enum FeedFormat: CaseIterable, Sendable {
    case atom, rss, json

    var path: String {
        switch self {
        case .atom: "/feed.atom"
        case .rss: "/feed.rss"
        case .json: "/feed.json"
        }
    }

    var contentType: String {
        switch self {
        case .atom: "application/atom+xml; charset=utf-8"
        case .rss: "application/rss+xml; charset=utf-8"
        case .json: "application/feed+json; charset=utf-8"
        }
    }

    func body(_ content: FeedContent, _ templates: SiteTemplates) throws -> [UInt8] {
        switch self {
        case .atom: try templates.render(content, "feed.atom")
        case .rss: try templates.render(content, "feed.rss")
        case .json: JSONFeed.body(content)
        }
    }
}
