import GRDB
import StatusdCore

// Decoding rows of the schema in Migrations/ into domain values. Column names are the SQL ones.

extension Timestamp {
    init(column value: Int64) { self.init(millisecondsSince1970: value) }
}

extension Row {
    func timestamp(_ column: String) -> Timestamp {
        Timestamp(millisecondsSince1970: self[column])
    }

    func optionalTimestamp(_ column: String) -> Timestamp? {
        (self[column] as Int64?).map { Timestamp(millisecondsSince1970: $0) }
    }
}

extension Project {
    init(row: Row) {
        self.init(id: row["id"], name: row["name"], createdAt: row.timestamp("created_at"))
    }
}

extension StatusPage {
    /// The 0006 and 0009 columns read as absent on an older schema (a store opened with fewer migrations).
    init(row: Row) {
        self.init(
            id: row["id"], projectId: row["project_id"], name: row["name"], subdomain: row["subdomain"],
            customDomain: row["custom_domain"], description: row["description"],
            hideFromSearchEngines: row["hide_from_search_engines"],
            faviconURL: row["favicon_url"], logoURL: row["logo_url"], darkLogoURL: row["dark_logo_url"],
            hasPassword: (row["password_hash"] as DatabaseValue?)?.isNull == false,
            allowedIPs: AllowedIPsColumn.decode(row["allowed_ips"]),
            isPublished: row["is_published"] ?? true,
            branding: PageBranding(
                primaryColor: row["primary_color"], accentColor: row["accent_color"], companyName: row["company_name"],
                customCSS: row["custom_css"]),
            display: Self.display(row),
            createdAt: row.timestamp("created_at"), updatedAt: row.timestamp("updated_at")
        )
    }

    /// The 0009 columns, or the defaults where a store opened with fewer migrations lacks them.
    private static func display(_ row: Row) -> PageDisplaySettings {
        let defaults = PageDisplaySettings()
        return PageDisplaySettings(
            showUptimeHistory: row["show_uptime_history"] ?? defaults.showUptimeHistory,
            uptimeHistoryDays: row["uptime_history_days"] ?? defaults.uptimeHistoryDays,
            showIncidentHistory: row["show_incident_history"] ?? defaults.showIncidentHistory,
            incidentHistoryDays: row["incident_history_days"] ?? defaults.incidentHistoryDays,
            allowSubscriptions: row["allow_subscriptions"] ?? defaults.allowSubscriptions,
            subscriptionTypes: (row["subscription_types"] as String?).map(SubscriptionTypesColumn.decode)
                ?? defaults.subscriptionTypes)
    }
}

/// `status_pages.subscription_types`: channel names joined by commas, in `SubscriptionChannel` order.
enum SubscriptionTypesColumn {
    static func encode(_ channels: [SubscriptionChannel]) -> String {
        SubscriptionChannel.allCases.filter(channels.contains).map(\.rawValue).joined(separator: ",")
    }

    static func decode(_ text: String) -> [SubscriptionChannel] {
        text.split(separator: ",").compactMap { SubscriptionChannel(rawValue: String($0)) }
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
    init(row: Row) {
        self.init(
            id: row["id"], statusPageId: row["status_page_id"], name: row["name"], description: row["description"],
            sortOrder: row["sort_order"], createdAt: row.timestamp("created_at"), updatedAt: row.timestamp("updated_at")
        )
    }
}

extension Component {
    /// `status` is filled in by the caller (override, else derived from open incidents).
    init(row: Row, openImpacts: [Impact]) {
        let override = (row["status_override"] as String?).flatMap(ComponentStatus.init(rawValue:))
        self.init(
            id: row["id"], statusPageId: row["status_page_id"], name: row["name"],
            description: row["description"], statusOverride: override,
            status: ComponentStatus.derive(openImpacts: openImpacts, override: override),
            displayUptime: row["display_uptime"], displayMetrics: row["display_metrics"],
            groupId: row["group_id"], position: row["position"],
            createdAt: row.timestamp("created_at"), updatedAt: row.timestamp("updated_at")
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
    /// Components, updatesCount and latestUpdate are filled in by the caller.
    init(row: Row) {
        self.init(
            id: row["id"], statusPageId: row["status_page_id"], title: row["title"],
            description: row["description"], status: IncidentStatus(column: row["status"]),
            impact: (row["impact"] as String?).flatMap(Impact.init(rawValue:)), components: [],
            startedAt: row.timestamp("started_at"), endedAt: row.optionalTimestamp("ended_at"),
            createdAt: row.timestamp("created_at"), updatedAt: row.timestamp("updated_at"), updatesCount: 0,
            notifySubscribers: row["notify_subscribers"]
        )
    }
}

extension IncidentUpdate {
    init(row: Row) {
        self.init(
            id: row["id"], incidentId: row["incident_id"], message: row["message"],
            status: IncidentStatus(column: row["status"]), keptStatus: row["kept_status"],
            createdBy: row["created_by"], createdAt: row.timestamp("created_at"),
            updatedAt: row.timestamp("updated_at"), recordedAt: row.optionalTimestamp("recorded_at"),
            notifySubscribers: row["notify_subscribers"]
        )
    }
}

extension Credential {
    init(row: Row) {
        self.init(
            id: row["id"], name: row["name"], projectId: row["project_id"], readOnly: row["read_only"],
            createdAt: row.timestamp("created_at"), lastUsedAt: row.optionalTimestamp("last_used_at"),
            revokedAt: row.optionalTimestamp("revoked_at")
        )
    }
}

extension ScheduledMaintenance {
    /// `componentIds` are read from scheduled_maintenance_components by the caller.
    init(row: Row, componentIds: [String]) {
        self.init(
            id: row["id"], statusPageId: row["status_page_id"], title: row["title"], description: row["description"],
            startsAt: row.timestamp("start_at"), durationMinutes: row["duration_minutes"], componentIds: componentIds,
            notifications: MaintenanceNotifications(
                anHourBefore: row["notify_an_hour_before"], atStart: row["notify_at_start"], atEnd: row["notify_at_end"]),
            createdAt: row.timestamp("created_at"), updatedAt: row.timestamp("updated_at")
        )
    }
}

extension Subscriber {
    init(row: Row) {
        self.init(
            id: row["id"], statusPageId: row["status_page_id"], emailAddress: row["email_address"],
            confirmedAt: row.optionalTimestamp("confirmed_at"), createdAt: row.timestamp("created_at"))
    }
}
