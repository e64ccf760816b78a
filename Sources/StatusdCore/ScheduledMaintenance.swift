/// Planned work on a status page: from `startsAt`, for `durationMinutes`. While it is open, the
/// components it names read `MAINTENANCE` unless an incident gives them something worse; nothing
/// is written when it opens or closes, its state follows from the clock (`phase(at:)`).
public struct ScheduledMaintenance: Sendable, Hashable {
    public var id: String
    public var statusPageId: String
    public var title: String
    public var description: String
    public var startsAt: Timestamp
    public var durationMinutes: Int
    /// The components it names, in the order given.
    public var componentIds: [String]
    public var notifications: MaintenanceNotifications
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(
        id: String, statusPageId: String, title: String, description: String, startsAt: Timestamp,
        durationMinutes: Int, componentIds: [String], notifications: MaintenanceNotifications = .defaults,
        createdAt: Timestamp, updatedAt: Timestamp
    ) {
        self.id = id
        self.statusPageId = statusPageId
        self.title = title
        self.description = description
        self.startsAt = startsAt
        self.durationMinutes = durationMinutes
        self.componentIds = componentIds
        self.notifications = notifications
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// When it closes: `startsAt` plus the duration (the end itself is outside the window).
    public var endsAt: Timestamp {
        Timestamp(millisecondsSince1970: startsAt.millisecondsSince1970 + Int64(durationMinutes) * 60_000)
    }

    /// Before, during or after the window at `time`; open on `startsAt <= time < endsAt`.
    public func phase(at time: Timestamp) -> MaintenancePhase {
        if time < startsAt { return .scheduled }
        return time < endsAt ? .inProgress : .completed
    }

    /// The longest window statusd keeps: 366 days, so that every end stays a printable date.
    public static let maximumDurationMinutes = 366 * 24 * 60
}

/// Where a maintenance window stands at a moment.
public enum MaintenancePhase: Sendable, Hashable, CaseIterable {
    /// Not started yet: the only phase in which it may be changed.
    case scheduled
    /// Open: its components read `MAINTENANCE`.
    case inProgress
    /// Over.
    case completed
}

/// Whom a window's subscribers hear from, and when (OnlineOrNot `notifications`); kept for the
/// notifications, defaults as the spec gives them.
public struct MaintenanceNotifications: Sendable, Hashable {
    public var anHourBefore: Bool
    public var atStart: Bool
    public var atEnd: Bool

    public init(anHourBefore: Bool = false, atStart: Bool = true, atEnd: Bool = true) {
        self.anHourBefore = anHourBefore
        self.atStart = atStart
        self.atEnd = atEnd
    }

    public static let defaults = MaintenanceNotifications()
}

/// What a client asks for when scheduling a window; validated by the API shape.
public struct NewScheduledMaintenance: Sendable, Hashable {
    /// nil: the store assigns a new lowercase UUID.
    public var id: String?
    public var title: String
    public var description: String
    public var startsAt: Timestamp
    public var durationMinutes: Int
    public var componentIds: [String]
    public var notifications: MaintenanceNotifications

    public init(
        id: String? = nil, title: String, description: String, startsAt: Timestamp, durationMinutes: Int,
        componentIds: [String] = [], notifications: MaintenanceNotifications = .defaults
    ) {
        self.id = id
        self.title = title
        self.description = description
        self.startsAt = startsAt
        self.durationMinutes = durationMinutes
        self.componentIds = componentIds
        self.notifications = notifications
    }
}

/// A partial change to a window that has not started: nil fields stay as they are.
public struct ScheduledMaintenanceChanges: Sendable, Hashable {
    public var title: String?
    public var description: String?
    public var startsAt: Timestamp?
    public var durationMinutes: Int?
    /// Replaces the components when set (`[]` names none).
    public var componentIds: [String]?
    /// Each flag set replaces that one; the others stay.
    public var anHourBefore: Bool?
    public var atStart: Bool?
    public var atEnd: Bool?

    public init(
        title: String? = nil, description: String? = nil, startsAt: Timestamp? = nil, durationMinutes: Int? = nil,
        componentIds: [String]? = nil, anHourBefore: Bool? = nil, atStart: Bool? = nil, atEnd: Bool? = nil
    ) {
        self.title = title
        self.description = description
        self.startsAt = startsAt
        self.durationMinutes = durationMinutes
        self.componentIds = componentIds
        self.anHourBefore = anHourBefore
        self.atStart = atStart
        self.atEnd = atEnd
    }

    /// `notifications` with the flags this change sets.
    public func applied(to notifications: MaintenanceNotifications) -> MaintenanceNotifications {
        MaintenanceNotifications(
            anHourBefore: anHourBefore ?? notifications.anHourBefore, atStart: atStart ?? notifications.atStart,
            atEnd: atEnd ?? notifications.atEnd)
    }
}
