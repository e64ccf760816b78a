import GRDB
import StatusdCore

// An incident's timeline (its updates). Entries are ordered by created_at, then by insertion (seq).
extension Store {
    /// nil if the incident is absent. A status sets/clears endedAt on the incident; nil status keeps
    /// the incident's status (OnlineOrNot `UPDATE`, recorded with `keptStatus`). An entry dated
    /// (`happenedAt`) before the incident's newest one takes its place in the timeline and leaves the
    /// incident's status alone: only the newest entry says what the status is now.
    public func addUpdate(
        _ new: NewIncidentUpdate, incidentId: String, statusPageId: String
    ) throws -> IncidentUpdate? {
        try write { db in
            guard let incident = try Self.fetchIncident(incidentId, statusPageId: statusPageId, db) else {
                return nil
            }
            let now = Timestamp(column: now())
            let happenedAt = new.happenedAt ?? now
            let isNewest = happenedAt >= (incident.latestUpdate?.createdAt ?? happenedAt)
            let status = new.status ?? incident.status
            if isNewest {
                try Self.setStatus(status, of: incident, at: now, endedAt: happenedAt, db)
            } else {
                try Self.touch(incident, at: now, db)
            }
            let update = try insertUpdate(
                id: nil, incidentId: incidentId, message: new.message, status: status,
                keptStatus: new.status == nil, createdBy: new.createdBy, at: happenedAt,
                recordedAt: happenedAt == now ? nil : now, notifySubscribers: new.notifySubscribers, db)
            let resolves = isNewest && status == .resolved && incident.status != .resolved
            try enqueue(resolves ? .incidentResolved : .incidentUpdated, incidentId: incidentId, statusPageId: statusPageId, db)
            try auditCreated(.incidentUpdate, update.id, page: statusPageId, db)
            return update
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
            let updates = try db.cachedStatement(sql: """
                SELECT \(IncidentUpdate.columns) FROM incident_updates WHERE incident_id = ?
                ORDER BY created_at \(direction), seq \(direction) LIMIT ? OFFSET ?
                """).decodeAll([incidentId, limit, overflow ? Int.max : skipped], IncidentUpdate.init(row:))
            let total = try Int.fetchOne(
                db.cachedStatement(sql: "SELECT COUNT(*) FROM incident_updates WHERE incident_id = ?"),
                arguments: [incidentId]) ?? 0
            return Page(items: updates, total: total)
        }
    }

    /// The incident's newest `limit` entries (every entry when nil), newest first: for a caller that
    /// has just read the incident on its page, so neither its existence nor the total is asked again
    /// (one statement where `updates` runs three, on every uncached incident detail).
    public func timeline(ofIncident incidentId: String, limit: Int?) throws -> [IncidentUpdate] {
        try read { db in
            try db.cachedStatement(sql: """
                SELECT \(IncidentUpdate.columns) FROM incident_updates WHERE incident_id = ?
                ORDER BY created_at DESC, seq DESC LIMIT ?
                """).decodeAll([incidentId, limit ?? Int.max], IncidentUpdate.init(row:))  // Int.max: no limit on either backend
        }
    }

    public func update(_ id: String, incidentId: String, statusPageId: String) throws -> IncidentUpdate? {
        try read { db in try Self.fetchUpdate(id, incidentId: incidentId, statusPageId: statusPageId, db) }
    }

    /// Edits the message, the status (which then applies to the incident if this is its newest
    /// entry) and when it happened (`happenedAt`, which moves it in the timeline).
    public func editUpdate(
        _ id: String, incidentId: String, statusPageId: String, message: String?, status: IncidentStatus?,
        happenedAt: Timestamp? = nil
    ) throws -> IncidentUpdate? {
        try write { db in
            guard let current = try Self.fetchUpdate(id, incidentId: incidentId, statusPageId: statusPageId, db)
            else { return nil }
            let before = try auditedRow(.incidentUpdate, id, db)
            let now = Timestamp(column: now())
            let placed = happenedAt ?? current.createdAt
            try db.cachedStatement(sql: """
                    UPDATE incident_updates SET message = ?, status = ?, kept_status = ?, updated_at = ?,
                        created_at = ?, recorded_at = ? WHERE id = ?
                    """).execute(
                arguments: [message ?? current.message, (status ?? current.status).rawValue,
                            status == nil ? current.keptStatus : false, now.millisecondsSince1970,
                            placed.millisecondsSince1970,
                            (current.recordedAt ?? (placed == current.createdAt ? nil : current.createdAt))?
                                .millisecondsSince1970, id])
            // Read after the change: the entry may have become, or stopped being, the newest.
            var resolves = false
            if let status, let incident = try Self.fetchIncident(incidentId, statusPageId: statusPageId, db),
               incident.latestUpdate?.id == id {
                try Self.setStatus(status, of: incident, at: now, endedAt: placed, db)
                resolves = status == .resolved && incident.status != .resolved
            }
            try enqueue(resolves ? .incidentResolved : .incidentUpdated, incidentId: incidentId, statusPageId: statusPageId, db)
            try auditUpdated(.incidentUpdate, id, before: before, page: statusPageId, db)
            return try Self.fetchUpdate(id, incidentId: incidentId, statusPageId: statusPageId, db)
        }
    }

    /// Removes one timeline entry; the incident's own fields stay as they are. false if absent.
    public func deleteUpdate(_ id: String, incidentId: String, statusPageId: String) throws -> Bool {
        try write { db in
            guard try Self.incidentExists(incidentId, statusPageId: statusPageId, db) else { return false }
            try db.cachedStatement(sql: "DELETE FROM incident_updates WHERE id = ? AND incident_id = ?")
                .execute(arguments: [id, incidentId])
            guard db.changesCount > 0 else { return false }
            try auditDeleted(.incidentUpdate, id, before: nil, page: statusPageId, db)
            return true
        }
    }

    // MARK: Helpers

    /// Sets the incident's status and touches updated_at; a change sets endedAt (to `endedAt`, else
    /// now: when the resolving entry happened) when resolving and clears it when reopening.
    static func setStatus(
        _ status: IncidentStatus, of incident: Incident, at now: Timestamp, endedAt resolvedAt: Timestamp? = nil,
        _ db: SQLDatabase
    ) throws {
        let endedAt = status == incident.status ? incident.endedAt : (status == .resolved ? resolvedAt ?? now : nil)
        try db.cachedStatement(sql: "UPDATE incidents SET status = ?, ended_at = ?, updated_at = ? WHERE id = ?")
            .execute(
            arguments: [status.rawValue, endedAt?.millisecondsSince1970, now.millisecondsSince1970, incident.id])
    }

    /// Touches updated_at only: an entry was added that does not change the status.
    static func touch(_ incident: Incident, at now: Timestamp, _ db: SQLDatabase) throws {
        try db.cachedStatement(sql: "UPDATE incidents SET updated_at = ? WHERE id = ?")
            .execute(arguments: [now.millisecondsSince1970, incident.id])
    }

    /// `time` places the entry in the timeline; `recordedAt`, when given, is when it was written
    /// (and its updated_at).
    @discardableResult
    func insertUpdate(
        id: String?, incidentId: String, message: String, status: IncidentStatus, keptStatus: Bool,
        createdBy: String, at time: Timestamp, recordedAt: Timestamp? = nil, notifySubscribers: Bool = true,
        _ db: SQLDatabase
    ) throws -> IncidentUpdate {
        let update = IncidentUpdate(
            id: try claimId(id, in: "incident_updates", db), incidentId: incidentId, message: message, status: status,
            keptStatus: keptStatus, createdBy: createdBy, createdAt: time, updatedAt: recordedAt ?? time,
            recordedAt: recordedAt, notifySubscribers: notifySubscribers)
        try db.cachedStatement(
            sql: """
                INSERT INTO incident_updates(id, incident_id, message, status, kept_status, created_by,
                                             created_at, updated_at, recorded_at, notify_subscribers)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(
            arguments: [update.id, incidentId, message, status.rawValue, keptStatus, createdBy,
                        time.millisecondsSince1970, update.updatedAt.millisecondsSince1970,
                        recordedAt?.millisecondsSince1970, notifySubscribers])
        return update
    }

    static func incidentExists(_ id: String, statusPageId: String, _ db: SQLDatabase) throws -> Bool {
        try Bool.fetchOne(
            db.cachedStatement(sql: "SELECT EXISTS(SELECT 1 FROM incidents WHERE id = ? AND status_page_id = ?)"),
            arguments: [id, statusPageId]) == true
    }

    static func fetchUpdate(_ id: String, incidentId: String, statusPageId: String, _ db: SQLDatabase) throws
        -> IncidentUpdate?
    {
        try db.cachedStatement(sql: """
            SELECT \(IncidentUpdate.columns(of: "u")) FROM incident_updates AS u JOIN incidents AS i ON i.id = u.incident_id
            WHERE u.id = ? AND u.incident_id = ? AND i.status_page_id = ?
            """).decodeFirst([id, incidentId, statusPageId], IncidentUpdate.init(row:))
    }
}
