import Dispatch
import HTTPTypes
import OnlineOrNotAPI
import StatusdHTTP
import UptimeIOAPI

/// `--rate-limit`: one token bucket per credential (keyed by the secret the request carries, in
/// either shape's header, so one credential has one bucket whichever shape it calls) and one per
/// client address for requests without a credential (the public page, feeds, the summary). A
/// refused request gets 429 in its shape's envelope with `Retry-After` and `RateLimit-Limit`,
/// `RateLimit-Remaining`, `RateLimit-Reset` (the httpapi rate-limit headers draft), before any
/// handler runs, so a runaway sender costs one lock and a dictionary lookup per request. Health,
/// readiness, metrics and the test-control API are never limited.
struct RateLimitMiddleware: HTTPMiddleware {
    let credentials: TokenBuckets?
    let addresses: TokenBuckets?

    init(options: RateLimitOptions) {
        credentials = options.perCredential.map { TokenBuckets(rate: $0.requestsPerSecond, burst: $0.burst) }
        addresses = options.perAddress.map { TokenBuckets(rate: $0.requestsPerSecond, burst: $0.burst) }
    }

    func handle(_ request: HTTPServerRequest, next: HTTPHandler) throws -> HTTPServerResponse {
        guard let (buckets, key) = bucket(for: request) else { return try next(request) }
        let decision = buckets.take(key, now: DispatchTime.now().uptimeNanoseconds)
        guard decision.allowed else { return Self.refusal(request, decision, limit: buckets.burst) }
        return try next(request)
    }

    /// The bucket a request draws from; nil for routes that are never limited.
    private func bucket(for request: HTTPServerRequest) -> (TokenBuckets, String)? {
        let path = request.path
        if path == "/healthz" || path == "/readyz" || path == "/metrics" || path.hasPrefix("/_statusd/") { return nil }
        let fields = request.headerFields
        if let secret = fields[.authorization] ?? fields[Self.apiKey], !secret.isEmpty {
            guard let credentials else { return nil }
            return (credentials, Self.secretPart(secret))
        }
        guard let addresses else { return nil }
        return (addresses, Self.host(of: request.remoteAddress ?? "unknown"))
    }

    /// `127.0.0.1:5678` → `127.0.0.1`, `[::1]:5678` → `::1`: one bucket per client, not per connection.
    static func host(of address: String) -> String {
        if address.hasPrefix("["), let end = address.firstIndex(of: "]") {
            return String(address[address.index(after: address.startIndex)..<end])
        }
        guard let colon = address.lastIndex(of: ":"), address.firstIndex(of: ":") == colon else { return address }
        return String(address[..<colon])
    }

    private static let apiKey = HTTPField.Name("X-API-Key")!

    /// `Bearer <token>` → `<token>`, so the same secret through either shape is one bucket.
    private static func secretPart(_ value: String) -> String {
        guard value.count > 7, value.prefix(7).lowercased() == "bearer " else { return value }
        return String(value.dropFirst(7))
    }

    /// 429 in the envelope of the path's shape (HTML-free JSON elsewhere), with the headers a client acts on.
    static func refusal(_ request: HTTPServerRequest, _ decision: TokenBuckets.Decision, limit: Int) -> HTTPServerResponse {
        let message = "Too many requests: retry after \(decision.retryAfterSeconds) s"
        let body: [UInt8]
        if request.path.hasPrefix("/v1/") {
            body = onlineOrNotErrorBody(code: 10012, message: message)
        } else if request.path.hasPrefix("/api/") {
            body = uptimeIOErrorBody(code: "RATE_LIMITED", message: message)
        } else {
            body = Array(#"{"error":"too many requests","retry_after":\#(decision.retryAfterSeconds)}"#.utf8)
        }
        var response = HTTPServerResponse(status: .tooManyRequests, body: body)
        response.headerFields[.contentType] = "application/json; charset=utf-8"
        response.headerFields[.retryAfter] = String(decision.retryAfterSeconds)
        response.headerFields[HTTPField.Name("RateLimit-Limit")!] = String(limit)
        response.headerFields[HTTPField.Name("RateLimit-Remaining")!] = String(decision.remaining)
        response.headerFields[HTTPField.Name("RateLimit-Reset")!] = String(decision.retryAfterSeconds)
        return response
    }
}

/// `--rate-limit` and friends: a rate (requests a second) and burst per credential, and per client
/// address for requests without one; nil for either limits nothing there. `ServeOptions.rateLimit`
/// nil (the default for `--demo` and the tests) limits nothing at all.
public struct RateLimitOptions: Sendable, Equatable {
    public struct Limit: Sendable, Equatable {
        public var requestsPerSecond: Double
        public var burst: Int

        public init(requestsPerSecond: Double, burst: Int) {
            self.requestsPerSecond = requestsPerSecond
            self.burst = burst
        }
    }

    public var perCredential: Limit?
    public var perAddress: Limit?

    public init(perCredential: Limit?, perAddress: Limit?) {
        self.perCredential = perCredential
        self.perAddress = perAddress
    }
}
