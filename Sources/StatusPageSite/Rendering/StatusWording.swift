import StatusdCore

/// The words and icon level the page uses for statuses statusd derives elsewhere (`PageStatus`,
/// `Component.status`, `IncidentStatus`): wording only, no rule of its own.
enum StatusWording {
    static func badge(_ status: PageStatus) -> StatusBadge {
        let level = switch status {
        case .allSystemsOperational: "ok"
        case .partiallyDegradedService: "degraded"
        case .minorServiceOutage: "partial"
        case .majorSystemOutage: "major"
        case .serviceUnderMaintenance: "maintenance"
        }
        return StatusBadge(badgeText: status.description, badgeLevel: level)
    }

    static func badge(_ status: ComponentStatus) -> StatusBadge {
        switch status {
        case .operational, .impacted(.noImpact): StatusBadge(badgeText: "Operational", badgeLevel: "ok")
        case .impacted(let impact): badge(impact)
        }
    }

    static func badge(_ impact: Impact) -> StatusBadge {
        switch impact {
        case .noImpact: StatusBadge(badgeText: "No impact", badgeLevel: "ok")
        case .degradedPerformance: StatusBadge(badgeText: "Degraded performance", badgeLevel: "degraded")
        case .partialOutage: StatusBadge(badgeText: "Partial outage", badgeLevel: "partial")
        case .majorOutage: StatusBadge(badgeText: "Major outage", badgeLevel: "major")
        case .maintenance: StatusBadge(badgeText: "Under maintenance", badgeLevel: "maintenance")
        }
    }

    static func text(_ status: IncidentStatus) -> String {
        switch status {
        case .investigating: "Investigating"
        case .identified: "Identified"
        case .monitoring: "Monitoring"
        case .resolved: "Resolved"
        }
    }

    /// A timeline entry's label: its status, or `Update` for a message that kept the status.
    static func label(_ update: IncidentUpdate) -> String {
        update.keptStatus ? "Update" : text(update.status)
    }
}
