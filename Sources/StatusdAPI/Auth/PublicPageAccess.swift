import Foundation
import Glibc
import StatusdCore
import StatusdHTTP
import StatusdStore

/// Who may see a page's public answers (the summary, and the public page and its feeds, which add
/// an access cookie on top): a page with an
/// `allowed_ips` list only to clients whose address is in it (an empty list restricts nothing),
/// and a page with a password only to a request that sends it with HTTP Basic authentication (any
/// user name; `curl -u :password`). The two shapes' settings are the same columns, so this is where
/// `is_password_protected` and the IP list take effect.
public enum PublicPageAccess {
    public enum Verdict: Equatable, Sendable {
        case allowed
        /// Not from an allowed address: answered as if the page did not exist.
        case hidden
        /// Protected and no (right) password sent: 401 with `WWW-Authenticate`.
        case needsPassword
    }

    public static let challenge = #"Basic realm="status page", charset="UTF-8""#

    public static func verdict(for page: StatusPage, _ request: HTTPServerRequest, store: Store) throws -> Verdict {
        if let allowed = page.allowedIPs, !addressAllowed(allowed, request) { return .hidden }
        guard page.hasPassword else { return .allowed }
        guard let password = basicPassword(request.headerFields[.authorization]),
              try store.statusPage(page.id, passwordMatches: password)
        else { return .needsPassword }
        return .allowed
    }

    /// Whether the client's address is in `allowed` (an empty list allows every address).
    public static func addressAllowed(_ allowed: [String], _ request: HTTPServerRequest) -> Bool {
        if allowed.isEmpty { return true }
        guard let client = request.remoteAddress.flatMap(hostPart) else { return false }
        return allowed.contains { AddressRange.contains($0, client) }
    }

    /// `1.2.3.4:5678` → `1.2.3.4`; `[::1]:5678` → `::1`.
    static func hostPart(_ address: String) -> String? {
        if address.hasPrefix("[") {
            guard let end = address.firstIndex(of: "]") else { return nil }
            return String(address[address.index(after: address.startIndex)..<end])
        }
        return address.split(separator: ":", maxSplits: 1).first.map(String.init)
    }

    /// The password of `Basic base64(user:password)`; nil for anything else.
    static func basicPassword(_ header: String?) -> String? {
        guard let header, header.count > 6, header.prefix(6).lowercased() == "basic " else { return nil }
        let encoded = header.dropFirst(6).trimmingCharacters(in: .whitespaces)
        guard let data = Data(base64Encoded: encoded), let text = String(data: data, encoding: .utf8),
              let colon = text.firstIndex(of: ":")
        else { return nil }
        return String(text[text.index(after: colon)...])
    }
}

/// Whether an address is in an `allowed_ips` entry: one address, or a CIDR range of its family.
/// An IPv4 client seen as IPv4-mapped IPv6 (`::ffff:1.2.3.4`) matches IPv4 entries.
enum AddressRange {
    static func contains(_ entry: String, _ address: String) -> Bool {
        let parts = entry.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let network = bytes(String(parts[0])), var client = bytes(address) else { return false }
        if client.count == 16, network.count == 4, client.prefix(12) == [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF] {
            client = Array(client.suffix(4))
        }
        guard client.count == network.count else { return false }
        let bits = network.count * 8
        let prefix = parts.count == 2 ? Int(parts[1]) ?? -1 : bits
        guard (0...bits).contains(prefix) else { return false }
        for index in 0..<network.count {
            let remaining = prefix - index * 8
            if remaining <= 0 { break }
            let mask: UInt8 = remaining >= 8 ? 0xFF : UInt8(0xFF << (8 - remaining) & 0xFF)
            if client[index] & mask != network[index] & mask { return false }
        }
        return true
    }

    private static func bytes(_ text: String) -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: 16)
        if inet_pton(AF_INET, text, &buffer) == 1 { return Array(buffer.prefix(4)) }
        if inet_pton(AF_INET6, text, &buffer) == 1 { return buffer }
        return nil
    }
}
