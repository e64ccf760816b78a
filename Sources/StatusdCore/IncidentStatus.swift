/// The lifecycle of an incident, in one canonical form that both API shapes map to and from.
///
/// The raw value is the order used when sorting by status (investigating first, resolved last).
public enum IncidentStatus: Int, Sendable, CaseIterable, Comparable, Codable {
    case investigating = 0
    case identified = 1
    case monitoring = 2
    case resolved = 3

    public var isOpen: Bool { self != .resolved }

    public static func < (lhs: IncidentStatus, rhs: IncidentStatus) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
