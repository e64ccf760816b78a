import HTTPTypes
import StatusdAPI
import StatusdCore
import StatusdHTTP
import StatusdStore

/// The links in subscriber mail, under `/status/{subdomain}`: `GET subscribers/confirm?token=`
/// confirms the address; `GET unsubscribe?token=` shows a button whose `POST` (the same URL, and
/// what a mail client's one-click unsubscribe sends, RFC 8058) removes the subscriber. A GET never
/// deletes: mail scanners open links. Tokens are `SubscriberLinks`' signed ones; none is cached.
struct SubscriberLinkRoutes: Sendable {
    let store: Store
    let templates: SiteTemplates
    let links: SubscriberLinks

    func confirm(_ request: HTTPServerRequest) throws -> HTTPServerResponse {
        guard let subscriber = try subscriber(request, .confirm),
              try Store.withAuditActor(.subscriber(subscriber.id, request), {
                  try store.confirmSubscriber(subscriber.id)
              }) != nil
        else { return invalidLink() }
        return noStore(SiteResponse.message(
            templates, .ok, "Subscription confirmed",
            "\(subscriber.emailAddress) will get e-mail about incidents and maintenance on this status page."))
    }

    func unsubscribeForm(_ request: HTTPServerRequest) throws -> HTTPServerResponse {
        guard let subscriber = try subscriber(request, .unsubscribe), let token = request.queryValue("token"),
              let page = try store.statusPage(subdomain: request.parameters[SiteRoutes.subdomainParameter] ?? "")
        else { return try alreadyGone(request) }
        let view = UnsubscribeView(
            pageName: page.name, emailAddress: subscriber.emailAddress,
            action: "/status/\(PercentEncoding.pathSegment(page.subdomain))/unsubscribe?token=\(PercentEncoding.pathSegment(token))")
        return noStore(SiteResponse.html(.ok, try templates.render(view, "unsubscribe"), noindex: true))
    }

    /// Removes the subscriber; a genuine token of one already removed says so too (idempotent).
    func unsubscribe(_ request: HTTPServerRequest) throws -> HTTPServerResponse {
        guard let subscriber = try subscriber(request, .unsubscribe) else { return try alreadyGone(request) }
        _ = try Store.withAuditActor(.subscriber(subscriber.id, request)) {
            try store.deleteSubscriber(subscriber.id, statusPageId: subscriber.statusPageId)
        }
        return unsubscribed()
    }

    // MARK: Helpers

    /// The token's subscriber, if the token is genuine and the subscriber is of the path's page.
    private func subscriber(_ request: HTTPServerRequest, _ purpose: SubscriberLinks.Purpose) throws -> Subscriber? {
        guard let token = request.queryValue("token"), let id = try links.subscriberId(from: token, purpose),
              let subscriber = try store.subscriber(id),
              let page = try store.statusPage(subdomain: request.parameters[SiteRoutes.subdomainParameter] ?? ""),
              page.id == subscriber.statusPageId
        else { return nil }
        return subscriber
    }

    /// A genuine unsubscribe token whose subscriber is gone is already done; anything else is not a link of ours.
    private func alreadyGone(_ request: HTTPServerRequest) throws -> HTTPServerResponse {
        guard let token = request.queryValue("token"), try links.subscriberId(from: token, .unsubscribe) != nil else {
            return invalidLink()
        }
        return unsubscribed()
    }

    private func unsubscribed() -> HTTPServerResponse {
        noStore(SiteResponse.message(templates, .ok, "Unsubscribed", "No more e-mail from this status page will be sent to you."))
    }

    private func invalidLink() -> HTTPServerResponse {
        noStore(SiteResponse.message(templates, .notFound, "Link not valid", "This link is not one this status page sent, or it was cut short."))
    }

    private func noStore(_ response: HTTPServerResponse) -> HTTPServerResponse {
        var response = response
        response.headerFields[.cacheControl] = "no-store"
        return response
    }
}

struct UnsubscribeView {
    let pageName: String
    let emailAddress: String
    let action: String
    let assets = SiteAssets.paths
}
