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

    public func context(secret: String?) throws -> APIContext {
        guard let secret, !secret.isEmpty, let credential = try store.authenticate(secret: secret) else {
            throw APIError.unauthorized
        }
        return APIContext(credential: credential, store: store)
    }

    /// The token of `Authorization: Bearer <token>` (scheme case-insensitive, RFC 9110 §11.6.2);
    /// nil when the header is absent, has another scheme, or has no token.
    public static func bearerToken(_ request: HTTPServerRequest) -> String? {
        guard let value = request.headerFields[.authorization] else { return nil }
        let parts = value.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingCharacters(in: " \t")
        return token.isEmpty || token.contains(" ") ? nil : token
    }

    /// The value of `X-API-Key`; nil when absent or empty.
    public static func apiKey(_ request: HTTPServerRequest) -> String? {
        guard let name = HTTPField.Name("X-API-Key"), let value = request.headerFields[name] else { return nil }
        let key = value.trimmingCharacters(in: " \t")
        return key.isEmpty ? nil : key
    }
}

extension Substring {
    func trimmingCharacters(in set: String) -> String {
        let characters = Set(set)
        var slice = self[...]
        while let first = slice.first, characters.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, characters.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        self[...].trimmingCharacters(in: set)
    }
}
