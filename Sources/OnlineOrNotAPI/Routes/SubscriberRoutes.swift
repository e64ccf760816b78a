import StatusdAPI
import StatusdCore
import StatusdHTTP
import StatusdStore

/// `/v1/status_pages/{status_page_id}/subscribers[/{subscriber_id}]`: the 2026 spec's list, create
/// and delete. Subscribers are never shown publicly (not in the summary).
struct SubscriberRoutes {
    static let subscriberParameter = "subscriber_id"

    /// Newest first, paged like every OnlineOrNot list; `search` matches part of the address.
    func list(_ request: HTTPServerRequest, _ context: APIContext) throws -> HTTPServerResponse {
        let page = try context.statusPage(request.pathParameter(IncidentRoutes.pageParameter), for: .read)
        let parameters = try ListParameters(request)
        let result = try context.store.subscribers(
            statusPageId: page.id, search: parameters.search, page: parameters.paging.page,
            perPage: parameters.paging.pageSize)
        return .onlineOrNotList(result.items, paging: parameters.paging, total: result.total) {
            SubscriberJSON(subscriber: $1).write(to: &$0)
        }
    }

    /// 201 (the 2026 spec) with the new, unconfirmed subscriber; 409 when the page has the address
    /// in any letter case.
    func create(_ request: HTTPServerRequest, _ context: APIContext) throws -> HTTPServerResponse {
        let page = try context.statusPage(request.pathParameter(IncidentRoutes.pageParameter), for: .write)
        let input = try SubscriberInput.forCreate(request)
        let subscriber = try context.store.createSubscriber(statusPageId: page.id, emailAddress: input.emailAddress)
        return .onlineOrNot(.created) { SubscriberJSON(subscriber: subscriber).write(to: &$0) }
    }

    /// Answers the deleted subscriber's id as stored (a UUID matches in any letter case).
    func delete(_ request: HTTPServerRequest, _ context: APIContext) throws -> HTTPServerResponse {
        let page = try context.statusPage(request.pathParameter(IncidentRoutes.pageParameter), for: .write)
        let id = try request.pathParameter(Self.subscriberParameter)
        guard let deleted = try IdSpelling.variants(id).first(where: {
            try context.store.deleteSubscriber($0, statusPageId: page.id)
        }) else { throw APIError.notFound("Subscriber not found") }
        return .onlineOrNotDeleted(deleted)
    }
}
