import GRDB
import StatusdCore

// What the public status page and its feeds read beyond what the API shapes do: the page by its
// custom domain, the password's fingerprint for the access cookie, the open incidents (shared with
// the summary), the incident history by start date, and the newest timeline entries and windows.
extension Store {
    /// The page served at `host` (its `custom_domain`, in any letter case): the oldest one not
    /// deleted when several name the same domain, so the answer never depends on row order.
    public func statusPage(customDomain host: String) throws -> StatusPage? {
        try read { db in
            try db.cachedStatement(sql: """
                SELECT \(StatusPage.columns) FROM status_pages
                WHERE \(db.equalsIgnoringASCIICase("custom_domain")) AND deleted_at IS NULL ORDER BY created_at, id LIMIT 1
                """).decodeFirst([host], StatusPage.init(row:))
        }
    }

    /// SHA-256 of the page's stored password hash: a new value whenever the password is set again
    /// (each hash has a fresh salt), so a signature over it stops holding then. nil: no password.
    /// Never the hash itself, which stays in the store.
    public func passwordFingerprint(statusPageId: String) throws -> [UInt8]? {
        let stored = try read { db in
            try String.fetchOne(
                db.cachedStatement(sql: "SELECT password_hash FROM status_pages WHERE id = ? AND deleted_at IS NULL"),
                arguments: [statusPageId])
        }
        return try stored.map { try Secrets.sha256($0) }
    }

    /// The page's unresolved incidents, newest first (at most 100 per open status): what the public
    /// summary and the public page show as active.
    public func openIncidents(statusPageId: String) throws -> [Incident] {
        var open: [Incident] = []
        for status in IncidentStatus.allCases where status.isOpen {
            open += try incidents(IncidentQuery(statusPageId: statusPageId, status: status, page: 1, perPage: 100)).items
        }
        return open.sorted { ($0.createdAt, $0.id) > ($1.createdAt, $1.id) }
    }

    /// Resolved incidents that started in `range`, latest start first (then id), at most `limit`,
    /// with how many there are in the range.
    public func resolvedIncidents(statusPageId: String, startedIn range: Range<Timestamp>, limit: Int) throws -> Page<Incident> {
        try read { db in
            let arguments: SQLArguments = [
                statusPageId, range.lowerBound.millisecondsSince1970, range.upperBound.millisecondsSince1970,
            ]
            let condition = "status_page_id = ? AND status = 3 AND started_at >= ? AND started_at < ?"
            let incidents = try db.cachedStatement(sql: """
                SELECT \(Incident.columns) FROM incidents WHERE \(condition) ORDER BY started_at DESC, id DESC LIMIT ?
                """).decodeAll(arguments + [limit], Incident.init(row:))
            let total = try Int.fetchOne(
                db.cachedStatement(sql: "SELECT COUNT(*) FROM incidents WHERE \(condition)"), arguments: arguments) ?? 0
            return Page(items: try Self.completed(incidents, db), total: total)
        }
    }

    /// The latest start of a resolved incident before `time`, and the earliest at or after `after`:
    /// where the history's older and newer neighbours are.
    public func resolvedIncidentStarts(
        statusPageId: String, before time: Timestamp, atOrAfter after: Timestamp
    ) throws -> (older: Timestamp?, newer: Timestamp?) {
        try read { db in
            let row = try db.cachedStatement(sql: """
                    SELECT (SELECT MAX(started_at) FROM incidents WHERE status_page_id = ?1 AND status = 3 AND started_at < ?2),
                           (SELECT MIN(started_at) FROM incidents WHERE status_page_id = ?1 AND status = 3 AND started_at >= ?3)
                    """).decodeFirst([statusPageId, time.millisecondsSince1970, after.millisecondsSince1970]) { row in
                        (row.optionalTimestamp(0), row.optionalTimestamp(1))
                    }
            return row ?? (nil, nil)
        }
    }

    /// Each incident's whole timeline, oldest entry first (the order it happened in), in one query.
    public func timelines(incidentIds: [String]) throws -> [String: [IncidentUpdate]] {
        guard !incidentIds.isEmpty else { return [:] }
        return try read { db in
            var timelines: [String: [IncidentUpdate]] = [:]
            try db.makeStatement(sql: """
                SELECT \(IncidentUpdate.columns) FROM incident_updates
                WHERE incident_id IN (\(databaseQuestionMarks(count: incidentIds.count))) ORDER BY incident_id, created_at, seq
                """).forEachRow(SQLArguments(values: incidentIds)) { row in
                let update = IncidentUpdate(row: row)
                timelines[update.incidentId, default: []].append(update)
            }
            return timelines
        }
    }

    /// The page's newest timeline entries across its incidents (by when they happened, then the
    /// order written), each with its incident, at most `limit`: the feeds' incident entries.
    public func recentUpdates(statusPageId: String, limit: Int) throws -> [(incident: Incident, update: IncidentUpdate)] {
        try read { db in
            let updates = try db.cachedStatement(sql: """
                SELECT \(IncidentUpdate.columns(of: "updates")) FROM incident_updates AS updates
                JOIN incidents ON incidents.id = updates.incident_id
                WHERE incidents.status_page_id = ? ORDER BY updates.created_at DESC, updates.seq DESC LIMIT ?
                """).decodeAll([statusPageId, limit], IncidentUpdate.init(row:))
            let ids = Array(Set(updates.map(\.incidentId)))
            guard !ids.isEmpty else { return [] }
            let incidents = try Self.completed(
                try db.makeStatement(sql: """
                    SELECT \(Incident.columns) FROM incidents WHERE id IN (\(databaseQuestionMarks(count: ids.count)))
                    """).decodeAll(SQLArguments(values: ids), Incident.init(row:)),
                db)
            let byId = Dictionary(incidents.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            return updates.compactMap { update in byId[update.incidentId].map { ($0, update) } }
        }
    }

    /// The page's maintenance windows, most recently written first (then id), at most `limit`:
    /// the feeds' maintenance entries.
    public func recentlyChangedMaintenance(statusPageId: String, limit: Int) throws -> [ScheduledMaintenance] {
        guard hasMaintenanceTables else { return [] }
        return try read { db in
            let windows = try db.cachedStatement(sql: """
                SELECT \(ScheduledMaintenance.columns) FROM scheduled_maintenance WHERE status_page_id = ?
                ORDER BY updated_at DESC, id DESC LIMIT ?
                """).decodeAll([statusPageId, limit], ScheduledMaintenance.init(row:))
            return try Self.withComponents(windows, db)
        }
    }
}
