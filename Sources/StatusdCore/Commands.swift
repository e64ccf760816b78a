/// What a client asks for when creating an incident; already validated by the API shape.
public struct NewIncident: Sendable, Hashable {
    /// nil: the store assigns a new lowercase UUID.
    public var id: String?
    public var title: String
    public var description: String
    public var status: IncidentStatus
    public var impact: Impact?
    public var components: [AffectedComponent]
    /// Author recorded on the first timeline entry (the credential's name).
    public var createdBy: String
    /// Whether subscribers are to hear of it (OnlineOrNot `notify_subscribers`, default true).
    public var notifySubscribers: Bool

    public init(
        id: String? = nil, title: String, description: String, status: IncidentStatus = .investigating,
        impact: Impact?, components: [AffectedComponent], createdBy: String, notifySubscribers: Bool = true
    ) {
        self.notifySubscribers = notifySubscribers
        self.id = id
        self.title = title
        self.description = description
        self.status = status
        self.impact = impact
        self.components = components
        self.createdBy = createdBy
    }
}

/// A partial change to an incident: nil fields stay as they are.
///
/// A changed status or description is recorded in the timeline, as an update would be; `note`
/// adds one more entry (keeping the status), written in the same transaction as the change.
public struct IncidentChanges: Sendable, Hashable {
    public var title: String?
    public var description: String?
    public var status: IncidentStatus?
    /// `.some(nil)` clears the impact.
    public var impact: Impact??
    /// Replaces the affected components when set.
    public var components: [AffectedComponent]?
    /// A timeline entry to record with the change (after any status or description entry), keeping
    /// the incident's status: e.g. "Title changed to …", or OnlineOrNot's `status: "UPDATE"`.
    public var note: String?
    public var changedBy: String

    public init(
        title: String? = nil, description: String? = nil, status: IncidentStatus? = nil,
        impact: Impact?? = nil, components: [AffectedComponent]? = nil, note: String? = nil, changedBy: String
    ) {
        self.title = title
        self.description = description
        self.status = status
        self.impact = impact
        self.components = components
        self.note = note
        self.changedBy = changedBy
    }

    /// Nothing to change and nothing to record.
    public var isEmpty: Bool {
        title == nil && description == nil && status == nil && impact == nil && components == nil && note == nil
    }
}

/// A new timeline entry. `status` nil keeps the incident's status (OnlineOrNot `UPDATE`).
public struct NewIncidentUpdate: Sendable, Hashable {
    public var message: String
    public var status: IncidentStatus?
    public var createdBy: String
    /// When it happened, if earlier than now (OnlineOrNot `date_happened`); nil: now.
    public var happenedAt: Timestamp?
    public var notifySubscribers: Bool

    public init(
        message: String, status: IncidentStatus?, createdBy: String, happenedAt: Timestamp? = nil,
        notifySubscribers: Bool = true
    ) {
        self.happenedAt = happenedAt
        self.notifySubscribers = notifySubscribers
        self.message = message
        self.status = status
        self.createdBy = createdBy
    }
}

/// Which incidents of a page to list, in what order, which slice.
public struct IncidentQuery: Sendable, Hashable {
    public enum SortField: String, Sendable, CaseIterable {
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case severity
        case status
    }

    public enum SortOrder: String, Sendable, CaseIterable {
        case ascending = "asc"
        case descending = "desc"
    }

    public var statusPageId: String
    public var status: IncidentStatus?
    public var severity: Severity?
    /// Case-insensitive substring of title or description.
    public var search: String?
    public var sortBy: SortField
    public var sortOrder: SortOrder
    /// 1-based.
    public var page: Int
    public var perPage: Int

    public init(
        statusPageId: String, status: IncidentStatus? = nil, severity: Severity? = nil, search: String? = nil,
        sortBy: SortField = .createdAt, sortOrder: SortOrder = .descending, page: Int = 1, perPage: Int = 20
    ) {
        self.statusPageId = statusPageId
        self.status = status
        self.severity = severity
        self.search = search
        self.sortBy = sortBy
        self.sortOrder = sortOrder
        self.page = page
        self.perPage = perPage
    }
}

/// One slice of a list and the total number of rows matching the filters.
public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    public var total: Int

    public init(items: [Item], total: Int) {
        self.items = items
        self.total = total
    }
}

/// A partial change to a status page (or the fields a new one starts with): nil fields stay as
/// they are, `.some(nil)` clears one.
public struct StatusPageChanges: Sendable, Hashable {
    public var name: String?
    public var subdomain: String?
    public var customDomain: String??
    public var description: String??
    public var hideFromSearchEngines: Bool?
    public var faviconURL: String??
    public var logoURL: String??
    public var darkLogoURL: String??
    /// `.some(nil)` removes the password; `.some(text)` sets it. The store keeps only a salted PBKDF2 hash of it.
    public var password: String??
    public var allowedIPs: [String]??
    public var isPublished: Bool?
    public var primaryColor: String??
    public var accentColor: String??
    public var companyName: String??
    public var customCSS: String??
    public var showUptimeHistory: Bool?
    public var uptimeHistoryDays: Int?
    public var showIncidentHistory: Bool?
    public var incidentHistoryDays: Int?
    public var allowSubscriptions: Bool?
    public var subscriptionTypes: [SubscriptionChannel]?

    public init(
        name: String? = nil, subdomain: String? = nil, customDomain: String?? = nil, description: String?? = nil,
        hideFromSearchEngines: Bool? = nil, faviconURL: String?? = nil, logoURL: String?? = nil,
        darkLogoURL: String?? = nil, password: String?? = nil, allowedIPs: [String]?? = nil
    ) {
        self.name = name
        self.subdomain = subdomain
        self.customDomain = customDomain
        self.description = description
        self.hideFromSearchEngines = hideFromSearchEngines
        self.faviconURL = faviconURL
        self.logoURL = logoURL
        self.darkLogoURL = darkLogoURL
        self.password = password
        self.allowedIPs = allowedIPs
    }
}

/// A partial change to a component: nil fields stay as they are.
public struct ComponentChanges: Sendable, Hashable {
    public var name: String?
    public var description: String??
    /// `.some(nil)` clears the override (the status is derived again).
    public var statusOverride: ComponentStatus??
    public var displayUptime: Bool?
    public var displayMetrics: Bool?
    /// `.some(nil)` ungroups; a group must be one of the component's page.
    public var groupId: String??

    public init(
        name: String? = nil, description: String?? = nil, statusOverride: ComponentStatus?? = nil,
        displayUptime: Bool? = nil, displayMetrics: Bool? = nil, groupId: String?? = nil
    ) {
        self.name = name
        self.description = description
        self.statusOverride = statusOverride
        self.displayUptime = displayUptime
        self.displayMetrics = displayMetrics
        self.groupId = groupId
    }
}
