import GRDB
import StatusdCore

// The `/v1/tokens` reads and revoke: live (not revoked) credentials a credential may see, which
// are those of its own project (an all-projects credential sees every one). Never the secret.
extension Store {
    /// One page of live credentials visible to `projectId`, ordered by created_at then id; `search`
    /// matches the name.
    public func liveCredentials(
        visibleTo projectId: String?, search: String?, page: Int, perPage: Int
    ) throws -> Page<Credential> {
        try read { db in
            var (condition, arguments) = Self.liveVisibility(projectId)
            if let search, !search.isEmpty {
                condition += " AND name LIKE ? ESCAPE '\\'"
                arguments += ["%" + IncidentListSQL.escapeLike(search) + "%"]
            }
            let total = try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM credentials WHERE \(condition)", arguments: arguments) ?? 0
            let offset = (page - 1).multipliedReportingOverflow(by: perPage)
            guard !offset.overflow, offset.partialValue < total else { return Page(items: [], total: total) }
            let items = try db.makeStatement(sql: """
                SELECT \(Credential.columns) FROM credentials WHERE \(condition)
                ORDER BY created_at, id LIMIT ? OFFSET ?
                """).decodeAll(arguments + [perPage, offset.partialValue], Credential.init(row:))
            return Page(items: items, total: total)
        }
    }

    /// The live credential `id` if `projectId` may see it.
    public func liveCredential(_ id: String, visibleTo projectId: String?) throws -> Credential? {
        try read { db in
            let (condition, arguments) = Self.liveVisibility(projectId)
            return try db.makeStatement(sql: "SELECT \(Credential.columns) FROM credentials WHERE id = ? AND \(condition)")
                .decodeFirst([id] + arguments, Credential.init(row:))
        }
    }

    /// Revokes the live credential `id` if `projectId` may see it; false if there is none.
    public func revokeCredential(_ id: String, visibleTo projectId: String?) throws -> Bool {
        try write { db in
            let (condition, arguments) = Self.liveVisibility(projectId)
            let before = try auditedRow(.apiToken, id, db)
            try db.execute(
                sql: "UPDATE credentials SET revoked_at = ? WHERE id = ? AND \(condition)",
                arguments: [now(), id] + arguments)
            guard db.changesCount > 0 else { return false }
            try auditDeleted(.apiToken, id, before: before, db)
            return true
        }
    }

    private static func liveVisibility(_ projectId: String?) -> (String, SQLArguments) {
        guard let projectId else { return ("revoked_at IS NULL", []) }
        return ("revoked_at IS NULL AND project_id = ?", [projectId])
    }
}
