/// How a status page presents itself beyond its logo and favicon (which `StatusPage` keeps, as both
/// shapes name them): UptimeIO's `branding` colours, company name and custom CSS.
public struct PageBranding: Sendable, Hashable {
    /// `#rgb` or `#rrggbb` (see `HexColor`).
    public var primaryColor: String?
    public var accentColor: String?
    public var companyName: String?
    /// Kept as sent; refused when it could end the `<style>` element it will be served in.
    public var customCSS: String?

    public init(primaryColor: String? = nil, accentColor: String? = nil, companyName: String? = nil, customCSS: String? = nil) {
        self.primaryColor = primaryColor
        self.accentColor = accentColor
        self.companyName = companyName
        self.customCSS = customCSS
    }
}

/// What the public page shows and offers: UptimeIO's `settings` object. The defaults are those a page
/// has until someone changes them (and what a PUT that leaves them out goes back to).
public struct PageDisplaySettings: Sendable, Hashable {
    public static let historyDays = 1...365

    public var showUptimeHistory: Bool
    public var uptimeHistoryDays: Int
    public var showIncidentHistory: Bool
    public var incidentHistoryDays: Int
    public var allowSubscriptions: Bool
    public var subscriptionTypes: [SubscriptionChannel]

    public init(
        showUptimeHistory: Bool = true, uptimeHistoryDays: Int = 90, showIncidentHistory: Bool = true,
        incidentHistoryDays: Int = 30, allowSubscriptions: Bool = true,
        subscriptionTypes: [SubscriptionChannel] = [.email, .webhook]
    ) {
        self.showUptimeHistory = showUptimeHistory
        self.uptimeHistoryDays = uptimeHistoryDays
        self.showIncidentHistory = showIncidentHistory
        self.incidentHistoryDays = incidentHistoryDays
        self.allowSubscriptions = allowSubscriptions
        self.subscriptionTypes = subscriptionTypes
    }
}

/// How visitors may subscribe to a page's notices.
public enum SubscriptionChannel: String, Sendable, Hashable, CaseIterable {
    case email
    case webhook
}

/// Colours as CSS hex: `#rgb` or `#rrggbb`, either case.
public enum HexColor {
    public static func isValid(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 4 || bytes.count == 7, bytes[0] == UInt8(ascii: "#") else { return false }
        return bytes.dropFirst().allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x41...0x46).contains(byte) || (0x61...0x66).contains(byte)
        }
    }
}

/// Custom CSS goes inside a `<style>` element of the public page, where `</style` (in any case)
/// would end it and let the rest be markup; that and NUL are the only things refused.
public enum CustomCSS {
    public static func isSafe(_ text: String) -> Bool {
        !text.utf8.contains(0) && !text.lowercased().contains("</style")
    }
}
