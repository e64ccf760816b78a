import HTTPTypes
import StatusdCore
import StatusdHTTP
import StatusdStore

/// The cookie a visitor gets for a password-protected page once they have typed its password:
/// `statusd_page=<page id hex>.<expiry, Unix seconds>.<HMAC-SHA256 hex>`. The tag is over the page
/// id, the expiry and the fingerprint of the page's stored password hash, keyed by the server secret
/// kept in the database (`Store.serverSecret`): it holds on every process serving the file and
/// after restarts, and stops holding the moment the password is set again or removed.
struct AccessCookie: Sendable {
    static let name = "statusd_page"
    /// Seven days, after which the password is asked for again.
    static let lifetimeSeconds: Int64 = 7 * 86_400

    let key: ServerKey

    /// The `Set-Cookie` value for `page`, for `path`, valid from `now` for `lifetimeSeconds`.
    func issue(pageId: String, fingerprint: [UInt8], now: Timestamp, path: String, secure: Bool) throws -> String {
        let expiry = now.millisecondsSince1970 / 1000 + Self.lifetimeSeconds
        let id = Hex.encode(Array(pageId.utf8))
        let tag = SiteCrypto.hmacSHA256(key: try key.bytes(), Self.message(id: id, expiry: expiry, fingerprint: fingerprint))
        var cookie = "\(Self.name)=\(id).\(expiry).\(Hex.encode(tag)); Path=\(path); Max-Age=\(Self.lifetimeSeconds)"
        cookie += "; HttpOnly; SameSite=Lax"
        if secure { cookie += "; Secure" }
        return cookie
    }

    /// Whether the request carries a cookie that opens `pageId` at `now`, for the password whose
    /// fingerprint is given. Every `statusd_page` cookie sent is tried (one per path may arrive).
    func admits(_ request: HTTPServerRequest, pageId: String, fingerprint: [UInt8], now: Timestamp) -> Bool {
        let values = Self.values(in: request)
        guard !values.isEmpty, let key = try? key.bytes() else { return false }
        let id = Hex.encode(Array(pageId.utf8))
        return values.contains { value in
            let parts = value.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0] == id, let expiry = Int64(parts[1]), expiry > now.millisecondsSince1970 / 1000,
                  let tag = Hex.decode(parts[2])
            else { return false }
            return SiteCrypto.equal(tag, SiteCrypto.hmacSHA256(key: key, Self.message(id: id, expiry: expiry, fingerprint: fingerprint)))
        }
    }

    /// Domain-separated, so the key never signs anything else that could be taken for this.
    private static func message(id: String, expiry: Int64, fingerprint: [UInt8]) -> [UInt8] {
        Array("statusd page access v1\n\(id)\n\(expiry)\n".utf8) + fingerprint
    }

    /// The values of every `statusd_page` pair in the request's Cookie fields (RFC 6265 §5.4).
    static func values(in request: HTTPServerRequest) -> [Substring] {
        request.headerFields[values: .cookie].flatMap { field in
            field.split(separator: ";").compactMap { pair -> Substring? in
                let trimmed = pair.drop { $0 == " " }
                guard trimmed.hasPrefix(name + "=") else { return nil }
                return trimmed.dropFirst(name.count + 1)
            }
        }
    }
}

