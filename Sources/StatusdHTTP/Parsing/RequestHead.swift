import HTTPTypes
import StatusdSync

/// A validated request head: what the connection needs to frame, answer and route the message.
struct RequestHead: Sendable {
    /// How the body is delimited (RFC 9112 §6.3).
    enum Framing: Sendable, Equatable {
        case none
        case contentLength(Int)
        case chunked
    }

    var method: HTTPRequest.Method
    /// The raw request target as received.
    var target: String
    /// Path part of the target (origin-form, or taken from absolute-form), not percent-decoded.
    var path: String
    /// Query part after `?`, without it; nil when absent.
    var query: Substring?
    /// 0 for HTTP/1.0, 1 for HTTP/1.1.
    var minorVersion: Int
    var fields: HTTPFields
    var host: String?
    var framing: Framing
    /// Whether the connection may stay open after this exchange (RFC 9112 §9.3).
    var keepAlive: Bool
    var expectsContinue: Bool

    var hasBody: Bool { framing != .none && framing != .contentLength(0) }

    /// The request handlers see (body filled in once read).
    func makeRequest(body: [UInt8], remoteAddress: String?, receivedAt: UInt64 = MonotonicClock.now()) -> HTTPServerRequest {
        HTTPServerRequest(head: self, body: body, remoteAddress: remoteAddress, receivedAt: receivedAt)
    }
}

extension HTTPServerRequest {
    init(head: RequestHead, body: [UInt8], remoteAddress: String?, receivedAt: UInt64) {
        self.head = HTTPRequest(
            method: head.method, scheme: nil, authority: head.host, path: head.target,
            headerFields: head.fields)
        self.path = head.path
        self.query = head.query.map(QueryString.parse) ?? []
        self.parameters = [:]
        self.body = body
        self.remoteAddress = remoteAddress
        self.receivedAt = receivedAt
    }
}
