import StatusdCore
import StatusdHTTP
import StatusdStore

/// A published page and where this request reached it: under `/status/{subdomain}`, or at the root
/// of its custom domain. Links, the form's action and the cookie's path are made from `basePath`.
struct PageAddress: Sendable {
    let page: StatusPage
    /// `/status/demo`, or `` at a custom domain's root.
    let basePath: String

    /// The page itself: `/status/demo` or `/`.
    var pagePath: String { basePath.isEmpty ? "/" : basePath }
    var cookiePath: String { pagePath }

    func path(_ suffix: String) -> String { basePath + suffix }

    /// The page of the request's `subdomain` path parameter; nil when absent, deleted or unpublished.
    static func bySubdomain(_ request: HTTPServerRequest, _ store: Store) throws -> PageAddress? {
        guard let subdomain = request.parameters[SiteRoutes.subdomainParameter],
              let page = try store.statusPage(subdomain: subdomain), page.isPublished
        else { return nil }
        return PageAddress(page: page, basePath: "/status/" + PercentEncoding.pathSegment(subdomain))
    }

    /// The page whose `custom_domain` is the request's Host (letter case and port ignored).
    static func byHost(_ request: HTTPServerRequest, _ store: Store) throws -> PageAddress? {
        guard let host = requestHost(request), let page = try store.statusPage(customDomain: host), page.isPublished
        else { return nil }
        return PageAddress(page: page, basePath: "")
    }

    /// The Host's name, lowercase, without port or a final dot; nil when it is not a valid authority.
    static func requestHost(_ request: HTTPServerRequest) -> String? {
        guard let authority = request.head.authority.flatMap(HostAuthority.init) else { return nil }
        return authority.host.hasSuffix(".") ? String(authority.host.dropLast()) : authority.host
    }
}

/// RFC 3986 percent-encoding of everything but the unreserved characters.
enum PercentEncoding {
    static func pathSegment(_ text: String) -> String {
        let digits = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                 UInt8(ascii: "~"):
                out.append(byte)
            default:
                out += [UInt8(ascii: "%"), digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
