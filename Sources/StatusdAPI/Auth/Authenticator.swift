import HTTPTypes
import StatusdCore
import StatusdHTTP
import StatusdStore

/// Turns a presented secret into a live credential, or `.unauthorized`.
///
/// Each shape extracts the secret from its own header (`Authorization: Bearer`, `X-API-Key`); the
/// lookup itself (hash, constant-time compare, revocation) is the store's.
public struct Authenticator: Sendable {
    public let store: Store

    public init(store: Store) {
        self.store = store
    }

    /// With `counters` (read just before), a credential looked up earlier may come from memory.
    public func context(secret: String?, at counters: ChangeCounters? = nil) throws -> APIContext {
        guard let secret, !secret.isEmpty, let credential = try store.authenticate(secret: secret, at: counters) else {
            throw APIError.unauthorized
        }
        return APIContext(credential: credential, store: store)
    }

    /// The token of `Authorization: Bearer <token>` (scheme case-insensitive, RFC 9110 §11.6.2);
    /// nil when the header is absent, has another scheme, or has no token (or one with blanks).
    /// Works on the UTF-8 bytes: it runs on every request.
    public static func bearerToken(_ request: HTTPServerRequest) -> String? {
        // One field (two are refused): its value as sent, without building a joined list.
        var found: String?
        for field in request.headerFields where field.name == .authorization {
            guard found == nil else { return nil }
            found = field.value
        }
        guard let value = found else { return nil }
        let bytes = value.utf8
        var index = bytes.startIndex
        for letter in "bearer".utf8 {
            guard index != bytes.endIndex, bytes[index] | 0x20 == letter else { return nil }
            index = bytes.index(after: index)
        }
        guard index != bytes.endIndex, bytes[index] == UInt8(ascii: " ") else { return nil }
        let token = trimmingBlanks(Substring(value)[index...])
        guard !token.isEmpty, !token.utf8.contains(where: isBlank) else { return nil }
        return String(token)
    }

    /// The value of `X-API-Key`; nil when absent or empty.
    public static func apiKey(_ request: HTTPServerRequest) -> String? {
        guard let value = request.headerFields[apiKeyField] else { return nil }
        let key = trimmingBlanks(Substring(value))
        return key.isEmpty ? nil : String(key)
    }

    private static let apiKeyField = HTTPField.Name("X-API-Key")!

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }

    /// `text` without leading and trailing spaces and tabs.
    private static func trimmingBlanks(_ text: Substring) -> Substring {
        let bytes = text.utf8
        guard let first = bytes.firstIndex(where: { !isBlank($0) }),
              let last = bytes.lastIndex(where: { !isBlank($0) })
        else { return "" }
        return Substring(bytes[first...last])
    }
}
