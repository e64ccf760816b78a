/// What a webhook can be told about: the names are the wire names (OnlineOrNot-style, dotted).
public enum WebhookEvent: String, Sendable, Hashable, CaseIterable {
    case incidentStarted = "status_page.incident.started"
    case incidentUpdated = "status_page.incident.updated"
    case incidentResolved = "status_page.incident.resolved"
    case maintenanceStarted = "status_page.maintenance.started"
    case maintenanceEnded = "status_page.maintenance.ended"
}

/// A receiver of events over HTTP POST. `projectId` nil: made by an all-projects credential, it
/// follows pages of every project. `statusPageIds` nil: every page it reaches, present and future.
/// The signing secret is never part of this value (it is shown once, at creation).
public struct Webhook: Sendable, Hashable {
    public var id: String
    public var projectId: String?
    public var url: String
    public var description: String?
    public var events: [WebhookEvent]
    public var statusPageIds: [String]?
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(
        id: String, projectId: String?, url: String, description: String?, events: [WebhookEvent],
        statusPageIds: [String]?, createdAt: Timestamp, updatedAt: Timestamp
    ) {
        self.id = id
        self.projectId = projectId
        self.url = url
        self.description = description
        self.events = events
        self.statusPageIds = statusPageIds
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// What a webhook create carries (already checked by the API: URL scheme, known events, pages the
/// credential reaches).
public struct NewWebhook: Sendable, Hashable {
    public var url: String
    public var description: String?
    public var events: [WebhookEvent]
    /// nil: every page of `projectId` (or of every project).
    public var statusPageIds: [String]?
    public var projectId: String?

    public init(
        url: String, description: String? = nil, events: [WebhookEvent], statusPageIds: [String]?, projectId: String?
    ) {
        self.url = url
        self.description = description
        self.events = events
        self.statusPageIds = statusPageIds
        self.projectId = projectId
    }
}

/// The fields an update changes; nil leaves one as it is. `statusPageIds` `.some(nil)` means all pages.
public struct WebhookChanges: Sendable, Hashable {
    public var url: String?
    /// `.some(nil)` removes it.
    public var description: String??
    public var events: [WebhookEvent]?
    public var statusPageIds: [String]??

    public init(
        url: String? = nil, description: String?? = nil, events: [WebhookEvent]? = nil,
        statusPageIds: [String]?? = nil
    ) {
        self.url = url
        self.description = description
        self.events = events
        self.statusPageIds = statusPageIds
    }
}

/// Where a delivery stands: waiting for its (next) attempt, delivered (a 2xx), or given up.
public enum DeliveryState: String, Sendable, Hashable {
    case pending
    case delivered
    case failed
}

/// One event for one webhook, as its delivery log shows it.
public struct WebhookDelivery: Sendable, Hashable {
    public var id: String
    public var webhookId: String
    public var event: String
    public var statusPageId: String
    public var state: DeliveryState
    public var attempts: Int
    public var lastStatusCode: Int?
    public var lastError: String?
    /// nil once delivered or failed.
    public var nextAttemptAt: Timestamp?
    public var deliveredAt: Timestamp?
    public var failedAt: Timestamp?
    public var createdAt: Timestamp

    public init(
        id: String, webhookId: String, event: String, statusPageId: String, state: DeliveryState, attempts: Int,
        lastStatusCode: Int?, lastError: String?, nextAttemptAt: Timestamp?, deliveredAt: Timestamp?,
        failedAt: Timestamp?, createdAt: Timestamp
    ) {
        self.id = id
        self.webhookId = webhookId
        self.event = event
        self.statusPageId = statusPageId
        self.state = state
        self.attempts = attempts
        self.lastStatusCode = lastStatusCode
        self.lastError = lastError
        self.nextAttemptAt = nextAttemptAt
        self.deliveredAt = deliveredAt
        self.failedAt = failedAt
        self.createdAt = createdAt
    }
}
