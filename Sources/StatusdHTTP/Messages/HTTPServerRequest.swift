import HTTPTypes
import StatusdSync

/// A parsed request as handlers see it: head (swift-http-types), body bytes, query and path parameters.
public struct HTTPServerRequest: Sendable {
    /// Method, raw request target (`head.path`), header fields in order.
    public var head: HTTPRequest
    /// The path part of the target, not percent-decoded (`/v1/status_pages/a1b2c3d4/incidents`).
    public var path: String
    /// Query items in order, percent-decoded (`+` is a space). Repeated names are kept.
    public var query: [(name: String, value: String)]
    /// Named path parameters, percent-decoded; filled in by the router.
    public var parameters: [String: String]
    /// The whole body (chunked bodies already de-chunked); empty when none.
    public var body: [UInt8]
    /// The peer's address (`127.0.0.1:53122`, `[::1]:53122`), or nil when not from a socket.
    public var remoteAddress: String?
    /// The matched route's pattern (`/v1/status_pages/:status_page_id`), set by the router before
    /// middleware runs; nil when no route matched. Metrics label requests with it.
    public var route: String?
    /// When (`MonotonicClock`) every byte of the request had been read from its socket: whatever
    /// was committed before the client sent it was committed before this.
    public var receivedAt: UInt64

    public var method: HTTPRequest.Method { head.method }
    public var headerFields: HTTPFields { head.headerFields }

    /// The first value of a query item, or nil.
    public func queryValue(_ name: String) -> String? { query.first { $0.name == name }?.value }

    /// A request built in memory (tests, in-process routing): `target` may carry a query string.
    public init(
        method: HTTPRequest.Method, target: String, headerFields: HTTPFields = [:], body: [UInt8] = [],
        remoteAddress: String? = nil
    ) {
        let split = RequestTarget(target)
        self.head = HTTPRequest(
            method: method, scheme: nil, authority: headerFields[KnownFieldNames.host], path: target, headerFields: headerFields)
        self.path = split.path
        self.query = split.query.map(QueryString.parse) ?? []
        self.parameters = [:]
        self.body = body
        self.remoteAddress = remoteAddress
        self.receivedAt = MonotonicClock.now()
    }
}
