import Foundation
import GRDB
import StatusdCore

// Projects and status pages.
extension Store {
    // MARK: Projects

    public func createProject(id: String?, name: String) throws -> Project {
        try write { db in
            let project = Project(id: try claimId(id, in: "projects", db), name: name,
                                  createdAt: Timestamp(column: now()))
            try db.cachedStatement(sql: "INSERT INTO projects(id, name, created_at) VALUES (?, ?, ?)").execute(
                arguments: [project.id, project.name, project.createdAt.millisecondsSince1970]
            )
            try auditCreated(.project, project.id, db)
            return project
        }
    }

    public func project(_ id: String) throws -> Project? {
        try read { db in
            try db.cachedStatement(sql: "SELECT \(Project.columns) FROM projects WHERE id = ?")
                .decodeFirst([id], Project.init(row:))
        }
    }

    /// Every project, ordered by created_at then id.
    public func projects() throws -> [Project] {
        try read { db in
            try db.cachedStatement(sql: "SELECT \(Project.columns) FROM projects ORDER BY created_at, id")
                .decodeAll([], Project.init(row:))
        }
    }

    // MARK: Status pages

    /// `subdomain` nil: derived from the name, made unique. `fields`: what else the page starts
    /// with (its name, subdomain and description are the other arguments).
    public func createStatusPage(
        id: String?, projectId: String, name: String, subdomain: String?, description: String?,
        fields: StatusPageChanges = StatusPageChanges()
    ) throws -> StatusPage {
        let passwordHash = try Self.hashPassword(fields.password)
        return try write { db in
            guard try Self.exists("projects", id: projectId, db) else { throw StoreError.missingParent("project") }
            let pageId = try claimId(id, in: "status_pages", db)
            let chosen: String
            if let subdomain {
                guard try !Self.subdomainTaken(subdomain, db) else {
                    throw StoreError.duplicate(field: "subdomain", value: subdomain)
                }
                chosen = subdomain
            } else {
                chosen = try Self.uniqueSubdomain(derivedFrom: name, db)
            }
            let now = now()
            try db.cachedStatement(sql: """
                    INSERT INTO status_pages(id, project_id, name, subdomain, description, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """).execute(
                arguments: [pageId, projectId, name, chosen, description, now, now]
            )
            var extra = fields
            (extra.name, extra.subdomain, extra.description) = (nil, nil, nil)
            if extra != StatusPageChanges() { try Self.apply(extra, passwordHash: passwordHash, to: pageId, at: now, db) }
            try auditCreated(.statusPage, pageId, db)
            return try Self.fetchStatusPage(pageId, db)!
        }
    }

    public func statusPage(_ id: String) throws -> StatusPage? {
        try read { db in try Self.fetchStatusPage(id, db) }
    }

    public func statusPage(subdomain: String) throws -> StatusPage? {
        try read { db in
            try db.cachedStatement(
                sql: "SELECT \(StatusPage.columns) FROM status_pages WHERE subdomain = ? AND deleted_at IS NULL"
            ).decodeFirst([subdomain], StatusPage.init(row:))
        }
    }

    /// Whether `password` is the page's password (`PasswordHash`, compared in constant time); false
    /// when the page has none or does not exist. For whatever serves a protected page. The key is
    /// derived after the read, so no transaction waits on it.
    public func statusPage(_ id: String, passwordMatches password: String) throws -> Bool {
        let stored = try read { db in
            try String.fetchOne(
                db.cachedStatement(sql: "SELECT password_hash FROM status_pages WHERE id = ? AND deleted_at IS NULL"), arguments: [id])
        }
        guard let stored else { return false }
        return PasswordHash.verify(password, against: stored)
    }

    /// nil project: every page. Ordered by created_at then id.
    public func statusPages(projectId: String?) throws -> [StatusPage] {
        try read { db in
            if let projectId {
                try db.cachedStatement(sql: """
                    SELECT \(StatusPage.columns) FROM status_pages WHERE project_id = ? AND deleted_at IS NULL
                    ORDER BY created_at, id
                    """).decodeAll([projectId], StatusPage.init(row:))
            } else {
                try db.cachedStatement(sql: """
                    SELECT \(StatusPage.columns) FROM status_pages WHERE deleted_at IS NULL ORDER BY created_at, id
                    """).decodeAll([], StatusPage.init(row:))
            }
        }
    }

    /// nil fields unchanged. Returns nil if no such page.
    public func updateStatusPage(
        _ id: String, name: String?, subdomain: String?, description: String??
    ) throws -> StatusPage? {
        try updateStatusPage(id, StatusPageChanges(name: name, subdomain: subdomain, description: description))
    }

    /// Applies every field `changes` sets, in one write. Returns nil if no such page.
    public func updateStatusPage(_ id: String, _ changes: StatusPageChanges) throws -> StatusPage? {
        let passwordHash = try Self.hashPassword(changes.password)
        return try write { db in
            guard let page = try Self.fetchStatusPage(id, db) else { return nil }
            if let subdomain = changes.subdomain, subdomain != page.subdomain, try Self.subdomainTaken(subdomain, db) {
                throw StoreError.duplicate(field: "subdomain", value: subdomain)
            }
            let before = try auditedRow(.statusPage, id, db)
            try Self.apply(changes, passwordHash: passwordHash, to: id, at: now(), db)
            try auditUpdated(.statusPage, id, before: before, db)
            return try Self.fetchStatusPage(id, db)
        }
    }

    /// Soft deletion (UptimeIO's DELETE): the page and all under it stay in the file, but no read of
    /// the store returns the page again, and its subdomain is free at once (see Migrations/0009).
    /// false if absent or already deleted.
    public func softDeleteStatusPage(_ id: String) throws -> Bool {
        try write { db in
            let now = now()
            try db.cachedStatement(sql: """
                    UPDATE status_pages
                    SET deleted_at = ?, deleted_subdomain = subdomain, subdomain = 'deleted:' || id, updated_at = ?
                    WHERE id = ? AND deleted_at IS NULL
                    """).execute(arguments: [now, now, id])
            guard db.changesCount > 0 else { return false }
            try auditDeleted(.statusPage, id, before: try auditedRow(.statusPage, id, db), db)
            return true
        }
    }

    /// Deletes the page with its components, incidents and their timelines. false if absent.
    public func deleteStatusPage(_ id: String) throws -> Bool {
        try write { db in
            let before = try auditedRow(.statusPage, id, db)
            try db.cachedStatement(sql: "DELETE FROM status_pages WHERE id = ?").execute(arguments: [id])
            guard db.changesCount > 0 else { return false }
            try auditDeleted(.statusPage, id, before: before, db)
            return true
        }
    }

    // MARK: Helpers

    /// `.some(nil)` for "remove the password", nil for "leave it". Derived before any transaction
    /// opens: PBKDF2 takes a good part of a second by design, and the writer must not wait on it.
    static func hashPassword(_ password: String??) throws -> String?? {
        guard let password else { return nil }
        guard let password, !password.isEmpty else { return .some(nil) }
        return .some(try PasswordHash.make(password))
    }

    /// One UPDATE of the columns `changes` sets (and `updated_at`); the password as `passwordHash`
    /// gives it (see `hashPassword`).
    static func apply(
        _ changes: StatusPageChanges, passwordHash: String??, to id: String, at now: Int64, _ db: SQLDatabase
    ) throws {
        var assignments: [String] = []
        var arguments: SQLArguments = []
        func set(_ column: String, _ value: (any SQLArgument)?) {
            assignments.append("\(column) = ?")
            arguments.append(value)
        }
        if let name = changes.name { set("name", name) }
        if let subdomain = changes.subdomain { set("subdomain", subdomain) }
        if let customDomain = changes.customDomain { set("custom_domain", customDomain) }
        if let description = changes.description { set("description", description) }
        if let hide = changes.hideFromSearchEngines { set("hide_from_search_engines", hide) }
        if let favicon = changes.faviconURL { set("favicon_url", favicon) }
        if let logo = changes.logoURL { set("logo_url", logo) }
        if let darkLogo = changes.darkLogoURL { set("dark_logo_url", darkLogo) }
        if let passwordHash { set("password_hash", passwordHash) }
        if let allowedIPs = changes.allowedIPs { set("allowed_ips", AllowedIPsColumn.encode(allowedIPs)) }
        if let published = changes.isPublished { set("is_published", published) }
        if let color = changes.primaryColor { set("primary_color", color) }
        if let color = changes.accentColor { set("accent_color", color) }
        if let company = changes.companyName { set("company_name", company) }
        if let css = changes.customCSS { set("custom_css", css) }
        if let show = changes.showUptimeHistory { set("show_uptime_history", show) }
        if let days = changes.uptimeHistoryDays { set("uptime_history_days", days) }
        if let show = changes.showIncidentHistory { set("show_incident_history", show) }
        if let days = changes.incidentHistoryDays { set("incident_history_days", days) }
        if let allow = changes.allowSubscriptions { set("allow_subscriptions", allow) }
        if let types = changes.subscriptionTypes { set("subscription_types", SubscriptionTypesColumn.encode(types)) }
        set("updated_at", now)
        arguments.append(id)
        // Column names are the literals above, never input.
        try db.execute(
            sql: "UPDATE status_pages SET \(assignments.joined(separator: ", ")) WHERE id = ?",
            arguments: arguments)
    }

    static func fetchStatusPage(_ id: String, _ db: SQLDatabase) throws -> StatusPage? {
        try db.cachedStatement(sql: "SELECT \(StatusPage.columns) FROM status_pages WHERE id = ? AND deleted_at IS NULL")
            .decodeFirst([id], StatusPage.init(row:))
    }

    static func subdomainTaken(_ subdomain: String, _ db: SQLDatabase) throws -> Bool {
        try Bool.fetchOne(
            db.cachedStatement(sql: "SELECT EXISTS(SELECT 1 FROM status_pages WHERE subdomain = ?)"), arguments: [subdomain]
        ) == true
    }

    /// `My Status Page!` → `my-status-page`, then `-2`, `-3`, ... until free.
    static func uniqueSubdomain(derivedFrom name: String, _ db: SQLDatabase) throws -> String {
        let base = Subdomain.slug(from: name)
        var candidate = base
        var suffix = 2
        while try subdomainTaken(candidate, db) {
            candidate = "\(base)-\(suffix)"
            suffix += 1
        }
        return candidate
    }
}

/// Derives DNS-label-like subdomains from page names.
enum Subdomain {
    static func slug(from name: String) -> String {
        var out = ""
        var pendingDash = false
        for scalar in name.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                if pendingDash && !out.isEmpty { out.append("-") }
                pendingDash = false
                out.unicodeScalars.append(scalar)
            } else {
                pendingDash = true
            }
            if out.count >= 50 { break }
        }
        return out.isEmpty ? "page" : out
    }
}
