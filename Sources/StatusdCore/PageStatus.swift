/// A status page's overall condition (2026 `StatusPage.status` and the summary's `status.description`),
/// taken from its worst component. The one rule the summary and the public page both show.
public enum PageStatus: Sendable, Equatable {
    case allSystemsOperational
    case partiallyDegradedService
    case minorServiceOutage
    case majorSystemOutage
    case serviceUnderMaintenance

    public init(components: [Component]) {
        let impacts = components.compactMap { component -> Impact? in
            if case .impacted(let impact) = component.status { return impact }
            return nil
        }
        switch impacts.max(by: { $0.rank < $1.rank }) {
        case .majorOutage: self = .majorSystemOutage
        case .partialOutage: self = .minorServiceOutage
        case .degradedPerformance: self = .partiallyDegradedService
        case .maintenance: self = .serviceUnderMaintenance
        case .noImpact, nil: self = .allSystemsOperational
        }
    }

    public var rawValue: String {
        switch self {
        case .allSystemsOperational: "ALL_SYSTEMS_OPERATIONAL"
        case .partiallyDegradedService: "PARTIALLY_DEGRADED_SERVICE"
        case .minorServiceOutage: "MINOR_SERVICE_OUTAGE"
        case .majorSystemOutage: "MAJOR_SYSTEM_OUTAGE"
        case .serviceUnderMaintenance: "SERVICE_UNDER_MAINTENANCE"
        }
    }

    /// The summary's human wording.
    public var description: String {
        switch self {
        case .allSystemsOperational: "All Systems Operational"
        case .partiallyDegradedService: "Partially Degraded Service"
        case .minorServiceOutage: "Minor Service Outage"
        case .majorSystemOutage: "Major System Outage"
        case .serviceUnderMaintenance: "Service Under Maintenance"
        }
    }
}
