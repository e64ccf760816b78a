import GRDB
import StatusdCore

// Incidents: create, read, update, delete, each in one transaction.
extension Store {
    /// Records the first timeline entry. Throws `.unknownComponents` for ids not on the page,
    /// `.missingParent("status page")` for an unknown page, `.duplicate` for a taken id.
    public func createIncident(_ new: NewIncident, statusPageId: String) throws -> Incident {
        try write { db in
            guard try Self.exists("status_pages", id: statusPageId, db) else {
                throw StoreError.missingParent("status page")
            }
            try Self.requireComponents(new.components, statusPageId: statusPageId, db)
            let now = Timestamp(column: now())
            let record = IncidentRecord(
                id: try claimId(new.id, in: "incidents", db), statusPageId: statusPageId, title: new.title,
                description: new.description, status: new.status, impact: new.impact, components: new.components,
                startedAt: now, endedAt: new.status == .resolved ? now : nil, createdAt: now, updatedAt: now,
                notifySubscribers: new.notifySubscribers)
            try Self.insert(record, db)
            let first = try insertUpdate(
                id: nil, incidentId: record.id, message: new.description, status: new.status, keptStatus: false,
                createdBy: new.createdBy, at: now, notifySubscribers: new.notifySubscribers, db)
            try enqueue(.incidentStarted, incidentId: record.id, statusPageId: statusPageId, db)
            try auditCreated(.incident, record.id, also: new.components.isEmpty ? [] : ["components"], db)
            // What was just written, as a read would return it (no re-read inside the write batch).
            return Incident(
                id: record.id, statusPageId: statusPageId, title: record.title, description: record.description,
                status: record.status, impact: record.impact, components: Self.linked(record.components),
                startedAt: now, endedAt: record.endedAt, createdAt: now, updatedAt: now, updatesCount: 1,
                latestUpdate: first, notifySubscribers: new.notifySubscribers)
        }
    }

    public func incident(_ id: String, statusPageId: String) throws -> Incident? {
        try read { db in try Self.fetchIncident(id, statusPageId: statusPageId, db) }
    }

    /// nil if absent. A status change sets/clears endedAt; a status or description change adds a
    /// timeline entry (message: the new description, else `Status changed to <status>`); a `note`
    /// adds one more entry that keeps the status. All in one transaction, with the webhook
    /// deliveries of `incident.updated` (or `.resolved`), unless `announcing` is false: a caller
    /// that adds a timeline entry right after, which announces the change itself.
    public func updateIncident(
        _ id: String, statusPageId: String, _ changes: IncidentChanges, announcing: Bool = true
    ) throws -> Incident? {
        try write { db in
            guard let current = try Self.fetchIncident(id, statusPageId: statusPageId, db) else { return nil }
            if changes.isEmpty { return current }
            let before = try auditedRow(.incident, id, db)
            if let components = changes.components {
                try Self.requireComponents(components, statusPageId: statusPageId, db)
            }
            let now = Timestamp(column: now())
            let status = changes.status ?? current.status
            let statusChanged = status != current.status
            let description = changes.description ?? current.description
            let descriptionChanged = description != current.description
            let endedAt = statusChanged ? (status == .resolved ? now : nil) : current.endedAt
            try db.cachedStatement(sql: """
                    UPDATE incidents SET title = ?, description = ?, status = ?, impact = ?, ended_at = ?, updated_at = ?
                    WHERE id = ?
                    """).execute(
                arguments: [changes.title ?? current.title, description, status.rawValue,
                            (changes.impact ?? current.impact)?.rawValue, endedAt?.millisecondsSince1970,
                            now.millisecondsSince1970, id])
            if let components = changes.components {
                try db.cachedStatement(sql: "DELETE FROM incident_components WHERE incident_id = ?")
                    .execute(arguments: [id])
                try Self.insertLinks(incidentId: id, components, db)
            }
            if statusChanged || descriptionChanged {
                let message = descriptionChanged ? description : "Status changed to \(status.name)"
                try insertUpdate(
                    id: nil, incidentId: id, message: message, status: status, keptStatus: !statusChanged,
                    createdBy: changes.changedBy, at: now, db)
            }
            if let note = changes.note {
                try insertUpdate(
                    id: nil, incidentId: id, message: note, status: status, keptStatus: true,
                    createdBy: changes.changedBy, at: now, db)
            }
            let event: WebhookEvent = statusChanged && status == .resolved ? .incidentResolved : .incidentUpdated
            if announcing { try enqueue(event, incidentId: id, statusPageId: statusPageId, db) }
            let componentsChanged = changes.components.map { Self.linked($0) != current.components } ?? false
            let timelineGrew = statusChanged || descriptionChanged || changes.note != nil
            try auditUpdated(
                .incident, id, before: before,
                also: (componentsChanged ? ["components"] : []) + (timelineGrew ? ["updates"] : []), db)
            return try Self.fetchIncident(id, statusPageId: statusPageId, db)
        }
    }

    /// Removes the incident, its timeline and its component links. false if absent.
    public func deleteIncident(_ id: String, statusPageId: String) throws -> Bool {
        try write { db in
            let before = try auditedRow(.incident, id, db)
            // incident_updates and incident_components go with it (ON DELETE CASCADE).
            try db.cachedStatement(sql: "DELETE FROM incidents WHERE id = ? AND status_page_id = ?")
                .execute(arguments: [id, statusPageId])
            guard db.changesCount > 0 else { return false }
            try auditDeleted(.incident, id, before: before, db)
            return true
        }
    }
}

/// Every column of an incident row, as written by create and by the demo fixtures.
struct IncidentRecord {
    var id: String
    var statusPageId: String
    var title: String
    var description: String
    var status: IncidentStatus
    var impact: Impact?
    var components: [AffectedComponent]
    var startedAt: Timestamp
    var endedAt: Timestamp?
    var createdAt: Timestamp
    var updatedAt: Timestamp
    var notifySubscribers = true
}

extension IncidentStatus {
    /// Lowercase canonical name, used in generated timeline messages.
    var name: String {
        switch self {
        case .investigating: "investigating"
        case .identified: "identified"
        case .monitoring: "monitoring"
        case .resolved: "resolved"
        }
    }
}

// MARK: Helpers shared by incidents, timeline and fixtures

extension Store {
    static func insert(_ record: IncidentRecord, _ db: SQLDatabase) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO incidents(id, status_page_id, title, description, status, impact,
                                      started_at, ended_at, created_at, updated_at, notify_subscribers)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(
            arguments: [record.id, record.statusPageId, record.title, record.description, record.status.rawValue,
                        record.impact?.rawValue, record.startedAt.millisecondsSince1970,
                        record.endedAt?.millisecondsSince1970, record.createdAt.millisecondsSince1970,
                        record.updatedAt.millisecondsSince1970, record.notifySubscribers])
        try insertLinks(incidentId: record.id, record.components, db)
    }

    /// Links in the order given; a component named twice keeps its first impact.
    static func insertLinks(incidentId: String, _ components: [AffectedComponent], _ db: SQLDatabase) throws {
        var seen = Set<String>()
        for component in components where seen.insert(component.componentId).inserted {
            try db.cachedStatement(
                sql: """
                    INSERT INTO incident_components(incident_id, component_id, impact, position)
                    VALUES (?, ?, ?, ?)
                    """
            ).execute(
                arguments: [incidentId, component.componentId, component.impact?.rawValue, seen.count - 1])
        }
    }

    /// The links `insertLinks` records: in the order given, each component once with its first impact.
    static func linked(_ components: [AffectedComponent]) -> [AffectedComponent] {
        var seen = Set<String>()
        return components.filter { seen.insert($0.componentId).inserted }
    }

    /// Throws `.unknownComponents` (in the order given, each once) unless every id is on the page.
    static func requireComponents(_ components: [AffectedComponent], statusPageId: String, _ db: SQLDatabase) throws {
        var unknown: [String] = []
        for id in components.map(\.componentId) where !unknown.contains(id) {
            let known = try Bool.fetchOne(
                db.cachedStatement(sql: "SELECT EXISTS(SELECT 1 FROM components WHERE id = ? AND status_page_id = ?)"),
                arguments: [id, statusPageId]) == true
            if !known { unknown.append(id) }
        }
        if !unknown.isEmpty { throw StoreError.unknownComponents(unknown) }
    }

    static func fetchIncident(_ id: String, statusPageId: String, _ db: SQLDatabase) throws -> Incident? {
        guard let incident = try db.cachedStatement(
            sql: "SELECT \(Incident.columns) FROM incidents WHERE id = ? AND status_page_id = ?"
        ).decodeFirst([id, statusPageId], Incident.init(row:))
        else { return nil }
        return try completed([incident], db)[0]
    }

    /// Fills in components, updatesCount and latestUpdate: two statements whatever the count, each
    /// row carrying its incident's position in `incidents`, so rows are put in place by index (no
    /// incident id read back as a string, no dictionary keyed by it).
    static func completed(_ incidents: [Incident], _ db: SQLDatabase) throws -> [Incident] {
        guard !incidents.isEmpty else { return [] }
        let ids = incidents.map(\.id)
        let sql = CompletionSQL.forCount(ids.count)
        var completed = incidents
        var links = [[(position: Int, link: AffectedComponent)]](repeating: [], count: ids.count)
        try db.cachedStatement(sql: sql.links).forEachRow(bindingText: ids) { row in
            let impact = (row[2] as String?).flatMap(Impact.init(rawValue:))
            links[row[0]].append((row[3], AffectedComponent(componentId: row[1], impact: impact)))
        }
        try db.cachedStatement(sql: sql.summary).forEachRow(bindingText: ids) { row in
            let index: Int = row[0]
            completed[index].updatesCount = row[1]
            // A LEFT JOIN: no entry yet leaves the update's columns NULL.
            completed[index].latestUpdate = (row[2] as String?) == nil ? nil : IncidentUpdate(row: row, first: 2)
        }
        for index in completed.indices {
            // A page's incidents have a handful of components at most: sorted here, not by SQLite.
            completed[index].components = links[index].sorted { $0.position < $1.position }.map(\.link)
        }
        return completed
    }
}

/// The statements a list page (`byRowids`) and `Store.completed` run for `count` incidents, made
/// once per count up to a page's most (one for a single incident): the SQL is the statement
/// cache's key, so building it anew on every read cost its joins and its hashing each time.
enum CompletionSQL {
    struct Statements: Sendable {
        let byRowids: String
        /// Every link of the incidents: (incident position, component_id, impact, link position).
        /// The incident's position, not its id, so a row is put in place without a string or a hash.
        let links: String
        /// Per incident: (position, number of entries, the newest entry's `IncidentUpdate.columns`),
        /// one seek per incident for both; a LEFT JOIN, as an incident written by hand may have none.
        let summary: String
    }

    static func forCount(_ count: Int) -> Statements {
        count < made.count ? made[count] : make(count)
    }

    private static let made: [Statements] = (0...100).map(make)

    private static func make(_ count: Int) -> Statements {
        let marks = databaseQuestionMarks(count: count)
        // Each id bound with its position in the caller's list, as a literal of this count's SQL.
        let wanted = (0..<count).map { "(?, \($0))" }.joined(separator: ", ")
        return Statements(
            byRowids: "SELECT \(Incident.columns), rowid FROM incidents WHERE rowid IN (\(marks))",
            links: """
                SELECT wanted.column2, link.component_id, link.impact, link.position
                FROM (VALUES \(wanted)) AS wanted
                JOIN incident_components AS link ON link.incident_id = wanted.column1
                """,
            summary: """
                SELECT wanted.column2,
                       (SELECT COUNT(*) FROM incident_updates WHERE incident_id = wanted.column1),
                       \(IncidentUpdate.columns(of: "newest"))
                FROM (VALUES \(wanted)) AS wanted
                LEFT JOIN incident_updates AS newest ON newest.seq = (
                    SELECT seq FROM incident_updates WHERE incident_id = wanted.column1
                    ORDER BY created_at DESC, seq DESC LIMIT 1)
                """)
    }
}
