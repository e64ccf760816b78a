/// Who made a change the audit log records: a credential through either API shape, someone at the
/// CLI, a subscriber following a link from a mail, or statusd itself. Kept with `request`, what
/// they asked for (a method and path, or a CLI command), never a secret.
public struct AuditActor: Sendable, Hashable {
    public enum Kind: String, Sendable, CaseIterable {
        case apiToken = "api_token"
        case cli
        case subscriber
        case statusd
    }

    public var kind: Kind
    /// The credential's or subscriber's id.
    public var id: String?
    /// The credential's name, or the system user who ran the CLI.
    public var name: String?
    /// `POST /v1/status_pages/{id}/incidents` (the path only) or `statusd token create`.
    public var request: String?

    public init(kind: Kind, id: String? = nil, name: String? = nil, request: String? = nil) {
        self.kind = kind
        self.id = id
        self.name = name
        self.request = request
    }

    /// Writes no request or command is bound to (start-up, tests of the store).
    public static let statusd = AuditActor(kind: .statusd)
}

/// What a write did to its resource.
public enum AuditAction: String, Sendable, CaseIterable {
    case created
    case updated
    case deleted
}

/// The kinds of resource the audit log names, spelt as in its entries.
public enum AuditResourceType: String, Sendable, CaseIterable {
    case project
    case statusPage = "status_page"
    case component
    case componentGroup = "component_group"
    case incident
    case incidentUpdate = "incident_update"
    case scheduledMaintenance = "scheduled_maintenance"
    case subscriber
    case webhook
    case apiToken = "api_token"
}

/// One entry of the audit log: one write to one resource.
public struct AuditEntry: Sendable, Hashable {
    /// Grows with every entry, in commit order.
    public var id: Int64
    public var occurredAt: Timestamp
    public var actor: AuditActor
    public var action: AuditAction
    public var resourceType: AuditResourceType
    public var resourceId: String
    public var statusPageId: String?
    public var projectId: String?
    /// Names of the fields the write set (created) or changed (updated); empty for a deletion.
    public var fields: [String]

    public init(
        id: Int64, occurredAt: Timestamp, actor: AuditActor, action: AuditAction, resourceType: AuditResourceType,
        resourceId: String, statusPageId: String?, projectId: String?, fields: [String]
    ) {
        self.id = id
        self.occurredAt = occurredAt
        self.actor = actor
        self.action = action
        self.resourceType = resourceType
        self.resourceId = resourceId
        self.statusPageId = statusPageId
        self.projectId = projectId
        self.fields = fields
    }
}

/// Which entries to list: newest first, filtered by resource and time, one page of them.
public struct AuditQuery: Sendable, Hashable {
    /// nil: every project's (an all-projects credential, the CLI); else only that project's entries.
    public var projectId: String?
    public var resourceType: AuditResourceType?
    public var resourceId: String?
    public var statusPageId: String?
    public var actorId: String?
    /// Entries at or after.
    public var since: Timestamp?
    /// Entries before.
    public var until: Timestamp?
    /// 1-based.
    public var page: Int
    public var perPage: Int

    public init(
        projectId: String? = nil, resourceType: AuditResourceType? = nil, resourceId: String? = nil,
        statusPageId: String? = nil, actorId: String? = nil, since: Timestamp? = nil, until: Timestamp? = nil,
        page: Int = 1, perPage: Int = 20
    ) {
        self.projectId = projectId
        self.resourceType = resourceType
        self.resourceId = resourceId
        self.statusPageId = statusPageId
        self.actorId = actorId
        self.since = since
        self.until = until
        self.page = page
        self.perPage = perPage
    }
}
