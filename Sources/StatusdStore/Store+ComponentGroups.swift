import GRDB
import StatusdCore

// Component groups, and the three orders a page shows: its groups, its ungrouped components, and
// the components of each group. Every write here changes rows the change counters count
// (Migrations/0006), so cached answers that show an order are dropped at the next request.
extension Store {
    /// The new group goes last among the page's groups.
    public func createComponentGroup(
        id: String?, statusPageId: String, name: String, description: String?
    ) throws -> ComponentGroup {
        try write { db in
            guard try Self.exists("status_pages", id: statusPageId, db) else {
                throw StoreError.missingParent("status page")
            }
            let groupId = try claimId(id, in: "component_groups", db)
            let sortOrder = try Int.fetchOne(
                db.cachedStatement(sql: "SELECT COALESCE(MAX(sort_order) + 1, 0) FROM component_groups WHERE status_page_id = ?"),
                arguments: [statusPageId]) ?? 0
            let now = now()
            try db.cachedStatement(sql: """
                    INSERT INTO component_groups(id, status_page_id, name, description, sort_order, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """).execute(arguments: [groupId, statusPageId, name, description, sortOrder, now, now])
            try auditCreated(.componentGroup, groupId, db)
            return try Self.fetchGroup(groupId, statusPageId: statusPageId, db)!
        }
    }

    public func componentGroup(_ id: String, statusPageId: String) throws -> ComponentGroup? {
        try read { db in try Self.fetchGroup(id, statusPageId: statusPageId, db) }
    }

    /// Ordered by sort_order then created_at then id.
    public func componentGroups(statusPageId: String) throws -> [ComponentGroup] {
        try read { db in
            try db.cachedStatement(sql: """
                    SELECT \(ComponentGroup.columns) FROM component_groups WHERE status_page_id = ?
                    ORDER BY sort_order, created_at, id
                    """).decodeAll([statusPageId], ComponentGroup.init(row:))
        }
    }

    /// nil fields unchanged; `description: .some(nil)` clears it. nil if absent.
    public func updateComponentGroup(
        _ id: String, statusPageId: String, name: String?, description: String??
    ) throws -> ComponentGroup? {
        try write { db in
            guard let current = try Self.fetchGroup(id, statusPageId: statusPageId, db) else { return nil }
            let before = try auditedRow(.componentGroup, id, db)
            try db.cachedStatement(sql: """
                    UPDATE component_groups SET name = ?, description = ?, updated_at = ?
                    WHERE id = ? AND status_page_id = ?
                    """).execute(
                arguments: [name ?? current.name, description ?? current.description, now(), id, statusPageId])
            try auditUpdated(.componentGroup, id, before: before, db)
            return try Self.fetchGroup(id, statusPageId: statusPageId, db)
        }
    }

    /// Deletes the group; its components stay on the page, ungrouped (last among the ungrouped, in
    /// the order they had in the group). false if absent.
    public func deleteComponentGroup(_ id: String, statusPageId: String) throws -> Bool {
        try write { db in
            guard try Self.fetchGroup(id, statusPageId: statusPageId, db) != nil else { return false }
            let before = try auditedRow(.componentGroup, id, db)
            let members = try String.fetchAll(
                db.cachedStatement(sql: """
                    SELECT id FROM components WHERE status_page_id = ? AND group_id = ? ORDER BY position, created_at, id
                    """),
                arguments: [statusPageId, id])
            var position = try Self.nextPosition(statusPageId: statusPageId, db)
            let now = now()
            for member in members {
                try db.cachedStatement(sql: "UPDATE components SET group_id = NULL, position = ?, updated_at = ? WHERE id = ?")
                    .execute(arguments: [position, now, member])
                position += 1
            }
            try db.cachedStatement(sql: "DELETE FROM component_groups WHERE id = ? AND status_page_id = ?")
                .execute(arguments: [id, statusPageId])
            try auditDeleted(.componentGroup, id, before: before, db)
            return true
        }
    }

    /// Puts the page's groups in the order of `ids`; groups it leaves out follow, in their order.
    /// `.notInOrder` for ids that are no group of the page.
    public func orderComponentGroups(statusPageId: String, ids: [String]) throws {
        try write { db in
            let current = try String.fetchAll(
                db.cachedStatement(sql: "SELECT id FROM component_groups WHERE status_page_id = ? ORDER BY sort_order, created_at, id"),
                arguments: [statusPageId])
            let order = try Self.reordered(current, by: ids, field: "group_ids")
            var moved = 0
            for (index, id) in order.enumerated() {
                try db.cachedStatement(sql: """
                        UPDATE component_groups SET sort_order = ?, updated_at = ? WHERE id = ? AND sort_order IS NOT ?
                        """).execute(arguments: [index, now(), id, index])
                moved += db.changesCount
            }
            // One entry for the page: its order of groups is what changed.
            if moved > 0 {
                try auditUpdated(.statusPage, statusPageId, before: nil, also: ["component_group_order"], db)
            }
        }
    }

    /// Puts the components of one group (`groupId`), or the ungrouped ones (nil), in the order of
    /// `ids`; members it leaves out follow, in their order. Membership never changes here:
    /// `.notInOrder` for ids that are not members. false when the group is not the page's.
    public func orderComponents(statusPageId: String, groupId: String?, ids: [String]) throws -> Bool {
        try write { db in
            if let groupId, try Self.fetchGroup(groupId, statusPageId: statusPageId, db) == nil { return false }
            let current = try String.fetchAll(
                db.cachedStatement(sql: """
                    SELECT id FROM components WHERE status_page_id = ? AND group_id IS ?
                    ORDER BY position, created_at, id
                    """),
                arguments: [statusPageId, groupId])
            let order = try Self.reordered(current, by: ids, field: "component_ids")
            var moved = 0
            for (index, id) in order.enumerated() {
                try db.cachedStatement(sql: """
                        UPDATE components SET position = ?, updated_at = ? WHERE id = ? AND position IS NOT ?
                        """).execute(arguments: [index, now(), id, index])
                moved += db.changesCount
            }
            // One entry for the group (or the page, for its ungrouped components).
            if moved > 0 {
                if let groupId {
                    try auditUpdated(.componentGroup, groupId, before: nil, also: ["component_order"], db)
                } else {
                    try auditUpdated(.statusPage, statusPageId, before: nil, also: ["component_order"], db)
                }
            }
            return true
        }
    }

    // MARK: Helpers

    static func fetchGroup(_ id: String, statusPageId: String, _ db: SQLDatabase) throws -> ComponentGroup? {
        try db.cachedStatement(sql: "SELECT \(ComponentGroup.columns) FROM component_groups WHERE id = ? AND status_page_id = ?")
            .decodeFirst([id, statusPageId], ComponentGroup.init(row:))
    }

    /// `ids` first (each once), then the rest of `members` in their order.
    static func reordered(_ members: [String], by ids: [String], field: String) throws -> [String] {
        let memberSet = Set(members)
        let strangers = ids.filter { !memberSet.contains($0) }
        if !strangers.isEmpty { throw StoreError.notInOrder(field: field, ids: strangers) }
        var seen = Set<String>()
        let listed = ids.filter { seen.insert($0).inserted }
        return listed + members.filter { !seen.contains($0) }
    }
}
