import GRDB

/// The rows one delete removed besides its own: what `ON DELETE CASCADE` in Migrations/0001_init.sql
/// took with it. A page takes its components, incidents (with their timelines), maintenance windows,
/// subscribers and counts; a project
/// its pages (and all theirs) and the credentials scoped to it; a component only its links to
/// incidents, which stay on the page.
public struct CascadedRows: Sendable, Equatable {
    public var statusPages = 0
    public var components = 0
    public var incidents = 0
    public var incidentLinks = 0
    public var credentials = 0
    public var maintenanceWindows = 0
    public var subscribers = 0

    public init(statusPages: Int = 0, components: Int = 0, incidents: Int = 0, incidentLinks: Int = 0,
                credentials: Int = 0, maintenanceWindows: Int = 0, subscribers: Int = 0) {
        self.maintenanceWindows = maintenanceWindows
        self.subscribers = subscribers
        self.statusPages = statusPages
        self.components = components
        self.incidents = incidents
        self.incidentLinks = incidentLinks
        self.credentials = credentials
    }
}

/// What `deleteProject(_:force:)` did.
public enum ProjectDeletion: Sendable, Equatable {
    case deleted(CascadedRows)
    /// Nothing deleted: the project still has this many status pages and `force` was false.
    case refused(statusPages: Int)
    case notFound
}

// Deletes for the CLI, each counted and done in one transaction.
extension Store {
    /// Deletes the project and everything under it; without `force`, only a project with no pages.
    public func deleteProject(_ id: String, force: Bool) throws -> ProjectDeletion {
        try write { db in
            guard try Self.exists("projects", id: id, db) else { return .notFound }
            let pages = try Self.count("SELECT COUNT(*) FROM status_pages WHERE project_id = ?", id, db)
            if pages > 0 && !force { return .refused(statusPages: pages) }
            let cascaded = CascadedRows(
                statusPages: pages,
                components: try Self.count("""
                    SELECT COUNT(*) FROM components
                    WHERE status_page_id IN (SELECT id FROM status_pages WHERE project_id = ?)
                    """, id, db),
                incidents: try Self.count("""
                    SELECT COUNT(*) FROM incidents
                    WHERE status_page_id IN (SELECT id FROM status_pages WHERE project_id = ?)
                    """, id, db),
                credentials: try Self.count("SELECT COUNT(*) FROM credentials WHERE project_id = ?", id, db),
                maintenanceWindows: try maintenanceCount("""
                    SELECT COUNT(*) FROM scheduled_maintenance
                    WHERE status_page_id IN (SELECT id FROM status_pages WHERE project_id = ?)
                    """, id, db),
                subscribers: try subscriberCount("""
                    SELECT COUNT(*) FROM subscribers
                    WHERE status_page_id IN (SELECT id FROM status_pages WHERE project_id = ?)
                    """, id, db))
            try db.cachedStatement(sql: "DELETE FROM projects WHERE id = ?").execute(arguments: [id])
            try auditDeleted(.project, id, before: nil, db)
            return .deleted(cascaded)
        }
    }

    /// Deletes the page with its components, incidents, maintenance windows and subscribers. nil if absent.
    public func deleteStatusPageCounting(_ id: String) throws -> CascadedRows? {
        try write { db in
            guard try Self.exists("status_pages", id: id, db) else { return nil }
            let before = try auditedRow(.statusPage, id, db)
            let cascaded = CascadedRows(
                components: try Self.count("SELECT COUNT(*) FROM components WHERE status_page_id = ?", id, db),
                incidents: try Self.count("SELECT COUNT(*) FROM incidents WHERE status_page_id = ?", id, db),
                maintenanceWindows: try maintenanceCount(
                    "SELECT COUNT(*) FROM scheduled_maintenance WHERE status_page_id = ?", id, db),
                subscribers: try subscriberCount("SELECT COUNT(*) FROM subscribers WHERE status_page_id = ?", id, db))
            try db.cachedStatement(sql: "DELETE FROM status_pages WHERE id = ?").execute(arguments: [id])
            try auditDeleted(.statusPage, id, before: before, db)
            return cascaded
        }
    }

    /// Deletes the component on whichever page it is; incidents naming it stay and stop naming it.
    /// nil if absent.
    public func deleteComponent(_ id: String) throws -> CascadedRows? {
        try write { db in
            guard try Self.exists("components", id: id, db) else { return nil }
            let before = try auditedRow(.component, id, db)
            let cascaded = CascadedRows(
                incidentLinks: try Self.count("SELECT COUNT(*) FROM incident_components WHERE component_id = ?", id, db))
            try db.cachedStatement(sql: "DELETE FROM components WHERE id = ?").execute(arguments: [id])
            try auditDeleted(.component, id, before: before, db)
            return cascaded
        }
    }

    /// `count`, or 0 on a schema without maintenance tables.
    private func maintenanceCount(_ sql: String, _ id: String, _ db: SQLDatabase) throws -> Int {
        hasMaintenanceTables ? try Self.count(sql, id, db) : 0
    }

    /// `count`, or 0 on a schema without the subscribers table.
    private func subscriberCount(_ sql: String, _ id: String, _ db: SQLDatabase) throws -> Int {
        hasSubscriberTable ? try Self.count(sql, id, db) : 0
    }

    private static func count(_ sql: String, _ id: String, _ db: SQLDatabase) throws -> Int {
        try Int.fetchOne(db.cachedStatement(sql: sql), arguments: [id]) ?? 0
    }
}
