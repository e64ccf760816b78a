/// A tenant boundary: credentials may be scoped to one project, and see nothing outside it.
public struct Project: Sendable, Hashable {
    public var id: String
    public var name: String
    public var createdAt: Timestamp

    public init(id: String, name: String, createdAt: Timestamp) {
        self.id = id
        self.name = name
        self.createdAt = createdAt
    }
}

/// A public status page; belongs to exactly one project.
public struct StatusPage: Sendable, Hashable {
    public var id: String
    public var projectId: String
    public var name: String
    /// Unique across the store; the public summary is looked up by it.
    public var subdomain: String
    public var customDomain: String?
    public var description: String?
    public var hideFromSearchEngines: Bool
    public var faviconURL: String?
    public var logoURL: String?
    public var darkLogoURL: String?
    /// Whether viewing the page needs a password; the password itself is kept only as a hash and
    /// never leaves the store.
    public var hasPassword: Bool
    /// Addresses or CIDR ranges allowed to view the page; nil: no list.
    public var allowedIPs: [String]?
    /// An unpublished page is kept and managed but not shown publicly.
    public var isPublished: Bool
    public var branding: PageBranding
    public var display: PageDisplaySettings
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(
        id: String, projectId: String, name: String, subdomain: String, customDomain: String? = nil,
        description: String? = nil, hideFromSearchEngines: Bool = false, faviconURL: String? = nil,
        logoURL: String? = nil, darkLogoURL: String? = nil, hasPassword: Bool = false, allowedIPs: [String]? = nil,
        isPublished: Bool = true, branding: PageBranding = PageBranding(), display: PageDisplaySettings = PageDisplaySettings(),
        createdAt: Timestamp, updatedAt: Timestamp
    ) {
        self.id = id
        self.projectId = projectId
        self.name = name
        self.subdomain = subdomain
        self.customDomain = customDomain
        self.description = description
        self.hideFromSearchEngines = hideFromSearchEngines
        self.faviconURL = faviconURL
        self.logoURL = logoURL
        self.darkLogoURL = darkLogoURL
        self.hasPassword = hasPassword
        self.allowedIPs = allowedIPs
        self.isPublished = isPublished
        self.branding = branding
        self.display = display
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// A heading on a status page under which some of its components are shown, in `sortOrder`
/// among the page's groups.
public struct ComponentGroup: Sendable, Hashable {
    public var id: String
    public var statusPageId: String
    public var name: String
    public var description: String?
    public var sortOrder: Int
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(
        id: String, statusPageId: String, name: String, description: String? = nil, sortOrder: Int = 0,
        createdAt: Timestamp, updatedAt: Timestamp
    ) {
        self.id = id
        self.statusPageId = statusPageId
        self.name = name
        self.description = description
        self.sortOrder = sortOrder
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// A thing on a status page whose health is shown (UptimeIO calls it a monitor).
public struct Component: Sendable, Hashable {
    public var id: String
    public var statusPageId: String
    public var name: String
    public var description: String?
    /// Set by an operator; when nil the status is derived from open incidents.
    public var statusOverride: ComponentStatus?
    /// The status clients see: the override, else derived from unresolved incidents.
    public var status: ComponentStatus
    public var displayUptime: Bool
    public var displayMetrics: Bool
    /// The page's group it is shown under; nil: ungrouped.
    public var groupId: String?
    /// Its place among the components of its group (or the ungrouped ones).
    public var position: Int
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(
        id: String, statusPageId: String, name: String, description: String? = nil,
        statusOverride: ComponentStatus? = nil, status: ComponentStatus = .operational,
        displayUptime: Bool = true, displayMetrics: Bool = true, groupId: String? = nil, position: Int = 0,
        createdAt: Timestamp, updatedAt: Timestamp
    ) {
        self.id = id
        self.statusPageId = statusPageId
        self.name = name
        self.description = description
        self.statusOverride = statusOverride
        self.status = status
        self.displayUptime = displayUptime
        self.displayMetrics = displayMetrics
        self.groupId = groupId
        self.position = position
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// A component named by an incident, with the impact the incident has on it.
public struct AffectedComponent: Sendable, Hashable {
    public var componentId: String
    /// nil: no impact of its own was given; the incident's impact applies.
    public var impact: Impact?

    public init(componentId: String, impact: Impact? = nil) {
        self.componentId = componentId
        self.impact = impact
    }
}

/// An incident on one status page, with the components it affects and a summary of its timeline.
public struct Incident: Sendable, Hashable {
    public var id: String
    public var statusPageId: String
    public var title: String
    /// OnlineOrNot `description`, UptimeIO `message`.
    public var description: String
    public var status: IncidentStatus
    public var impact: Impact?
    public var severity: Severity { Severity(impact: impact) }
    public var components: [AffectedComponent]
    /// OnlineOrNot `started`; UptimeIO `created_at` reads `createdAt`.
    public var startedAt: Timestamp
    /// Set while resolved (OnlineOrNot `ended`, UptimeIO `resolved_at`), nil while open.
    public var endedAt: Timestamp?
    public var createdAt: Timestamp
    public var updatedAt: Timestamp
    /// Number of timeline entries (UptimeIO `updates_count`).
    public var updatesCount: Int
    /// The newest timeline entry, when one exists (OnlineOrNot 2026 `latest_update`).
    public var latestUpdate: IncidentUpdate?
    /// OnlineOrNot `notify_subscribers` as sent on create (default true): whether subscribers hear of it.
    public var notifySubscribers: Bool

    public init(
        id: String, statusPageId: String, title: String, description: String, status: IncidentStatus,
        impact: Impact?, components: [AffectedComponent], startedAt: Timestamp, endedAt: Timestamp?,
        createdAt: Timestamp, updatedAt: Timestamp, updatesCount: Int, latestUpdate: IncidentUpdate? = nil,
        notifySubscribers: Bool = true
    ) {
        self.notifySubscribers = notifySubscribers
        self.id = id
        self.statusPageId = statusPageId
        self.title = title
        self.description = description
        self.status = status
        self.impact = impact
        self.components = components
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.updatesCount = updatesCount
        self.latestUpdate = latestUpdate
    }
}

/// One entry in an incident's timeline.
public struct IncidentUpdate: Sendable, Hashable {
    public var id: String
    public var incidentId: String
    public var message: String
    /// The incident's status after this update.
    public var status: IncidentStatus
    /// True when the entry was written as OnlineOrNot `UPDATE`: a message that kept the status.
    public var keptStatus: Bool
    /// Name of the credential (or `system`) that wrote it (UptimeIO `created_by`).
    public var createdBy: String
    /// Its place in the timeline: when it happened (OnlineOrNot `date_happened`, UptimeIO `created_at`).
    public var createdAt: Timestamp
    public var updatedAt: Timestamp
    /// When statusd wrote it, if a client dated it otherwise (OnlineOrNot `created_at`); nil: `createdAt`.
    public var recordedAt: Timestamp?
    /// OnlineOrNot `notify_subscribers` as sent (default true).
    public var notifySubscribers: Bool

    public init(
        id: String, incidentId: String, message: String, status: IncidentStatus, keptStatus: Bool,
        createdBy: String, createdAt: Timestamp, updatedAt: Timestamp, recordedAt: Timestamp? = nil,
        notifySubscribers: Bool = true
    ) {
        self.recordedAt = recordedAt
        self.notifySubscribers = notifySubscribers
        self.id = id
        self.incidentId = incidentId
        self.message = message
        self.status = status
        self.keptStatus = keptStatus
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// An API credential. Only the SHA-256 of its secret is ever stored.
public struct Credential: Sendable, Hashable {
    public var id: String
    public var name: String
    /// nil: the credential reaches every project.
    public var projectId: String?
    public var readOnly: Bool
    public var createdAt: Timestamp
    public var lastUsedAt: Timestamp?
    public var revokedAt: Timestamp?
    /// What it may do; a read-only credential holds no EDIT grant.
    public var grants: CredentialGrants
    /// From this instant on the credential is refused like an unknown one; nil: never.
    public var expiresAt: Timestamp?

    public init(
        id: String, name: String, projectId: String?, readOnly: Bool, createdAt: Timestamp,
        lastUsedAt: Timestamp? = nil, revokedAt: Timestamp? = nil, grants: CredentialGrants? = nil,
        expiresAt: Timestamp? = nil
    ) {
        self.id = id
        self.name = name
        self.projectId = projectId
        self.readOnly = readOnly
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
        self.revokedAt = revokedAt
        self.grants = grants ?? .full(readOnly: readOnly)
        self.expiresAt = expiresAt
    }

    /// Whether it has expired at `now` (the expiry instant itself counts as expired).
    public func hasExpired(at now: Timestamp) -> Bool {
        expiresAt.map { now >= $0 } ?? false
    }

    /// Whether this credential may see anything in `projectId`.
    public func reaches(project projectId: String) -> Bool {
        self.projectId == nil || self.projectId == projectId
    }
}
