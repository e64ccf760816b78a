import Glibc
import StatusdAPI
import StatusdCore
import StatusdHTTP

/// The body of a status page create or update. Create requires `name` (1–100) and `subdomain`
/// (`^\w(?:[\w-]{0,61}\w)?$`); an update (POST or PATCH) applies whichever fields are present.
/// Every field the 2026 spec lists is kept: `custom_domain`, `description`, `hide_from_search_engines`,
/// `allowed_ips` (addresses or CIDR ranges; null clears), the branding URLs (`favicon_url`,
/// `logo_url`, `dark_logo_url`, or `favicon`, `logo`, `dark_logo` as the Terraform provider sends
/// them), and `password` (null or "" removes it; only `has_password` is ever shown).
package struct StatusPageInput {
    var changes = StatusPageChanges()

    package static func forCreate(_ request: HTTPServerRequest) throws(APIError) -> StatusPageInput {
        try read(request, required: true)
    }

    package static func forUpdate(_ request: HTTPServerRequest) throws(APIError) -> StatusPageInput {
        try read(request, required: false)
    }

    static let maximumAllowedIPs = 100

    private static func read(_ request: HTTPServerRequest, required: Bool) throws(APIError) -> StatusPageInput {
        var reader = try JSONBodyReader(request)
        var changes = StatusPageChanges(
            name: reader.string("name", required: required, length: 1...100),
            subdomain: reader.string("subdomain", required: required, length: 1...63),
            customDomain: emptyIsNull(reader.nullableString("custom_domain", length: 0...255)),
            description: reader.nullableString("description", length: 0...10_000),
            hideFromSearchEngines: reader.bool("hide_from_search_engines"),
            faviconURL: url(&reader, "favicon_url", alias: "favicon"),
            logoURL: url(&reader, "logo_url", alias: "logo"),
            darkLogoURL: url(&reader, "dark_logo_url", alias: "dark_logo"),
            password: reader.nullableString("password", length: 0...256),
            allowedIPs: reader.nullableStringArray("allowed_ips", maximumCount: maximumAllowedIPs, length: 1...64)
        )
        if let subdomain = changes.subdomain, !isValidSubdomain(subdomain) {
            reader.issue("subdomain", "Subdomain must be letters, digits, '_' or '-', not starting or ending with '-'")
            changes.subdomain = nil
        }
        if case .some(.some(let domain)) = changes.customDomain, domain.utf8.contains(where: { $0 <= 0x20 || $0 == 0x7F }) {
            reader.issue("custom_domain", "Custom_domain must not contain spaces or control characters")
        }
        if case .some(.some(let list)) = changes.allowedIPs {
            let invalid = list.filter { !isAddressOrRange($0) }
            if !invalid.isEmpty {
                reader.issue("allowed_ips", "Allowed_ips must be IP addresses or CIDR ranges: \(invalid.joined(separator: ", "))")
            }
        }
        try reader.finish()
        return StatusPageInput(changes: changes)
    }

    /// A branding URL under its spec name or the provider's; the spec name wins when both are sent.
    /// `""` clears it, as null does.
    private static func url(_ reader: inout JSONBodyReader, _ key: String, alias: String) -> String?? {
        let aliased = reader.nullableString(alias, length: 0...2048)
        let named = reader.nullableString(key, length: 0...2048)
        return emptyIsNull(named ?? aliased)
    }

    private static func emptyIsNull(_ value: String??) -> String?? {
        if case .some(.some(let text)) = value, text.isEmpty { return .some(nil) }
        return value
    }

    /// `^\w(?:[\w-]{0,61}\w)?$` over ASCII word characters.
    static func isValidSubdomain(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        func isWord(_ byte: UInt8) -> Bool {
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == 0x5F
        }
        guard (1...63).contains(bytes.count), isWord(bytes[0]), isWord(bytes[bytes.count - 1]) else { return false }
        return bytes.allSatisfy { isWord($0) || $0 == UInt8(ascii: "-") }
    }

    /// An IPv4 or IPv6 address (`inet_pton`), optionally `/prefix` within the family's bits.
    static func isAddressOrRange(_ text: String) -> Bool {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        let address = String(parts[0])
        var buffer = [UInt8](repeating: 0, count: 16)
        let bits: Int
        if inet_pton(AF_INET, address, &buffer) == 1 {
            bits = 32
        } else if inet_pton(AF_INET6, address, &buffer) == 1 {
            bits = 128
        } else {
            return false
        }
        guard parts.count == 2 else { return true }
        let prefix = parts[1]
        guard !prefix.isEmpty, prefix.count <= 3, prefix.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
              let length = Int(prefix) else { return false }
        return length <= bits
    }
}
