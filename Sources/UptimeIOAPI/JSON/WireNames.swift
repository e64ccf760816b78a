import StatusdCore

/// UptimeIO's lowercase spellings of the shared domain enums, in the order error messages list them.
extension IncidentStatus {
    static let uptimeIONames: KeyValuePairs<String, IncidentStatus> = [
        "investigating": .investigating, "identified": .identified, "monitoring": .monitoring, "resolved": .resolved,
    ]

    var uptimeIOName: String {
        switch self {
        case .investigating: "investigating"
        case .identified: "identified"
        case .monitoring: "monitoring"
        case .resolved: "resolved"
        }
    }
}

extension Severity {
    static let uptimeIONames: KeyValuePairs<String, Severity> = ["minor": .minor, "major": .major, "critical": .critical]

    var uptimeIOName: String {
        switch self {
        case .minor: "minor"
        case .major: "major"
        case .critical: "critical"
        }
    }
}

extension IncidentQuery.SortField {
    static let uptimeIONames: KeyValuePairs<String, IncidentQuery.SortField> = [
        "created_at": .createdAt, "updated_at": .updatedAt, "severity": .severity, "status": .status,
    ]
}

extension IncidentQuery.SortOrder {
    static let uptimeIONames: KeyValuePairs<String, IncidentQuery.SortOrder> = ["asc": .ascending, "desc": .descending]
}

extension ComponentStatus {
    /// A monitor's status in UptimeIO's lowercase style: `operational`, `major_outage`, `partial_outage`,
    /// `degraded_performance`, `no_impact`, `maintenance`.
    var uptimeIOName: String { rawValue.lowercased() }
}
