/// A webhook's target, as the sender dials it: `http://host[:port]/path?query`. The one place the
/// URL rule lives, used by the API (to refuse a bad URL with its reason) and by the sender.
///
/// Only plain `http` is accepted: the sender has no TLS client that verifies certificates, and a
/// client that does not verify would give a false sense of security, so `https` is refused with
/// that reason rather than sent unverified.
public struct WebhookURL: Sendable, Hashable {
    public static let maximumLength = 2048

    /// A name or an address; an IPv6 address without its brackets.
    public var host: String
    public var port: Int
    /// The path and query, starting with `/`.
    public var target: String

    /// The URL, or why it is refused (a sentence after "url ").
    public static func parse(_ text: String) -> Result<WebhookURL, Problem> {
        guard text.utf8.count <= maximumLength else { return .failure(.tooLong) }
        guard text.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) else {
            return .failure(.characters)
        }
        let lower = text.lowercased()
        if lower.hasPrefix("https://") { return .failure(.https) }
        guard lower.hasPrefix("http://") else { return .failure(.scheme) }
        let rest = text.dropFirst("http://".count)
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        var target = String(rest[authorityEnd...])
        if target.contains("#") { return .failure(.fragment) }
        if authority.contains("@") { return .failure(.userInfo) }
        if target.isEmpty || target.hasPrefix("?") { target = "/" + target }
        guard let (host, port) = hostAndPort(authority) else { return .failure(.host) }
        return .success(WebhookURL(host: host, port: port, target: target))
    }

    /// `name`, `name:port`, `[v6]`, `[v6]:port`; nil when malformed.
    private static func hostAndPort(_ authority: Substring) -> (String, Int)? {
        var host = authority
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { return nil }
                portText = after.dropFirst()
            }
            guard !host.isEmpty, host.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else { return nil }
        } else {
            if let colon = authority.firstIndex(of: ":") {
                host = authority[..<colon]
                portText = authority[authority.index(after: colon)...]
            }
            let allowed = host.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") }
            guard !host.isEmpty, allowed, !host.hasPrefix("."), !host.hasPrefix("-") else { return nil }
        }
        guard let portText else { return (String(host), 80) }
        guard !portText.isEmpty, portText.count <= 5, portText.allSatisfy(\.isNumber),
              let port = Int(portText), (1...65535).contains(port) else { return nil }
        return (String(host), port)
    }

    /// Why a URL is refused.
    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        case tooLong, characters, https, scheme, fragment, userInfo, host

        public var description: String {
            switch self {
            case .tooLong: "must be at most \(WebhookURL.maximumLength) characters"
            case .characters: "must be printable ASCII without spaces (percent-encode the rest)"
            case .https:
                "must use http: statusd has no certificate-verifying TLS client for webhooks yet, and will not send unverified https"
            case .scheme: "must be an absolute http:// URL"
            case .fragment: "must not have a #fragment"
            case .userInfo: "must not carry user information (user:password@)"
            case .host: "must name a host (and a port of 1-65535, if any)"
            }
        }
    }
}
