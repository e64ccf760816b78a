import Foundation

/// Where mail goes: `smtp://[user:password@]host[:port][?tls=no-verify]` (port 25 by default;
/// user and password percent-decoded). STARTTLS is used whenever the server offers it, with the
/// certificate verified against the system's trust store and the host name, unless the URL says
/// `tls=no-verify` (a test server, a self-signed relay). Credentials are sent only after STARTTLS,
/// or to a server on a loopback address.
public struct SMTPURL: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var user: String?
    /// Never logged.
    public var password: String?
    public var verifyCertificate: Bool

    /// Why the text is not an SMTP URL statusd can use; nil when it is one.
    public static func parse(_ text: String) -> Result<SMTPURL, Problem> {
        guard let parts = URLComponents(string: text), parts.scheme?.lowercased() == "smtp" else {
            return .failure(Problem("must start with smtp:// (smtps is not supported: STARTTLS is used when offered)"))
        }
        guard let host = parts.host, !host.isEmpty else { return .failure(Problem("names no host")) }
        let port = parts.port ?? 25
        guard (1...65_535).contains(port) else { return .failure(Problem("has a port outside 1-65535")) }
        guard parts.path.isEmpty || parts.path == "/" else { return .failure(Problem("must have no path")) }
        var verify = true
        for item in parts.queryItems ?? [] {
            guard item.name == "tls", item.value == "no-verify" || item.value == "verify" else {
                return .failure(Problem("knows only the query tls=verify or tls=no-verify"))
            }
            verify = item.value == "verify"
        }
        let user = parts.percentEncodedUser.flatMap { $0.removingPercentEncoding }
        let password = parts.percentEncodedPassword.flatMap { $0.removingPercentEncoding }
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        return .success(SMTPURL(host: bare, port: port, user: user, password: password, verifyCertificate: verify))
    }

    public struct Problem: Error, Equatable, CustomStringConvertible {
        public let description: String
        init(_ text: String) { description = "--smtp-url " + text }
    }

    /// Whether the host is a loopback address (credentials may go there in the clear).
    var isLoopback: Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}
