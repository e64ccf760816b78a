import Foundation
import GRDB
import StatusdCore

// Loading fixture files (`serve --fixtures`, `--demo`) and the test-control reset. One transaction
// each: a file with any problem loads nothing, and a reset is never seen half done.
extension Store {
    /// Loads `fixtures` in one transaction. Rows whose id already exists (even if changed since) are
    /// left alone, so loading twice changes nothing; an incident that exists keeps its timeline.
    /// Throws `FixtureError` naming the field at fault; then nothing is loaded.
    public func load(_ fixtures: Fixtures) throws {
        try write { db in try insert(fixtures, db) }
    }

    /// `load(.demo())`: the seed documents' pages, incidents and the tokens `123` and `YOUR_API_KEY`.
    public func loadDemoFixtures() throws {
        try load(try Fixtures.demo())
    }

    /// Deletes every project, page, component, incident, window, subscriber and credential, then loads `fixtures` (in
    /// order), all in one transaction; a deterministic id source starts over. Every cached answer
    /// is dropped, since the change counters move.
    public func reset(to fixtures: [Fixtures]) throws {
        try write { db in
            // A test target starts over with an empty audit log, its entries counted from 1 again.
            if hasAuditTable {
                try db.execute(sql: "DELETE FROM audit_log")
                try db.execute(sql: db.isPostgres
                    ? "ALTER TABLE audit_log ALTER COLUMN seq RESTART WITH 1"
                    : "DELETE FROM sqlite_sequence WHERE name = 'audit_log'")
            }
            for table in [
                "subscribers", "scheduled_maintenance", "incidents", "components", "component_groups", "status_pages", "credentials",
                "projects",
            ] {
                try db.execute(sql: "DELETE FROM \(table)")
            }
            ids.restart()
            for file in fixtures { try insert(file, db) }
        }
    }

    private func insert(_ fixtures: Fixtures, _ db: SQLDatabase) throws {
        let file = fixtures.file
        let loader = FixtureLoader(source: fixtures.source, now: clock.now())
        try loader.refuseRepeatedIds("projects", (file.projects ?? []).map(\.id))
        try loader.refuseRepeatedIds("credentials", (file.credentials ?? []).map(\.id))
        try loader.refuseRepeatedIds("status_pages", (file.statusPages ?? []).map(\.id))
        try loader.refuseRepeatedIds("component_groups", (file.componentGroups ?? []).map(\.id))
        try loader.refuseRepeatedIds("components", (file.components ?? []).map(\.id))
        try loader.refuseRepeatedIds("incidents", (file.incidents ?? []).map(\.id))
        try loader.refuseRepeatedIds("scheduled_maintenance", (file.scheduledMaintenance ?? []).map(\.id))
        try loader.refuseRepeatedIds("subscribers", (file.subscribers ?? []).map(\.id))
        for (index, project) in (file.projects ?? []).enumerated() {
            try loader.insert(project, at: "projects[\(index)]", db)
        }
        for (index, credential) in (file.credentials ?? []).enumerated() {
            try loader.insert(credential, at: "credentials[\(index)]", db)
        }
        for (index, page) in (file.statusPages ?? []).enumerated() {
            try loader.insert(page, at: "status_pages[\(index)]", db)
        }
        for (index, group) in (file.componentGroups ?? []).enumerated() {
            try loader.insert(group, at: "component_groups[\(index)]", db)
        }
        for (index, component) in (file.components ?? []).enumerated() {
            try loader.insert(component, at: "components[\(index)]", db)
        }
        for (index, incident) in (file.incidents ?? []).enumerated() {
            let path = "incidents[\(index)]"
            guard let prepared = try loader.prepare(incident, at: path, db) else { continue }
            try Self.insert(prepared.record, db)
            for entry in prepared.timeline {
                try insertUpdate(
                    id: try entry.id ?? Secrets.nameBasedUUID("fixture-update:\(prepared.record.id):\(entry.index)"),
                    incidentId: prepared.record.id, message: entry.message, status: entry.status,
                    keptStatus: entry.keptStatus, createdBy: entry.createdBy, at: entry.at, db)
            }
        }
        for (index, maintenance) in (file.scheduledMaintenance ?? []).enumerated() {
            if let window = try loader.prepare(maintenance, at: "scheduled_maintenance[\(index)]", db) {
                try Self.insert(window, db)
            }
        }
        for (index, subscriber) in (file.subscribers ?? []).enumerated() {
            if let row = try loader.prepare(subscriber, at: "subscribers[\(index)]", db) {
                try Self.insert(row, db)
            }
        }
    }
}

/// Turns one fixture row into rows of the schema, checking what the schema alone would reject
/// with a less helpful message (times, enums, parents, the open/resolved rule).
struct FixtureLoader {
    var source: String
    /// Default for every time a row leaves out: the store clock's now when loading began.
    var now: Timestamp

    static let defaultAuthor = "fixtures"

    func fail(_ path: String, _ message: String) -> FixtureError {
        FixtureError("\(source): \(path): \(message)")
    }

    /// A file naming one id twice would otherwise load the first row and skip the second unseen.
    func refuseRepeatedIds(_ array: String, _ ids: [String]) throws {
        var seen: [String: Int] = [:]
        for (index, id) in ids.enumerated() {
            if let first = seen[id] {
                throw fail("\(array)[\(index)].id", "'\(id)' is already \(array)[\(first)]'s")
            }
            seen[id] = index
        }
    }

    func time(_ text: String?, _ path: String, default fallback: Timestamp) throws -> Timestamp {
        guard let text else { return fallback }
        guard let time = Timestamp(iso8601: text) else {
            throw fail(path, "must be a UTC time like 2021-01-01T00:00:00.000Z or 2024-12-26T11:00:00Z")
        }
        return time
    }

    func nonEmpty(_ text: String, _ path: String) throws -> String {
        guard !text.isEmpty else { throw fail(path, "must not be empty") }
        return text
    }

    func status(_ text: String, _ path: String) throws -> IncidentStatus {
        guard let status = IncidentStatus.allCases.first(where: { $0.name == text.lowercased() }) else {
            throw fail(path, "must be one of INVESTIGATING, IDENTIFIED, MONITORING, RESOLVED")
        }
        return status
    }

    func impact(_ text: String?, _ path: String) throws -> Impact? {
        guard let text else { return nil }
        guard let impact = Impact(rawValue: text.uppercased()) else {
            throw fail(path, "must be one of " + Impact.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return impact
    }

    func exists(_ table: String, _ id: String, _ db: SQLDatabase) throws -> Bool {
        try Store.exists(table, id: id, db)
    }

    func insert(_ project: FixtureFile.ProjectFixture, at path: String, _ db: SQLDatabase) throws {
        _ = try nonEmpty(project.id, path + ".id")
        guard try !exists("projects", project.id, db) else { return }
        let createdAt = try time(project.createdAt, path + ".created_at", default: now)
        try db.execute(
            sql: "INSERT INTO projects(id, name, created_at) VALUES (?, ?, ?)",
            arguments: [project.id, try nonEmpty(project.name, path + ".name"), createdAt.millisecondsSince1970])
    }

    func insert(_ credential: FixtureFile.CredentialFixture, at path: String, _ db: SQLDatabase) throws {
        _ = try nonEmpty(credential.id, path + ".id")
        let digest: [UInt8]
        switch (credential.secret, credential.secretSHA256) {
        case (let secret?, nil):
            digest = try Secrets.sha256(try nonEmpty(secret, path + ".secret"))
        case (nil, let hex?):
            guard let bytes = Self.bytes(hex: hex), bytes.count == 32 else {
                throw fail(path + ".secret_sha256", "must be 64 hexadecimal digits (the SHA-256 of the secret)")
            }
            digest = bytes
        default:
            throw fail(path, "needs exactly one of secret, secret_sha256")
        }
        if let projectId = credential.projectId, try !exists("projects", projectId, db) {
            throw fail(path + ".project_id", "no project '\(projectId)' (in the file or the database)")
        }
        guard try !exists("credentials", credential.id, db) else { return }
        if let holder = try String.fetchOne(
            db, sql: "SELECT id FROM credentials WHERE secret_sha256 = ?", arguments: [Data(digest)]) {
            throw fail(path, "its secret is already credential '\(holder)''s: one secret, one credential")
        }
        let createdAt = try time(credential.createdAt, path + ".created_at", default: now)
        try db.execute(
            sql: """
                INSERT INTO credentials(id, name, secret_sha256, project_id, read_only, created_at, grants)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [credential.id, credential.name ?? credential.id, Data(digest), credential.projectId,
                        credential.readOnly ?? false, createdAt.millisecondsSince1970,
                        CredentialGrants.full(readOnly: credential.readOnly ?? false).stored])
    }

    func insert(_ page: FixtureFile.StatusPageFixture, at path: String, _ db: SQLDatabase) throws {
        _ = try nonEmpty(page.id, path + ".id")
        guard try !exists("status_pages", page.id, db) else { return }
        let projectId = page.projectId ?? Store.defaultProjectId
        guard try exists("projects", projectId, db) else {
            throw fail(path + ".project_id", "no project '\(projectId)' (in the file or the database)")
        }
        let name = try nonEmpty(page.name, path + ".name")
        let subdomain: String
        if let given = page.subdomain {
            guard Subdomain.slug(from: given) == given else {
                throw fail(path + ".subdomain", "must be lowercase letters, digits and single dashes")
            }
            subdomain = try Store.subdomainTaken(given, db) ? Store.uniqueSubdomain(derivedFrom: given, db) : given
        } else {
            subdomain = try Store.uniqueSubdomain(derivedFrom: name, db)
        }
        let createdAt = try time(page.createdAt, path + ".created_at", default: now)
        let updatedAt = try time(page.updatedAt, path + ".updated_at", default: createdAt)
        if let allowed = page.allowedIPs, let bad = allowed.first(where: { $0.isEmpty || $0.contains("\n") }) {
            throw fail(path + ".allowed_ips", "'\(bad)' is not an address or CIDR range")
        }
        let passwordHash = try page.password.flatMap { $0.isEmpty ? nil : try PasswordHash.make($0) }
        try db.execute(
            sql: """
                INSERT INTO status_pages(id, project_id, name, subdomain, custom_domain, description,
                                         hide_from_search_engines, favicon_url, logo_url, dark_logo_url,
                                         password_hash, allowed_ips, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [page.id, projectId, name, subdomain, page.customDomain, page.description,
                        page.hideFromSearchEngines ?? false, page.faviconURL, page.logoURL, page.darkLogoURL,
                        passwordHash, AllowedIPsColumn.encode(page.allowedIPs), createdAt.millisecondsSince1970,
                        updatedAt.millisecondsSince1970])
        let presentation = try presentation(of: page, at: path)
        if presentation != StatusPageChanges() {
            try Store.apply(presentation, passwordHash: nil, to: page.id, at: updatedAt.millisecondsSince1970, db)
        }
    }

    /// The 0009 fields of a page fixture, checked as the API checks them.
    private func presentation(of page: FixtureFile.StatusPageFixture, at path: String) throws -> StatusPageChanges {
        for (key, color) in [("primary_color", page.primaryColor), ("accent_color", page.accentColor)] {
            if let color, !HexColor.isValid(color) { throw fail("\(path).\(key)", "must be a hex colour, #rgb or #rrggbb") }
        }
        if let css = page.customCSS, !CustomCSS.isSafe(css) {
            throw fail(path + ".custom_css", "must not contain '</style' or NUL")
        }
        for (key, days) in [("uptime_history_days", page.uptimeHistoryDays), ("incident_history_days", page.incidentHistoryDays)] {
            if let days, !PageDisplaySettings.historyDays.contains(days) { throw fail("\(path).\(key)", "must be 1 to 365") }
        }
        var channels: [SubscriptionChannel]?
        if let names = page.subscriptionTypes {
            channels = try names.map { name in
                guard let channel = SubscriptionChannel(rawValue: name) else {
                    throw fail(path + ".subscription_types", "'\(name)' is not one of: email, webhook")
                }
                return channel
            }
        }
        var changes = StatusPageChanges()
        changes.isPublished = page.isPublished
        changes.primaryColor = page.primaryColor.map { .some($0) }
        changes.accentColor = page.accentColor.map { .some($0) }
        changes.companyName = page.companyName.map { .some($0) }
        changes.customCSS = page.customCSS.map { .some($0) }
        changes.showUptimeHistory = page.showUptimeHistory
        changes.uptimeHistoryDays = page.uptimeHistoryDays
        changes.showIncidentHistory = page.showIncidentHistory
        changes.incidentHistoryDays = page.incidentHistoryDays
        changes.allowSubscriptions = page.allowSubscriptions
        changes.subscriptionTypes = channels
        return changes
    }

    func insert(_ group: FixtureFile.ComponentGroupFixture, at path: String, _ db: SQLDatabase) throws {
        _ = try nonEmpty(group.id, path + ".id")
        guard try !exists("component_groups", group.id, db) else { return }
        guard try exists("status_pages", group.statusPageId, db) else {
            throw fail(path + ".status_page_id", "no status page '\(group.statusPageId)' (in the file or the database)")
        }
        let sortOrder = try group.sortOrder ?? Int.fetchOne(
            db, sql: "SELECT COALESCE(MAX(sort_order) + 1, 0) FROM component_groups WHERE status_page_id = ?",
            arguments: [group.statusPageId]) ?? 0
        let createdAt = try time(group.createdAt, path + ".created_at", default: now)
        let updatedAt = try time(group.updatedAt, path + ".updated_at", default: createdAt)
        try db.execute(
            sql: """
                INSERT INTO component_groups(id, status_page_id, name, description, sort_order, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [group.id, group.statusPageId, try nonEmpty(group.name, path + ".name"), group.description,
                        sortOrder, createdAt.millisecondsSince1970, updatedAt.millisecondsSince1970])
    }

    func insert(_ component: FixtureFile.ComponentFixture, at path: String, _ db: SQLDatabase) throws {
        _ = try nonEmpty(component.id, path + ".id")
        guard try !exists("components", component.id, db) else { return }
        guard try exists("status_pages", component.statusPageId, db) else {
            throw fail(path + ".status_page_id", "no status page '\(component.statusPageId)' (in the file or the database)")
        }
        var override: ComponentStatus?
        if let text = component.statusOverride {
            guard let status = ComponentStatus(rawValue: text.uppercased()) else {
                throw fail(path + ".status_override", "must be OPERATIONAL or one of "
                    + Impact.allCases.map(\.rawValue).joined(separator: ", "))
            }
            override = status
        }
        let position = try component.position ?? Int.fetchOne(
            db, sql: "SELECT COALESCE(MAX(position) + 1, 0) FROM components WHERE status_page_id = ?",
            arguments: [component.statusPageId]) ?? 0
        if let groupId = component.groupId {
            let onPage = try Bool.fetchOne(
                db, sql: "SELECT EXISTS(SELECT 1 FROM component_groups WHERE id = ? AND status_page_id = ?)",
                arguments: [groupId, component.statusPageId]) == true
            guard onPage else { throw fail(path + ".group_id", "no component group '\(groupId)' on this status page") }
        }
        let createdAt = try time(component.createdAt, path + ".created_at", default: now)
        let updatedAt = try time(component.updatedAt, path + ".updated_at", default: createdAt)
        try db.execute(
            sql: """
                INSERT INTO components(id, status_page_id, name, description, status_override, display_uptime,
                                       display_metrics, group_id, position, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [component.id, component.statusPageId, try nonEmpty(component.name, path + ".name"),
                        component.description, override?.rawValue, component.displayUptime ?? true,
                        component.displayMetrics ?? true, component.groupId, position, createdAt.millisecondsSince1970,
                        updatedAt.millisecondsSince1970])
    }

    /// `index`: the entry's place in the timeline, which names it when it gives no `id`.
    struct TimelineEntry {
        var index: Int
        var id: String?
        var message: String
        var status: IncidentStatus
        var keptStatus: Bool
        var createdBy: String
        var at: Timestamp
    }

    /// The incident's row and timeline, or nil when an incident with its id exists already.
    /// Without `updates`, the timeline is one entry: the description, at `started_at`. The
    /// incident's status must be its last entry's; `ended_at` is set exactly when it is resolved
    /// (by default at the last entry).
    func prepare(
        _ incident: FixtureFile.IncidentFixture, at path: String, _ db: SQLDatabase
    ) throws -> (record: IncidentRecord, timeline: [TimelineEntry])? {
        _ = try nonEmpty(incident.id, path + ".id")
        guard try !exists("incidents", incident.id, db) else { return nil }
        guard try exists("status_pages", incident.statusPageId, db) else {
            throw fail(path + ".status_page_id", "no status page '\(incident.statusPageId)' (in the file or the database)")
        }
        let status = try status(incident.status, path + ".status")
        let impact = try impact(incident.impact, path + ".impact")
        var affected: [AffectedComponent] = []
        for (index, link) in (incident.components ?? []).enumerated() {
            let linkPath = "\(path).components[\(index)]"
            let onPage = try Bool.fetchOne(
                db, sql: "SELECT EXISTS(SELECT 1 FROM components WHERE id = ? AND status_page_id = ?)",
                arguments: [link.id, incident.statusPageId]) == true
            guard onPage else { throw fail(linkPath + ".id", "no component '\(link.id)' on this status page") }
            guard !affected.contains(where: { $0.componentId == link.id }) else {
                throw fail(linkPath + ".id", "'\(link.id)' is named twice")
            }
            affected.append(AffectedComponent(componentId: link.id, impact: try self.impact(link.impact, linkPath + ".impact")))
        }
        let createdAt = try time(incident.createdAt, path + ".created_at", default: now)
        let startedAt = try time(incident.startedAt, path + ".started_at", default: createdAt)
        var timeline: [TimelineEntry] = []
        var previous = status
        for (index, update) in (incident.updates ?? []).enumerated() {
            let updatePath = "\(path).updates[\(index)]"
            let entryStatus = try update.status.map { try self.status($0, updatePath + ".status") }
            if index == 0 && entryStatus == nil { throw fail(updatePath + ".status", "the first entry needs a status") }
            if let id = update.id {
                _ = try nonEmpty(id, updatePath + ".id")
                if try exists("incident_updates", id, db) || timeline.contains(where: { $0.id == id }) {
                    throw fail(updatePath + ".id", "'\(id)' is already taken")
                }
            }
            let at = try time(update.createdAt, updatePath + ".created_at", default: timeline.last?.at ?? startedAt)
            timeline.append(TimelineEntry(
                index: index, id: update.id, message: update.message, status: entryStatus ?? previous, keptStatus: entryStatus == nil,
                createdBy: update.createdBy ?? Self.defaultAuthor, at: at))
            previous = entryStatus ?? previous
        }
        let description = incident.description ?? timeline.first?.message ?? ""
        if timeline.isEmpty {
            timeline = [TimelineEntry(
                index: 0, id: nil, message: description, status: status, keptStatus: false, createdBy: Self.defaultAuthor,
                at: startedAt)]
        } else if previous != status {
            throw fail(path + ".status", "is \(status.name.uppercased()) but the last update leaves it \(previous.name.uppercased())")
        }
        let lastEntry = timeline.map(\.at).max() ?? startedAt
        var endedAt: Timestamp?
        if status == .resolved {
            endedAt = try time(incident.endedAt, path + ".ended_at", default: lastEntry)
            if let endedAt, endedAt < startedAt { throw fail(path + ".ended_at", "is before started_at") }
        } else if incident.endedAt != nil {
            throw fail(path + ".ended_at", "only a RESOLVED incident has ended_at")
        }
        let updatedAt = try time(
            incident.updatedAt, path + ".updated_at", default: max(createdAt, lastEntry, endedAt ?? createdAt))
        let record = IncidentRecord(
            id: incident.id, statusPageId: incident.statusPageId, title: try nonEmpty(incident.title, path + ".title"),
            description: description, status: status, impact: impact, components: affected, startedAt: startedAt,
            endedAt: endedAt, createdAt: createdAt, updatedAt: updatedAt)
        return (record, timeline)
    }

    /// The window to insert, or nil when one with its id exists already.
    func prepare(
        _ window: FixtureFile.MaintenanceFixture, at path: String, _ db: SQLDatabase
    ) throws -> ScheduledMaintenance? {
        _ = try nonEmpty(window.id, path + ".id")
        guard try !exists("scheduled_maintenance", window.id, db) else { return nil }
        guard try exists("status_pages", window.statusPageId, db) else {
            throw fail(path + ".status_page_id", "no status page '\(window.statusPageId)' (in the file or the database)")
        }
        let startsAt = try time(window.startDate, path + ".start_date", default: now)
        guard (1...ScheduledMaintenance.maximumDurationMinutes).contains(window.durationMinutes) else {
            throw fail(path + ".duration_minutes", "must be between 1 and \(ScheduledMaintenance.maximumDurationMinutes)")
        }
        let lastPrintable = Timestamp(millisecondsSince1970: 253_402_300_799_999)  // 9999-12-31T23:59:59.999Z
        guard startsAt.millisecondsSince1970 <= lastPrintable.millisecondsSince1970 - Int64(window.durationMinutes) * 60_000 else {
            throw fail(path + ".duration_minutes", "ends after 9999-12-31T23:59:59.999Z")
        }
        var componentIds: [String] = []
        for (index, id) in (window.componentsAffected ?? []).enumerated() {
            let idPath = "\(path).components_affected[\(index)]"
            let onPage = try Bool.fetchOne(
                db, sql: "SELECT EXISTS(SELECT 1 FROM components WHERE id = ? AND status_page_id = ?)",
                arguments: [id, window.statusPageId]) == true
            guard onPage else { throw fail(idPath, "no component '\(id)' on this status page") }
            guard !componentIds.contains(id) else { throw fail(idPath, "'\(id)' is named twice") }
            componentIds.append(id)
        }
        let createdAt = try time(window.createdAt, path + ".created_at", default: now)
        let updatedAt = try time(window.updatedAt, path + ".updated_at", default: createdAt)
        let notifications = MaintenanceNotifications(
            anHourBefore: window.notifications?.anHourBefore ?? false, atStart: window.notifications?.atStart ?? true,
            atEnd: window.notifications?.atEnd ?? true)
        return ScheduledMaintenance(
            id: window.id, statusPageId: window.statusPageId, title: try nonEmpty(window.title, path + ".title"),
            description: try nonEmpty(window.description, path + ".description"), startsAt: startsAt,
            durationMinutes: window.durationMinutes, componentIds: componentIds, notifications: notifications,
            createdAt: createdAt, updatedAt: updatedAt)
    }

    static func bytes(hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let byte = UInt8(String(decoding: digits[index..<index + 2], as: UTF8.self), radix: 16) else { return nil }
            bytes.append(byte)
        }
        return bytes
    }
}
