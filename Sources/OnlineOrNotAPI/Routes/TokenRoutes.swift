import StatusdAPI
import StatusdCore
import StatusdHTTP
import StatusdStore

/// `/v1/tokens[/{token_id}]`: API tokens (credentials) of the caller's project, for a credential
/// holding API_TOKENS (READ to look, EDIT to create and revoke). A credential hands out no more than
/// it holds: no grant it lacks, no other project, no later expiry than its own. Never cached: a
/// token's `lastUsedAt` moves with every use, which no change counter tracks.
struct TokenRoutes {
    static let tokenParameter = "token_id"

    func list(_ request: HTTPServerRequest, _ context: APIContext) throws -> HTTPServerResponse {
        context.dependencies?.forbidCaching()
        let parameters = try ListParameters(request)
        let result = try context.store.liveCredentials(
            visibleTo: context.credential.projectId, search: parameters.search, page: parameters.paging.page,
            perPage: parameters.paging.pageSize)
        return .onlineOrNotList(result.items, paging: parameters.paging, total: result.total) {
            TokenJSON(credential: $1).write(to: &$0)
        }
    }

    func show(_ request: HTTPServerRequest, _ context: APIContext) throws -> HTTPServerResponse {
        context.dependencies?.forbidCaching()
        let token = try existing(request, context)
        return .onlineOrNot { TokenJSON(credential: token).write(to: &$0) }
    }

    /// 201 with the token and, this once, its secret (`token`).
    func create(_ request: HTTPServerRequest, _ context: APIContext) throws -> HTTPServerResponse {
        let now = context.store.clock.now()
        let input = try TokenInput.read(request, now: now)
        let holder = context.credential
        if let missing = input.grants.list.first(where: { !holder.grants.allows($0.scope, $0.permission) }) {
            throw APIError.missingGrant(missing)
        }
        let expiresAt = try expiry(input.expiresAt, now: now, holder: holder)
        let (credential, secret) = try context.store.createCredential(
            name: input.name, projectId: holder.projectId, readOnly: input.grants.isReadOnly, secret: nil,
            grants: input.grants, expiresAt: expiresAt)
        return .onlineOrNot(.created) { TokenJSON(credential: credential, secret: secret).write(to: &$0) }
    }

    /// Revokes: the token stops working on the very next request.
    func delete(_ request: HTTPServerRequest, _ context: APIContext) throws -> HTTPServerResponse {
        let token = try existing(request, context)
        guard try context.store.revokeCredential(token.id, visibleTo: context.credential.projectId) else {
            throw APIError.notFound("Token not found")
        }
        return .onlineOrNot { json in
            json.beginObject()
            json.field("id", token.id)
            json.field("deleted", true)
            json.endObject()
        }
    }

    // MARK: Helpers

    private func existing(_ request: HTTPServerRequest, _ context: APIContext) throws -> Credential {
        let id = try request.pathParameter(Self.tokenParameter)
        guard let token = try IdSpelling.find(id, {
            try context.store.liveCredential($0, visibleTo: context.credential.projectId)
        }) else { throw APIError.notFound("Token not found") }
        return token
    }

    /// The new token's expiry: as asked (absent: 365 days on), but never after the holder's own.
    private func expiry(_ asked: Timestamp??, now: Timestamp, holder: Credential) throws -> Timestamp? {
        let wanted = asked ?? Timestamp(
            millisecondsSince1970: now.millisecondsSince1970 + TokenInput.defaultLifetimeMilliseconds)
        guard let limit = holder.expiresAt else { return wanted }
        guard asked != nil else { return min(wanted ?? limit, limit) }
        guard let wanted, wanted <= limit else {
            throw APIError.validation(message: "Invalid request body", issues: [FieldIssue(
                field: "expiresAt",
                message: "expiresAt must be no later than this token's own expiry (\(limit.iso8601Milliseconds))")])
        }
        return wanted
    }
}
