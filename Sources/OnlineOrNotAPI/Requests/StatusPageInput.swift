import StatusdAPI
import StatusdHTTP

/// The body of a status page create or update. Create requires `name` (1–100) and `subdomain`
/// (`^\w(?:[\w-]{0,61}\w)?$`); an update (POST or PATCH) applies whichever is present, and
/// `description: null` clears the description. Branding, password and IP fields are type-checked
/// and otherwise not stored.
package struct StatusPageInput {
    var name: String?
    var subdomain: String?
    var description: String??

    package static func forCreate(_ request: HTTPServerRequest) throws(APIError) -> StatusPageInput {
        try read(request, required: true)
    }

    package static func forUpdate(_ request: HTTPServerRequest) throws(APIError) -> StatusPageInput {
        try read(request, required: false)
    }

    private static func read(_ request: HTTPServerRequest, required: Bool) throws(APIError) -> StatusPageInput {
        var reader = try JSONBodyReader(request)
        var input = StatusPageInput(
            name: reader.string("name", required: required, length: 1...100),
            subdomain: reader.string("subdomain", required: required, length: 1...63),
            description: reader.nullableString("description", length: 0...10_000)
        )
        if let subdomain = input.subdomain, !isValidSubdomain(subdomain) {
            reader.issue("subdomain", "Subdomain must be letters, digits, '_' or '-', not starting or ending with '-'")
            input.subdomain = nil
        }
        _ = reader.nullableString("custom_domain")
        _ = reader.nullableString("password")
        _ = reader.bool("hide_from_search_engines")
        _ = reader.stringArray("allowed_ips")
        try reader.finish()
        return input
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
}
