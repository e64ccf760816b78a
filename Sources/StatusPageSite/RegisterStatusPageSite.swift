import HTTPTypes
import StatusdAPI
import StatusdHTTP
import StatusdStore

/// Registers the public status page: `/status/{subdomain}` (GET the page, POST its password form),
/// its feeds `/status/{subdomain}/feed.atom|feed.rss|feed.json`, the links in subscriber mail
/// (`/status/{subdomain}/subscribers/confirm`, `/status/{subdomain}/unsubscribe`), the stylesheet and script under
/// `/status/assets/`, and the same page and feeds at `/` of a page's custom domain (by Host). GETs
/// are answered from `cache` like the API's public summary, keyed by what the answer depends on.
/// `tlsPort`: the server speaks HTTPS itself (cookies are then `Secure`).
public func registerStatusPageSite(on router: HTTPRouter, store: Store, cache: ResponseCache?, tlsPort: Bool) throws {
    let templates = try SiteTemplates.bundled()
    let api = APIRoutes(
        authenticator: Authenticator(store: store), componentsField: "components", cache: cache,
        secret: { _ in nil }, render: { SiteResponse.render($0, templates) })
    router.group(prefix: "/status/", middleware: [], renderer: { _, failure in SiteResponse.render(APIError(failure), templates) })
    let access = SiteAccess(store: store, cookie: AccessCookie(key: ServerKey(store: store, name: "page_access")))
    let bySubdomain = SiteRoutes(store: store, templates: templates, access: access, tlsPort: tlsPort, locate: PageAddress.bySubdomain)
    let byHost = SiteRoutes(store: store, templates: templates, access: access, tlsPort: tlsPort, locate: PageAddress.byHost)

    router.on(.get, "/status/assets/page.css") { _ in SiteAssets.response(SiteAssets.bundled.css) }
    router.on(.get, "/status/assets/page.js") { _ in SiteAssets.response(SiteAssets.bundled.script) }

    // The page under /status/ shows only relative links: its target is all it depends on. At a
    // custom domain, and for the feeds' absolute links, the scheme and Host count too.
    let target: @Sendable (HTTPServerRequest) -> String = { APIRoutes.requestTarget($0) }
    let site: @Sendable (HTTPServerRequest) -> String = { request in
        bySubdomain.origin(request) + " " + APIRoutes.requestTarget(request)
    }
    func get(_ path: String, _ key: @escaping @Sendable (HTTPServerRequest) -> String, _ handler: @escaping PublicReadHandler) {
        let read = api.publicRead(keyedBy: key, handler)
        router.on(
            .get, path, quick: { request in api.cachedPublicAnswer(request, keyedBy: key).map { Conditional.answer(request, $0) } },
            { request in Conditional.answer(request, try read(request)) })
    }

    let page = "/status/:\(SiteRoutes.subdomainParameter)"
    get(page, target, bySubdomain.show)
    router.on(.post, page) { request in try api.rendering { try bySubdomain.login(request) } }
    get("/", site, byHost.show)
    router.on(.post, "/") { request in try api.rendering { try byHost.login(request) } }
    let mail = SubscriberLinkRoutes(store: store, templates: templates, links: SubscriberLinks(store: store))
    router.on(.get, page + "/subscribers/confirm") { request in try api.rendering { try mail.confirm(request) } }
    router.on(.get, page + "/unsubscribe") { request in try api.rendering { try mail.unsubscribeForm(request) } }
    router.on(.post, page + "/unsubscribe") { request in try api.rendering { try mail.unsubscribe(request) } }
    for format in FeedFormat.allCases {
        get(page + format.path, site, bySubdomain.feed(format))
        get(format.path, site, byHost.feed(format))
    }
}
