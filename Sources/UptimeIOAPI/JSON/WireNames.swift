import StatusdCore

/// UptimeIO's lowercase spellings of the shared domain enums.
extension IncidentStatus {
    var uptimeIOName: String {
        switch self {
        case .investigating: "investigating"
        case .identified: "identified"
        case .monitoring: "monitoring"
        case .resolved: "resolved"
        }
    }

    static let uptimeIONames: [(String, IncidentStatus)] = allCases.map { ($0.uptimeIOName, $0) }
}

extension Severity {
    var uptimeIOName: String {
        switch self {
        case .minor: "minor"
        case .major: "major"
        case .critical: "critical"
        }
    }

    static let uptimeIONames: [(String, Severity)] = allCases.map { ($0.uptimeIOName, $0) }
}

extension IncidentQuery.SortField {
    static let uptimeIONames: [(String, IncidentQuery.SortField)] = allCases.map { ($0.rawValue, $0) }
}

extension IncidentQuery.SortOrder {
    static let uptimeIONames: [(String, IncidentQuery.SortOrder)] = allCases.map { ($0.rawValue, $0) }
}

extension ComponentStatus {
    /// A monitor's status in UptimeIO's lowercase style: `operational`, `major_outage`, `partial_outage`,
    /// `degraded_performance`, `no_impact`, `maintenance`.
    var uptimeIOName: String { rawValue.lowercased() }
}
