import StatusdHTTP

/// Which browser origins may call the API from their pages (`--cors-origin`). None by default: a
/// status backend's credentials belong in servers and CI, and a browser app on another origin is
/// let in only when its operator names it.
public struct CORSPolicy: Sendable, Equatable {
    /// Every origin (`*`): `Access-Control-Allow-Origin: *`, never with credentials.
    public let allowsEveryOrigin: Bool
    /// Serialised origins (`https://app.example.com`, `http://localhost:3000`), lowercased, default port dropped.
    public let origins: Set<String>

    /// Headers a browser app may send: the two shapes' credentials, JSON bodies, idempotency keys,
    /// conditional requests and a caller's own request id.
    static let allowedRequestHeaders =
        "Authorization, Content-Type, X-API-Key, Idempotency-Key, If-None-Match, If-Modified-Since, X-Request-Id"
    /// Response headers a browser app may read beyond the CORS-safelisted ones.
    static let exposedResponseHeaders = "ETag, Location, Retry-After, X-Request-Id, X-Statusd-Fault"
    /// How long a browser may reuse a preflight answer, in seconds (Chromium caps it at 7200).
    static let preflightMaxAgeSeconds = "600"

    /// Parses the values of `--cors-origin`: `*` alone, or origins `scheme://host[:port]` with
    /// scheme http or https and nothing after the authority.
    public init(origins values: [String]) throws(CORSOriginInvalid) {
        var origins = Set<String>()
        var everyOrigin = false
        for value in values {
            if value == "*" {
                everyOrigin = true
            } else {
                origins.insert(try Self.serialisedOrigin(value))
            }
        }
        if everyOrigin && !origins.isEmpty {
            throw CORSOriginInvalid(value: "*", reason: "'*' already allows every origin; give it alone")
        }
        self.allowsEveryOrigin = everyOrigin
        self.origins = origins
    }

    /// The `Access-Control-Allow-Origin` value for a request's `Origin`, or nil when it is not allowed.
    func allowOrigin(for requestOrigin: String) -> String? {
        if allowsEveryOrigin { return "*" }
        guard let serialised = try? Self.serialisedOrigin(requestOrigin), origins.contains(serialised) else {
            return nil
        }
        return requestOrigin
    }

    /// An origin as browsers send it in `Origin`: lowercased scheme and host, no default port.
    static func serialisedOrigin(_ value: String) throws(CORSOriginInvalid) -> String {
        let lowered = value.lowercased()
        let scheme: String
        if lowered.hasPrefix("https://") {
            scheme = "https"
        } else if lowered.hasPrefix("http://") {
            scheme = "http"
        } else {
            throw CORSOriginInvalid(value: value, reason: "an origin starts with http:// or https://")
        }
        let authority = lowered.dropFirst(scheme.count + 3)
        if authority.contains(where: { "/?#@ ".contains($0) }) {
            throw CORSOriginInvalid(
                value: value, reason: "an origin is scheme://host[:port], without a path, a trailing '/' or user info")
        }
        guard let parsed = HostAuthority(String(authority)) else {
            throw CORSOriginInvalid(value: value, reason: "the host or port is not valid")
        }
        let defaultPort = scheme == "https" ? 443 : 80
        let port = parsed.port.flatMap { $0 == defaultPort ? nil : ":\($0)" } ?? ""
        return "\(scheme)://\(parsed.host)\(port)"
    }
}

/// A `--cors-origin` value statusd will not start with.
public struct CORSOriginInvalid: Error, CustomStringConvertible {
    public let value: String
    public let reason: String
    public var description: String { "--cors-origin '\(value)': \(reason)" }
}
