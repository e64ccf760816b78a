/// UptimeIO's coarse severity, derived from `Impact` by the contract's mapping:
/// critical = MAJOR_OUTAGE, major = PARTIAL_OUTAGE, minor = everything else (including none).
///
/// The raw value is the order used when sorting by severity (minor lowest).
public enum Severity: Int, Sendable, CaseIterable, Comparable, Codable {
    case minor = 1
    case major = 2
    case critical = 3

    public init(impact: Impact?) {
        switch impact {
        case .majorOutage: self = .critical
        case .partialOutage: self = .major
        default: self = .minor
        }
    }

    /// The impact stored when a client writes this severity through the UptimeIO shape.
    public var impact: Impact {
        switch self {
        case .critical: .majorOutage
        case .major: .partialOutage
        case .minor: .degradedPerformance
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rawValue < rhs.rawValue }
}
