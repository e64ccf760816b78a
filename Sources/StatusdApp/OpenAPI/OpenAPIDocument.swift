import Foundation
import HTTPTypes
import StatusdHTTP
import StatusdSync

/// The OpenAPI document shipped with the binary (`openapi/statusd.openapi.json`), read once, served
/// with its `servers` URL set to the address the client used: Swagger UI, Postman and generated
/// clients then call this server, not a placeholder.
final class ServedOpenAPIDocument: Sendable {
    private let isTLS: Bool
    /// The listening address (`127.0.0.1:8080`), for a request without a usable Host; known once bound.
    private let listening = Locked("127.0.0.1:8080")

    init(isTLS: Bool) {
        self.isTLS = isTLS
    }

    /// Records where the server listens; wildcard addresses become loopback, which a client can call.
    func listening(host: String, port: Int) {
        let shown = switch host {
        case "0.0.0.0", "": "127.0.0.1"
        case "::": "[::1]"
        default: host.contains(":") ? "[\(host)]" : host
        }
        listening.withLock { $0 = "\(shown):\(port)" }
    }

    /// The document for one request: `https` on a TLS port or after a proxy's `X-Forwarded-Proto:
    /// https`, and the request's `X-Forwarded-Host` or `Host` when it is a valid `host[:port]`.
    func response(for request: HTTPServerRequest) -> HTTPServerResponse {
        var response = HTTPServerResponse(status: .ok, body: body(for: request))
        response.headerFields[.contentType] = "application/json; charset=utf-8"
        response.headerFields[.vary] = "X-Forwarded-Host, X-Forwarded-Proto"
        return response
    }

    func body(for request: HTTPServerRequest) -> [UInt8] {
        let (head, tail) = Self.split
        guard !tail.isEmpty else { return head }
        var body = head
        body.reserveCapacity(head.count + tail.count + 64)
        body.append(UInt8(ascii: "\""))
        body.append(contentsOf: serverURL(for: request).utf8)
        body.append(UInt8(ascii: "\""))
        body.append(contentsOf: tail)
        return body
    }

    /// Only `[a-z0-9.:\[\]-]` can reach the URL (HostAuthority's rule), so it needs no JSON escaping.
    func serverURL(for request: HTTPServerRequest) -> String {
        let fields = request.headerFields
        let forwardedProto = fields[Self.forwardedProto]?.lowercased()
        let scheme = forwardedProto == "https" || forwardedProto == "http" ? forwardedProto! : (isTLS ? "https" : "http")
        let authority = [fields[Self.forwardedHost], request.head.authority].lazy.compactMap { value in
            value.flatMap { HostAuthority(String($0.split(separator: ",").first ?? "").trimmingCharacters(in: .whitespaces)) }
        }.first
        let shown = authority.map { parsed in
            // The default port of the scheme is left out, as browsers write it.
            parsed.port == (scheme == "https" ? 443 : 80) ? parsed.host : parsed.text
        } ?? listening.withLock { $0 }
        return "\(scheme)://\(shown)"
    }

    private static let forwardedProto = HTTPField.Name("X-Forwarded-Proto")!
    private static let forwardedHost = HTTPField.Name("X-Forwarded-Host")!

    /// The document up to the quoted servers URL, and after it. Read on the first request for it, not
    /// at start-up: 300 KB that an idle server (and most servers: it is for tools) never needs.
    private static let split: (head: [UInt8], tail: [UInt8]) = {
        let bytes = shipped()
        let placeholder = Array(#""http://127.0.0.1:8080""#.utf8)
        guard let servers = bytes.firstRange(of: Array(#""servers""#.utf8)),
              let url = bytes[servers.upperBound...].firstRange(of: placeholder)
        else { return (bytes, []) }
        return (Array(bytes[..<url.lowerBound]), Array(bytes[url.upperBound...]))
    }()

    private static func shipped() -> [UInt8] {
        guard let url = Bundle.module.url(forResource: "statusd.openapi", withExtension: "json"),
              let data = try? Data(contentsOf: url)
        else { return Array(#"{"error":"openapi document missing from the installation"}"#.utf8) }
        return Array(data)
    }
}
