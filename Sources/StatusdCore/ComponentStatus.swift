/// A component's current condition: `operational`, or the impact it currently suffers.
public enum ComponentStatus: Sendable, Hashable {
    case operational
    case impacted(Impact)

    /// The OnlineOrNot wire spelling (`OPERATIONAL`, `MAJOR_OUTAGE`, ...).
    public var rawValue: String {
        switch self {
        case .operational: "OPERATIONAL"
        case .impacted(let impact): impact.rawValue
        }
    }

    public init?(rawValue: String) {
        if rawValue == "OPERATIONAL" {
            self = .operational
        } else if let impact = Impact(rawValue: rawValue) {
            self = .impacted(impact)
        } else {
            return nil
        }
    }

    /// The contract's rule: the worst impact among the unresolved incidents that name the component,
    /// else operational. An operator's override, when set, wins.
    public static func derive(openImpacts: [Impact], override: ComponentStatus? = nil) -> ComponentStatus {
        if let override { return override }
        guard let worst = openImpacts.max(by: { $0.rank < $1.rank }) else { return .operational }
        return .impacted(worst)
    }
}
