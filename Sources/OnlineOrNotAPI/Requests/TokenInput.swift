import StatusdAPI
import StatusdCore
import StatusdHTTP

/// The body of `POST /v1/tokens`, in the 2026 spec's schema: `name` (1–256 characters, required),
/// `grants` (required, at least one `{"scope", "permission"}`; scopes as `GrantScope` spells them,
/// permission `READ` or `EDIT`), `expiresAt` (an ISO 8601 date-time in the future; absent: 365 days
/// from now, as OnlineOrNot does; `null`: never expires).
package struct TokenInput {
    var name: String
    var grants: CredentialGrants
    /// `.some(nil)`: never expires; nil: the default.
    var expiresAt: Timestamp??

    static let defaultLifetimeMilliseconds: Int64 = 365 * 24 * 3600 * 1000

    package static func read(_ request: HTTPServerRequest, now: Timestamp) throws(APIError) -> TokenInput {
        var reader = try JSONBodyReader(request)
        let name = reader.string("name", required: true, length: 1...256)
        let grants = readGrants(&reader)
        let expiresAt = readExpiry(&reader, now: now)
        try reader.finish()
        guard let name, let grants else { throw .validation(message: reader.summary, issues: []) }
        return TokenInput(name: name, grants: grants, expiresAt: expiresAt)
    }

    private static func readGrants(_ reader: inout JSONBodyReader) -> CredentialGrants? {
        guard let value = reader.value("grants") else {
            reader.issue("grants", "grants is required")
            return nil
        }
        guard case .array(let items) = value, !items.isEmpty else {
            reader.issue("grants", "grants must be a non-empty array of {\"scope\", \"permission\"}")
            return nil
        }
        var grants: [Grant] = []
        for (index, item) in items.enumerated() {
            guard let grant = grant(item) else {
                let scopes = GrantScope.allCases.map(\.rawValue).joined(separator: ", ")
                reader.issue("grants", "grants[\(index)] must be {\"scope\": one of \(scopes), \"permission\": READ or EDIT}")
                continue
            }
            grants.append(grant)
        }
        return grants.count == items.count ? CredentialGrants(grants) : nil
    }

    private static func grant(_ item: JSONValue) -> Grant? {
        guard case .object(let members) = item,
              case .string(let scope)? = members.first(where: { $0.key == "scope" })?.value,
              case .string(let permission)? = members.first(where: { $0.key == "permission" })?.value,
              let scope = GrantScope(rawValue: scope), let permission = GrantPermission(rawValue: permission)
        else { return nil }
        return Grant(scope, permission)
    }

    private static func readExpiry(_ reader: inout JSONBodyReader, now: Timestamp) -> Timestamp?? {
        guard let value = reader.value("expiresAt") else { return nil }
        if case .null = value { return .some(nil) }
        guard case .string(let text) = value, let time = Timestamp(iso8601WithOffset: text) else {
            reader.issue("expiresAt", "expiresAt must be an ISO 8601 date-time like 2025-12-31T23:59:59.000Z, or null")
            return nil
        }
        guard time > now else {
            reader.issue("expiresAt", "expiresAt must be in the future (now: \(now.iso8601Milliseconds))")
            return nil
        }
        return .some(time)
    }
}
