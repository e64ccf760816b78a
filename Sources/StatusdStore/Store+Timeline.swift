import GRDB
import StatusdCore

// An incident's timeline (its updates). Entries are ordered by created_at, then by insertion (seq).
extension Store {
    /// nil if the incident is absent. A status sets/clears endedAt on the incident; nil status keeps
    /// the incident's status (OnlineOrNot `UPDATE`, recorded with `keptStatus`).
    public func addUpdate(
        _ new: NewIncidentUpdate, incidentId: String, statusPageId: String
    ) throws -> IncidentUpdate? {
        try write { db in
            guard let incident = try Self.fetchIncident(incidentId, statusPageId: statusPageId, db) else {
                return nil
            }
            let now = Timestamp(column: now())
            let status = new.status ?? incident.status
            try Self.setStatus(status, of: incident, at: now, db)
            return try insertUpdate(
                id: nil, incidentId: incidentId, message: new.message, status: status,
                keptStatus: new.status == nil, createdBy: new.createdBy, at: now, db)
        }
    }

    /// nil if the incident is absent. Ordered by created_at (then insertion order), in `order`.
    public func updates(
        incidentId: String, statusPageId: String, page: Int, perPage: Int, order: IncidentQuery.SortOrder
    ) throws -> Page<IncidentUpdate>? {
        try read { db in
            guard try Self.incidentExists(incidentId, statusPageId: statusPageId, db) else { return nil }
            let direction = order == .ascending ? "ASC" : "DESC"
            let limit = max(perPage, 1)
            let (skipped, overflow) = (max(page, 1) - 1).multipliedReportingOverflow(by: limit)
            let rows = try Row.fetchAll(
                db.cachedStatement(sql: """
                    SELECT * FROM incident_updates WHERE incident_id = ?
                    ORDER BY created_at \(direction), seq \(direction) LIMIT ? OFFSET ?
                    """),
                arguments: [incidentId, limit, overflow ? Int.max : skipped])
            let total = try Int.fetchOne(
                db.cachedStatement(sql: "SELECT COUNT(*) FROM incident_updates WHERE incident_id = ?"),
                arguments: [incidentId]) ?? 0
            return Page(items: rows.map(IncidentUpdate.init(row:)), total: total)
        }
    }

    public func update(_ id: String, incidentId: String, statusPageId: String) throws -> IncidentUpdate? {
        try read { db in try Self.fetchUpdate(id, incidentId: incidentId, statusPageId: statusPageId, db) }
    }

    /// Edits the message (and status, which then applies to the incident if this is its latest entry).
    public func editUpdate(
        _ id: String, incidentId: String, statusPageId: String, message: String?, status: IncidentStatus?
    ) throws -> IncidentUpdate? {
        try write { db in
            guard let current = try Self.fetchUpdate(id, incidentId: incidentId, statusPageId: statusPageId, db),
                  let incident = try Self.fetchIncident(incidentId, statusPageId: statusPageId, db)
            else { return nil }
            let now = Timestamp(column: now())
            try db.cachedStatement(sql: "UPDATE incident_updates SET message = ?, status = ?, kept_status = ?, updated_at = ? WHERE id = ?")
                .execute(
                arguments: [message ?? current.message, (status ?? current.status).rawValue,
                            status == nil ? current.keptStatus : false, now.millisecondsSince1970, id])
            if let status, incident.latestUpdate?.id == id {
                try Self.setStatus(status, of: incident, at: now, db)
            }
            return try Self.fetchUpdate(id, incidentId: incidentId, statusPageId: statusPageId, db)
        }
    }

    /// Removes one timeline entry; the incident's own fields stay as they are. false if absent.
    public func deleteUpdate(_ id: String, incidentId: String, statusPageId: String) throws -> Bool {
        try write { db in
            guard try Self.incidentExists(incidentId, statusPageId: statusPageId, db) else { return false }
            try db.cachedStatement(sql: "DELETE FROM incident_updates WHERE id = ? AND incident_id = ?")
                .execute(arguments: [id, incidentId])
            return db.changesCount > 0
        }
    }

    // MARK: Helpers

    /// Sets the incident's status and touches updated_at; a change sets endedAt when resolving and
    /// clears it when reopening.
    static func setStatus(_ status: IncidentStatus, of incident: Incident, at now: Timestamp, _ db: Database) throws {
        let endedAt = status == incident.status ? incident.endedAt : (status == .resolved ? now : nil)
        try db.cachedStatement(sql: "UPDATE incidents SET status = ?, ended_at = ?, updated_at = ? WHERE id = ?")
            .execute(
            arguments: [status.rawValue, endedAt?.millisecondsSince1970, now.millisecondsSince1970, incident.id])
    }

    @discardableResult
    func insertUpdate(
        id: String?, incidentId: String, message: String, status: IncidentStatus, keptStatus: Bool,
        createdBy: String, at time: Timestamp, _ db: Database
    ) throws -> IncidentUpdate {
        let update = IncidentUpdate(
            id: try claimId(id, in: "incident_updates", db), incidentId: incidentId, message: message, status: status,
            keptStatus: keptStatus, createdBy: createdBy, createdAt: time, updatedAt: time)
        try db.cachedStatement(
            sql: """
                INSERT INTO incident_updates(id, incident_id, message, status, kept_status, created_by,
                                             created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(
            arguments: [update.id, incidentId, message, status.rawValue, keptStatus, createdBy,
                        time.millisecondsSince1970, time.millisecondsSince1970])
        return update
    }

    static func incidentExists(_ id: String, statusPageId: String, _ db: Database) throws -> Bool {
        try Bool.fetchOne(
            db.cachedStatement(sql: "SELECT EXISTS(SELECT 1 FROM incidents WHERE id = ? AND status_page_id = ?)"),
            arguments: [id, statusPageId]) == true
    }

    static func fetchUpdate(_ id: String, incidentId: String, statusPageId: String, _ db: Database) throws
        -> IncidentUpdate?
    {
        try Row.fetchOne(
            db.cachedStatement(sql: """
                SELECT u.* FROM incident_updates AS u JOIN incidents AS i ON i.id = u.incident_id
                WHERE u.id = ? AND u.incident_id = ? AND i.status_page_id = ?
                """),
            arguments: [id, incidentId, statusPageId]
        ).map(IncidentUpdate.init(row:))
    }
}
