import StatusdCore

/// The incident `status` a client may send: a new status, or `UPDATE` (record an update, keep the status).
enum StatusInput: Sendable, Equatable {
    case set(IncidentStatus)
    case keep
}

/// OnlineOrNot's wire spellings of the domain enums, with the choices request readers accept.
enum OnlineOrNotVocabulary {
    static let statusInputs: KeyValuePairs<String, StatusInput> = [
        "INVESTIGATING": .set(.investigating),
        "IDENTIFIED": .set(.identified),
        "MONITORING": .set(.monitoring),
        "RESOLVED": .set(.resolved),
        "UPDATE": .keep,
    ]

    static let impacts: KeyValuePairs<String, Impact> = [
        "MAJOR_OUTAGE": .majorOutage,
        "PARTIAL_OUTAGE": .partialOutage,
        "DEGRADED_PERFORMANCE": .degradedPerformance,
        "NO_IMPACT": .noImpact,
        "MAINTENANCE": .maintenance,
    ]

    static let componentStatuses: KeyValuePairs<String, ComponentStatus> = [
        "OPERATIONAL": .operational,
        "MAJOR_OUTAGE": .impacted(.majorOutage),
        "PARTIAL_OUTAGE": .impacted(.partialOutage),
        "DEGRADED_PERFORMANCE": .impacted(.degradedPerformance),
        "NO_IMPACT": .impacted(.noImpact),
        "MAINTENANCE": .impacted(.maintenance),
    ]

    static func name(_ status: IncidentStatus) -> String {
        switch status {
        case .investigating: "INVESTIGATING"
        case .identified: "IDENTIFIED"
        case .monitoring: "MONITORING"
        case .resolved: "RESOLVED"
        }
    }

    /// A timeline entry's status as the 2026 spec shows it: `UPDATE` when it kept the incident's status.
    static func name(_ update: IncidentUpdate) -> String {
        update.keptStatus ? "UPDATE" : name(update.status)
    }

    /// A maintenance window's phase (statusd's `status` field; the spec has none).
    static func name(_ phase: MaintenancePhase) -> String {
        switch phase {
        case .scheduled: "SCHEDULED"
        case .inProgress: "IN_PROGRESS"
        case .completed: "COMPLETED"
        }
    }
}
