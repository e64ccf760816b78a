/// How badly an incident hurts a component, in the canonical (OnlineOrNot) vocabulary.
///
/// `severityRank` orders impacts from least to most severe; UptimeIO's three severities are
/// derived from it (see `Severity`).
public enum Impact: String, Sendable, CaseIterable, Codable {
    case majorOutage = "MAJOR_OUTAGE"
    case partialOutage = "PARTIAL_OUTAGE"
    case degradedPerformance = "DEGRADED_PERFORMANCE"
    case noImpact = "NO_IMPACT"
    case maintenance = "MAINTENANCE"

    /// Worse impacts rank higher; used to derive a component's status from open incidents.
    public var rank: Int {
        switch self {
        case .noImpact: 0
        case .maintenance: 1
        case .degradedPerformance: 2
        case .partialOutage: 3
        case .majorOutage: 4
        }
    }
}
