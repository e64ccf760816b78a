import StatusdAPI
import StatusdCore

/// An API token in the 2026 spec's shape (`id, name, expiresAfter, createdAt, grants [{scope,
/// permission}]`), plus statusd's `lastUsedAt`; `token` only in the create answer: the secret is
/// shown once. `expiresAfter` is null for a token that never expires.
struct TokenJSON {
    let credential: Credential
    var secret: String? = nil

    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.field("id", credential.id)
        json.field("name", credential.name)
        json.field("expiresAfter", milliseconds: credential.expiresAt)
        json.field("createdAt", milliseconds: credential.createdAt)
        json.field("lastUsedAt", milliseconds: credential.lastUsedAt)
        json.key("grants")
        json.beginArray()
        for grant in credential.grants.list {
            json.beginObject()
            json.field("scope", grant.scope.rawValue)
            json.field("permission", grant.permission.rawValue)
            json.endObject()
        }
        json.endArray()
        if let secret { json.field("token", secret) }
        json.endObject()
    }
}
