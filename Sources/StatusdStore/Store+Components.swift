import GRDB
import StatusdCore

// Components (UptimeIO monitors), with their status derived from open incidents.
extension Store {
    /// `groupId`: a group of the same page (else `.unknownGroup`). The component goes last in its
    /// group (or among the ungrouped ones).
    public func createComponent(
        id: String?, statusPageId: String, name: String, description: String?, statusOverride: ComponentStatus?,
        displayUptime: Bool = true, displayMetrics: Bool = true, groupId: String? = nil
    ) throws -> Component {
        try write { db in
            guard try Self.exists("status_pages", id: statusPageId, db) else {
                throw StoreError.missingParent("status page")
            }
            if let groupId { try Self.requireGroup(groupId, statusPageId: statusPageId, db) }
            let componentId = try claimId(id, in: "components", db)
            let position = try Self.nextPosition(statusPageId: statusPageId, db)
            let now = now()
            try db.cachedStatement(sql: """
                    INSERT INTO components(id, status_page_id, name, description, status_override, display_uptime,
                                           display_metrics, group_id, position, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """).execute(
                arguments: [componentId, statusPageId, name, description, statusOverride?.rawValue, displayUptime,
                            displayMetrics, groupId, position, now, now]
            )
            try auditCreated(.component, componentId, db)
            return try fetchComponents(statusPageId: statusPageId, id: componentId, db)[0]
        }
    }

    public func component(_ id: String, statusPageId: String) throws -> Component? {
        try read { db in try fetchComponents(statusPageId: statusPageId, id: id, db).first }
    }

    /// In display order: the ungrouped components, then each group's in the groups' order; within
    /// each, by position then created_at then id.
    public func components(statusPageId: String) throws -> [Component] {
        try read { db in try fetchComponents(statusPageId: statusPageId, id: nil, db) }
    }

    /// Component id → name for the page: what an incident's `components` list shows. Unlike
    /// `components(statusPageId:)` it derives no status, so it does not read the open incidents.
    public func componentNames(statusPageId: String) throws -> [String: String] {
        try read { db in try Self.componentNames(statusPageId, db) }
    }

    /// The same, in the caller's transaction (the outbox renders payloads inside the write).
    static func componentNames(_ statusPageId: String, _ db: SQLDatabase) throws -> [String: String] {
        var names: [String: String] = [:]
        try db.cachedStatement(sql: "SELECT id, name FROM components WHERE status_page_id = ?")
            .forEachRow([statusPageId]) { row in names[row[0]] = row[1] }
        return names
    }

    /// `statusOverride: .some(nil)` clears the override. nil if absent.
    public func updateComponent(
        _ id: String, statusPageId: String, name: String?, description: String??, statusOverride: ComponentStatus??
    ) throws -> Component? {
        try updateComponent(
            id, statusPageId: statusPageId,
            ComponentChanges(name: name, description: description, statusOverride: statusOverride))
    }

    /// Applies the fields `changes` sets. A component moved to another group (or out of one) goes
    /// last there. nil if absent; `.unknownGroup` for a group of no or another page.
    public func updateComponent(_ id: String, statusPageId: String, _ changes: ComponentChanges) throws -> Component? {
        try write { db in
            guard let current = try fetchComponents(statusPageId: statusPageId, id: id, db).first else {
                return nil
            }
            let groupId = changes.groupId ?? current.groupId
            if let groupId, groupId != current.groupId {
                try Self.requireGroup(groupId, statusPageId: statusPageId, db)
            }
            let position = groupId == current.groupId
                ? current.position : try Self.nextPosition(statusPageId: statusPageId, db)
            let override = changes.statusOverride ?? current.statusOverride
            let before = try auditedRow(.component, id, db)
            try db.cachedStatement(sql: """
                    UPDATE components SET name = ?, description = ?, status_override = ?, display_uptime = ?,
                                          display_metrics = ?, group_id = ?, position = ?, updated_at = ?
                    WHERE id = ? AND status_page_id = ?
                    """).execute(
                arguments: [changes.name ?? current.name, changes.description ?? current.description,
                            override?.rawValue, changes.displayUptime ?? current.displayUptime,
                            changes.displayMetrics ?? current.displayMetrics, groupId, position, now(),
                            id, statusPageId]
            )
            try auditUpdated(.component, id, before: before, db)
            return try fetchComponents(statusPageId: statusPageId, id: id, db).first
        }
    }

    /// Removes the component and its links to incidents. false if absent.
    public func deleteComponent(_ id: String, statusPageId: String) throws -> Bool {
        try write { db in
            let before = try auditedRow(.component, id, db)
            try db.cachedStatement(sql: "DELETE FROM components WHERE id = ? AND status_page_id = ?")
                .execute(arguments: [id, statusPageId])
            guard db.changesCount > 0 else { return false }
            try auditDeleted(.component, id, before: before, db)
            return true
        }
    }

    // MARK: Helpers

    /// After every position on the page, so last in whichever group (or none) it goes to.
    static func nextPosition(statusPageId: String, _ db: SQLDatabase) throws -> Int {
        try Int.fetchOne(
            db.cachedStatement(sql: "SELECT COALESCE(MAX(position) + 1, 0) FROM components WHERE status_page_id = ?"),
            arguments: [statusPageId]) ?? 0
    }

    /// `.unknownGroup` unless `groupId` is a group of the page (the schema's triggers refuse it too,
    /// with a message no client should see).
    static func requireGroup(_ groupId: String, statusPageId: String, _ db: SQLDatabase) throws {
        let found = try Bool.fetchOne(
            db.cachedStatement(sql: "SELECT EXISTS(SELECT 1 FROM component_groups WHERE id = ? AND status_page_id = ?)"),
            arguments: [groupId, statusPageId]) == true
        if !found { throw StoreError.unknownGroup(groupId) }
    }

    /// The page's components (or the one with `id`), each with its status: the override, else the
    /// worst impact of the unresolved incidents naming it (`link ?? incident ?? NO_IMPACT`) and of
    /// the maintenance windows open now that name it (`MAINTENANCE`), else OPERATIONAL.
    func fetchComponents(statusPageId: String, id: String?, _ db: SQLDatabase) throws -> [Component] {
        var impacts = try Self.openImpacts(statusPageId: statusPageId, db)
        if hasMaintenanceTables {
            for componentId in try Self.componentsInMaintenance(statusPageId: statusPageId, at: now(), db) {
                impacts[componentId, default: []].append(.maintenance)
            }
        }
        let decode = { (row: SQLRow) in Component(row: row, openImpacts: impacts[Component.id(row)] ?? []) }
        if let id {
            return try db.cachedStatement(sql: "SELECT \(Component.columns) FROM components WHERE status_page_id = ? AND id = ?")
                .decodeAll([statusPageId, id], decode)
        }
        return try db.cachedStatement(sql: """
            SELECT \(Component.columns(of: "component")) FROM components AS component
            LEFT JOIN component_groups AS grp ON grp.id = component.group_id
            WHERE component.status_page_id = ?
            ORDER BY component.group_id IS NOT NULL, grp.sort_order, grp.created_at, grp.id,
                     component.position, component.created_at, component.id
            """).decodeAll([statusPageId], decode)
    }

    /// Impacts of the page's unresolved incidents, per component id they name.
    static func openImpacts(statusPageId: String, _ db: SQLDatabase) throws -> [String: [Impact]] {
        // `status <> 3` matches the partial index incidents_open.
        var impacts: [String: [Impact]] = [:]
        try db.cachedStatement(sql: """
            SELECT link.component_id, COALESCE(link.impact, incident.impact, 'NO_IMPACT') AS impact
            FROM incidents AS incident
            JOIN incident_components AS link ON link.incident_id = incident.id
            WHERE incident.status_page_id = ? AND incident.status <> 3
            """).forEachRow([statusPageId]) { row in
            if let impact = Impact(rawValue: row[1]) {
                impacts[row[0], default: []].append(impact)
            }
        }
        return impacts
    }
}
