import GRDB
import StatusdCore

// Scheduled maintenance windows (Migrations/0010). A window's state follows from the store clock:
// nothing is written when it opens or closes, so `derivedStatusSpan(around:)` tells caches how long
// an answer rendered at one moment stays right.
extension Store {
    /// Throws `.unknownComponents` for ids not on the page, `.missingParent("status page")`,
    /// `.duplicate` for a taken id. A start in the past is the caller's to refuse (fixtures may
    /// load windows that have begun or ended).
    public func createScheduledMaintenance(
        _ new: NewScheduledMaintenance, statusPageId: String
    ) throws -> ScheduledMaintenance {
        try write { db in
            guard try Self.exists("status_pages", id: statusPageId, db) else {
                throw StoreError.missingParent("status page")
            }
            try Self.requireComponents(new.componentIds.map { AffectedComponent(componentId: $0) }, statusPageId: statusPageId, db)
            let now = Timestamp(column: now())
            let maintenance = ScheduledMaintenance(
                id: try claimId(new.id, in: "scheduled_maintenance", db), statusPageId: statusPageId, title: new.title,
                description: new.description, startsAt: new.startsAt, durationMinutes: new.durationMinutes,
                componentIds: Self.once(new.componentIds), notifications: new.notifications,
                createdAt: now, updatedAt: now)
            try Self.insert(maintenance, db)
            try auditCreated(.scheduledMaintenance, maintenance.id, also: new.componentIds.isEmpty ? [] : ["components"], db)
            return maintenance
        }
    }

    public func scheduledMaintenance(_ id: String, statusPageId: String) throws -> ScheduledMaintenance? {
        try read { db in try Self.fetchMaintenance(id, statusPageId: statusPageId, db) }
    }

    /// The page's windows, latest start first (then id), filtered by a case-insensitive substring
    /// of title or description; one slice and the total.
    public func scheduledMaintenanceList(
        statusPageId: String, search: String?, page: Int, perPage: Int
    ) throws -> Page<ScheduledMaintenance> {
        try read { db in
            var condition = "status_page_id = ?"
            var arguments: SQLArguments = [statusPageId]
            if let search, !search.isEmpty {
                let pattern = "%" + IncidentListSQL.escapeLike(search) + "%"
                condition += " AND (title LIKE ? ESCAPE '\\' OR description LIKE ? ESCAPE '\\')"
                arguments += [pattern, pattern]
            }
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM scheduled_maintenance WHERE \(condition)", arguments: arguments) ?? 0
            let offset = (page - 1).multipliedReportingOverflow(by: perPage)
            guard !offset.overflow, offset.partialValue < total else { return Page(items: [], total: total) }
            let windows = try db.makeStatement(sql: """
                SELECT \(ScheduledMaintenance.columns) FROM scheduled_maintenance
                INDEXED BY scheduled_maintenance_by_start WHERE \(condition)
                ORDER BY start_at DESC, id DESC LIMIT ? OFFSET ?
                """).decodeAll(arguments + [perPage, offset.partialValue], ScheduledMaintenance.init(row:))
            return Page(items: try Self.withComponents(windows, db), total: total)
        }
    }

    /// The page's windows that have not ended at `time` (open ones and those to come), soonest
    /// first, at most `limit`: what the public summary lists.
    public func upcomingScheduledMaintenance(
        statusPageId: String, at time: Timestamp, limit: Int
    ) throws -> [ScheduledMaintenance] {
        try read { db in
            let windows = try db.cachedStatement(sql: """
                SELECT \(ScheduledMaintenance.columns) FROM scheduled_maintenance INDEXED BY scheduled_maintenance_by_end
                WHERE status_page_id = ? AND end_at > ? ORDER BY start_at, id LIMIT ?
                """).decodeAll([statusPageId, time.millisecondsSince1970, limit], ScheduledMaintenance.init(row:))
            return try Self.withComponents(windows, db)
        }
    }

    /// Applies `changes` to a window that has not started at the store clock's now; throws
    /// `.maintenanceStarted` once it has, `.unknownComponents` for ids not on the page. nil if absent.
    public func updateScheduledMaintenance(
        _ id: String, statusPageId: String, _ changes: ScheduledMaintenanceChanges
    ) throws -> ScheduledMaintenance? {
        try write { db in
            guard var maintenance = try Self.fetchMaintenance(id, statusPageId: statusPageId, db) else { return nil }
            let now = Timestamp(column: now())
            guard maintenance.phase(at: now) == .scheduled else { throw StoreError.maintenanceStarted }
            let before = try auditedRow(.scheduledMaintenance, id, db)
            let componentsBefore = maintenance.componentIds
            if let componentIds = changes.componentIds {
                try Self.requireComponents(componentIds.map { AffectedComponent(componentId: $0) }, statusPageId: statusPageId, db)
                maintenance.componentIds = Self.once(componentIds)
            }
            maintenance.title = changes.title ?? maintenance.title
            maintenance.description = changes.description ?? maintenance.description
            maintenance.startsAt = changes.startsAt ?? maintenance.startsAt
            maintenance.durationMinutes = changes.durationMinutes ?? maintenance.durationMinutes
            maintenance.notifications = changes.applied(to: maintenance.notifications)
            maintenance.updatedAt = now
            try db.cachedStatement(sql: """
                    UPDATE scheduled_maintenance SET title = ?, description = ?, start_at = ?, duration_minutes = ?,
                           notify_an_hour_before = ?, notify_at_start = ?, notify_at_end = ?, updated_at = ?
                    WHERE id = ?
                    """).execute(
                arguments: [maintenance.title, maintenance.description, maintenance.startsAt.millisecondsSince1970,
                            maintenance.durationMinutes, maintenance.notifications.anHourBefore,
                            maintenance.notifications.atStart, maintenance.notifications.atEnd,
                            now.millisecondsSince1970, id])
            if changes.componentIds != nil {
                try db.cachedStatement(sql: "DELETE FROM scheduled_maintenance_components WHERE maintenance_id = ?")
                    .execute(arguments: [id])
                try Self.insertMaintenanceLinks(maintenance, db)
            }
            try auditUpdated(
                .scheduledMaintenance, id, before: before,
                also: maintenance.componentIds != componentsBefore ? ["components"] : [], db)
            return maintenance
        }
    }

    /// Removes the window (at any time: deleting an open one ends it now). false if absent.
    public func deleteScheduledMaintenance(_ id: String, statusPageId: String) throws -> Bool {
        try write { db in
            let before = try auditedRow(.scheduledMaintenance, id, db)
            try db.cachedStatement(sql: "DELETE FROM scheduled_maintenance WHERE id = ? AND status_page_id = ?")
                .execute(arguments: [id, statusPageId])
            guard db.changesCount > 0 else { return false }
            try auditDeleted(.scheduledMaintenance, id, before: before, db)
            return true
        }
    }

    /// The span around `time` in which no window of any page (of `statusPageId` only, when given)
    /// starts or ends: from the latest start or end at or before `time` to the first one after it.
    /// Whatever statusd derives from windows (component status, a window's phase) stays as it was
    /// at `time` throughout, so an answer rendered at `time` may be reused within it. nil when no
    /// such window exists: nothing depends on time.
    public func derivedStatusSpan(around time: Timestamp, statusPageId: String? = nil) throws -> Range<Int64>? {
        guard hasMaintenanceTables else { return nil }
        return try read { db in
            let at = time.millisecondsSince1970
            // One page's windows by the (status_page_id, start_at) and (status_page_id, end_at)
            // indexes; every page's by (start_at) and (end_at).
            let page = statusPageId == nil ? "" : "status_page_id = ?2 AND "
            let row = try db.cachedStatement(sql: """
                    SELECT (SELECT MAX(start_at) FROM scheduled_maintenance WHERE \(page)start_at <= ?1),
                           (SELECT MAX(end_at) FROM scheduled_maintenance WHERE \(page)end_at <= ?1),
                           (SELECT MIN(start_at) FROM scheduled_maintenance WHERE \(page)start_at > ?1),
                           (SELECT MIN(end_at) FROM scheduled_maintenance WHERE \(page)end_at > ?1)
                    """).decodeFirst(statusPageId.map { [at, $0] } ?? [at]) { row in
                        (row[0] as Int64?, row[1] as Int64?, row[2] as Int64?, row[3] as Int64?)
                    }
            guard let row else { return nil }
            let before = [row.0, row.1].compactMap { $0 }.max()
            let after = [row.2, row.3].compactMap { $0 }.min()
            if before == nil && after == nil { return nil }
            return (before ?? Int64.min)..<(after ?? Int64.max)
        }
    }

    // MARK: Helpers

    /// Ids of the page's components named by a window open at `time` (ms since the epoch).
    static func componentsInMaintenance(statusPageId: String, at time: Int64, _ db: SQLDatabase) throws -> [String] {
        try String.fetchAll(
            db.cachedStatement(sql: """
                SELECT link.component_id
                FROM scheduled_maintenance AS maintenance INDEXED BY scheduled_maintenance_by_end
                JOIN scheduled_maintenance_components AS link ON link.maintenance_id = maintenance.id
                WHERE maintenance.status_page_id = ? AND maintenance.end_at > ? AND maintenance.start_at <= ?
                """),
            arguments: [statusPageId, time, time])
    }

    /// Inserts the window and its component links; fixtures call it too.
    static func insert(_ maintenance: ScheduledMaintenance, _ db: SQLDatabase) throws {
        try db.cachedStatement(sql: """
                INSERT INTO scheduled_maintenance(id, status_page_id, title, description, start_at, duration_minutes,
                                                  notify_an_hour_before, notify_at_start, notify_at_end,
                                                  created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(
            arguments: [maintenance.id, maintenance.statusPageId, maintenance.title, maintenance.description,
                        maintenance.startsAt.millisecondsSince1970, maintenance.durationMinutes,
                        maintenance.notifications.anHourBefore, maintenance.notifications.atStart,
                        maintenance.notifications.atEnd, maintenance.createdAt.millisecondsSince1970,
                        maintenance.updatedAt.millisecondsSince1970])
        try insertMaintenanceLinks(maintenance, db)
    }

    private static func insertMaintenanceLinks(_ maintenance: ScheduledMaintenance, _ db: SQLDatabase) throws {
        for (position, componentId) in maintenance.componentIds.enumerated() {
            try db.cachedStatement(sql: """
                    INSERT INTO scheduled_maintenance_components(maintenance_id, component_id, position) VALUES (?, ?, ?)
                    """).execute(arguments: [maintenance.id, componentId, position])
        }
    }

    /// Each id once, in the order first given.
    static func once(_ ids: [String]) -> [String] {
        var seen = Set<String>()
        return ids.filter { seen.insert($0).inserted }
    }

    static func fetchMaintenance(_ id: String, statusPageId: String, _ db: SQLDatabase) throws -> ScheduledMaintenance? {
        let windows = try db.cachedStatement(sql: """
            SELECT \(ScheduledMaintenance.columns) FROM scheduled_maintenance WHERE id = ? AND status_page_id = ?
            """).decodeAll([id, statusPageId], ScheduledMaintenance.init(row:))
        return try withComponents(windows, db).first
    }

    /// `windows` with their component ids (one query for all of them).
    static func withComponents(
        _ windows: [ScheduledMaintenance], _ db: SQLDatabase
    ) throws -> [ScheduledMaintenance] {
        guard !windows.isEmpty else { return [] }
        let ids = windows.map(\.id)
        let placeholders = Array(repeating: "?", count: ids.count).joined(separator: ", ")
        var links: [String: [String]] = [:]
        try db.makeStatement(sql: """
            SELECT maintenance_id, component_id FROM scheduled_maintenance_components
            WHERE maintenance_id IN (\(placeholders)) ORDER BY maintenance_id, position
            """).forEachRow(SQLArguments(values: ids)) { link in links[link[0], default: []].append(link[1]) }
        return windows.map { window in
            var window = window
            window.componentIds = links[window.id] ?? []
            return window
        }
    }
}
