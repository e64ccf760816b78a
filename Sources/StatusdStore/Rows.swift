import GRDB
import StatusdCore

// Decoding rows of the schema in Migrations/ into domain values. Column names are the SQL ones.

extension Timestamp {
    init(column value: Int64) { self.init(millisecondsSince1970: value) }
}

// Each type reads the columns of its `columns` list by position, in that order: select that list,
// never `*`, so that a column added by a later migration changes nothing here.

extension Project {
    static let columns = "id, name, created_at"

    init(row: SQLRow) {
        self.init(id: row[0], name: row[1], createdAt: row.timestamp(2))
    }
}

extension StatusPage {
    static let columns = """
        id, project_id, name, subdomain, custom_domain, description, hide_from_search_engines, \
        favicon_url, logo_url, dark_logo_url, password_hash IS NOT NULL, allowed_ips, is_published, \
        primary_color, accent_color, company_name, custom_css, show_uptime_history, uptime_history_days, \
        show_incident_history, incident_history_days, allow_subscriptions, subscription_types, created_at, updated_at
        """

    init(row: SQLRow) {
        self.init(
            id: row[0], projectId: row[1], name: row[2], subdomain: row[3], customDomain: row[4], description: row[5],
            hideFromSearchEngines: row[6], faviconURL: row[7], logoURL: row[8], darkLogoURL: row[9],
            hasPassword: row[10], allowedIPs: AllowedIPsColumn.decode(row[11]), isPublished: row[12],
            branding: PageBranding(primaryColor: row[13], accentColor: row[14], companyName: row[15], customCSS: row[16]),
            display: PageDisplaySettings(
                showUptimeHistory: row[17], uptimeHistoryDays: row[18], showIncidentHistory: row[19],
                incidentHistoryDays: row[20], allowSubscriptions: row[21],
                subscriptionTypes: SubscriptionTypesColumn.decode(row[22])),
            createdAt: row.timestamp(23), updatedAt: row.timestamp(24)
        )
    }
}

/// `status_pages.subscription_types`: channel names joined by commas, in `SubscriptionChannel` order.
enum SubscriptionTypesColumn {
    static func encode(_ channels: [SubscriptionChannel]) -> String {
        SubscriptionChannel.allCases.filter(channels.contains).map(\.rawValue).joined(separator: ",")
    }

    /// Every status page read decodes this: the spellings `encode` writes are matched whole first.
    static func decode(_ text: String) -> [SubscriptionChannel] {
        switch text {
        case "email,webhook": [.email, .webhook]
        case "email": [.email]
        case "webhook": [.webhook]
        case "": []
        default: text.split(separator: ",").compactMap { SubscriptionChannel(rawValue: String($0)) }
        }
    }
}

/// `status_pages.allowed_ips`: one entry per line; NULL is no list, '' an empty one.
enum AllowedIPsColumn {
    static func encode(_ list: [String]?) -> String? {
        list?.joined(separator: "\n")
    }

    static func decode(_ text: String?) -> [String]? {
        guard let text else { return nil }
        return text.isEmpty ? [] : text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }
}

extension ComponentGroup {
    static let columns = "id, status_page_id, name, description, sort_order, created_at, updated_at"

    init(row: SQLRow) {
        self.init(
            id: row[0], statusPageId: row[1], name: row[2], description: row[3], sortOrder: row[4],
            createdAt: row.timestamp(5), updatedAt: row.timestamp(6)
        )
    }
}

extension Component {
    static let columnNames = [
        "id", "status_page_id", "name", "description", "status_override", "display_uptime", "display_metrics",
        "group_id", "position", "created_at", "updated_at",
    ]
    static let columns = columnNames.joined(separator: ", ")

    /// The columns qualified by a table alias, for a join.
    static func columns(of alias: String) -> String {
        columnNames.map { "\(alias).\($0)" }.joined(separator: ", ")
    }

    /// The id in a row of `columns`, before the rest is decoded.
    static func id(_ row: SQLRow) -> String { row[0] }

    /// `status` is derived from `openImpacts` unless the row holds an override.
    init(row: SQLRow, openImpacts: [Impact]) {
        let override = (row[4] as String?).flatMap(ComponentStatus.init(rawValue:))
        self.init(
            id: row[0], statusPageId: row[1], name: row[2], description: row[3], statusOverride: override,
            status: ComponentStatus.derive(openImpacts: openImpacts, override: override),
            displayUptime: row[5], displayMetrics: row[6], groupId: row[7], position: row[8],
            createdAt: row.timestamp(9), updatedAt: row.timestamp(10)
        )
    }
}

extension IncidentStatus {
    init(column value: Int) {
        // The CHECK constraint keeps the column in 0...3.
        self = IncidentStatus(rawValue: value) ?? .investigating
    }
}

extension Incident {
    static let columns = """
        id, status_page_id, title, description, status, impact, started_at, ended_at, created_at, updated_at, \
        notify_subscribers
        """

    /// Components, updatesCount and latestUpdate are filled in by the caller.
    init(row: SQLRow) {
        self.init(
            id: row[0], statusPageId: row[1], title: row[2], description: row[3], status: IncidentStatus(column: row[4]),
            impact: (row[5] as String?).flatMap(Impact.init(rawValue:)), components: [],
            startedAt: row.timestamp(6), endedAt: row.optionalTimestamp(7),
            createdAt: row.timestamp(8), updatedAt: row.timestamp(9), updatesCount: 0, notifySubscribers: row[10]
        )
    }
}

extension IncidentUpdate {
    static let columnNames = [
        "id", "incident_id", "message", "status", "kept_status", "created_by", "created_at", "updated_at",
        "recorded_at", "notify_subscribers",
    ]
    static let columns = columnNames.joined(separator: ", ")

    /// The columns qualified by a table alias, for a join.
    static func columns(of alias: String) -> String {
        columnNames.map { "\(alias).\($0)" }.joined(separator: ", ")
    }

    init(row: SQLRow) {
        self.init(row: row, first: 0)
    }

    /// The entry in `columns`, which start at column `first` of the row.
    init(row: SQLRow, first: Int) {
        self.init(
            id: row[first], incidentId: row[first + 1], message: row[first + 2],
            status: IncidentStatus(column: row[first + 3]), keptStatus: row[first + 4], createdBy: row[first + 5],
            createdAt: row.timestamp(first + 6), updatedAt: row.timestamp(first + 7),
            recordedAt: row.optionalTimestamp(first + 8), notifySubscribers: row[first + 9]
        )
    }
}

extension Credential {
    static let columns = "id, name, project_id, read_only, created_at, last_used_at, revoked_at, grants, expires_at"

    /// Grants that do not parse (written by hand) grant nothing: never more than was meant.
    init(row: SQLRow) {
        let readOnly: Bool = row[3]
        let grants = (row[7] as String?).map { CredentialGrants(stored: $0) ?? CredentialGrants([]) }
        self.init(
            id: row[0], name: row[1], projectId: row[2], readOnly: readOnly, createdAt: row.timestamp(4),
            lastUsedAt: row.optionalTimestamp(5), revokedAt: row.optionalTimestamp(6),
            grants: grants ?? .full(readOnly: readOnly), expiresAt: row.optionalTimestamp(8)
        )
    }
}

extension ScheduledMaintenance {
    static let columns = """
        id, status_page_id, title, description, start_at, duration_minutes, notify_an_hour_before, notify_at_start, \
        notify_at_end, created_at, updated_at
        """

    /// `componentIds` are read from scheduled_maintenance_components by the caller.
    init(row: SQLRow) {
        self.init(
            id: row[0], statusPageId: row[1], title: row[2], description: row[3], startsAt: row.timestamp(4),
            durationMinutes: row[5], componentIds: [],
            notifications: MaintenanceNotifications(anHourBefore: row[6], atStart: row[7], atEnd: row[8]),
            createdAt: row.timestamp(9), updatedAt: row.timestamp(10)
        )
    }
}

extension Subscriber {
    static let columns = "id, status_page_id, email_address, confirmed_at, created_at"

    init(row: SQLRow) {
        self.init(
            id: row[0], statusPageId: row[1], emailAddress: row[2], confirmedAt: row.optionalTimestamp(3),
            createdAt: row.timestamp(4))
    }
}
