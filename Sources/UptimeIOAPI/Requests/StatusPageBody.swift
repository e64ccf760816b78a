import StatusdAPI
import StatusdCore
import StatusdHTTP

/// `PATCH` and `PUT /api/projects/{projectId}/status-pages/{id}` (status-page-update.md): `name`,
/// `description`, `is_published`, `custom_domain`, `is_password_protected`, `password`, and the
/// `branding` and `settings` objects, every field optional. What is read here is what the client
/// said; `changes(for:replacing:)` turns it into a store change against the page as it is.
package struct StatusPageBody {
    var name: String?
    var description: String??
    var isPublished: Bool?
    var customDomain: String??
    var isPasswordProtected: Bool?
    /// `.some(nil)` for null or "".
    var password: String??
    var logoURL: String??
    var faviconURL: String??
    var primaryColor: String??
    var accentColor: String??
    var companyName: String??
    var customCSS: String??
    var showUptimeHistory: Bool?
    var uptimeHistoryDays: Int?
    var showIncidentHistory: Bool?
    var incidentHistoryDays: Int?
    var allowSubscriptions: Bool?
    var subscriptionTypes: [SubscriptionChannel]?

    static let names = 1...100
    static let longText = 0...10_000
    static let urls = 0...2048
    static let customCSS = 0...65_536

    package init(_ request: HTTPServerRequest) throws(APIError) {
        var reader = try JSONBodyReader(request)
        name = reader.string("name", length: Self.names)
        description = reader.nullableString("description", length: Self.longText)
        isPublished = reader.bool("is_published")
        customDomain = Self.emptyIsNull(reader.nullableString("custom_domain", length: 0...255))
        if case .some(.some(let domain)) = customDomain, domain.utf8.contains(where: { $0 <= 0x20 || $0 == 0x7F }) {
            reader.issue("custom_domain", "Custom_domain must not contain spaces or control characters")
        }
        isPasswordProtected = reader.bool("is_password_protected")
        password = Self.emptyIsNull(reader.nullableString("password", length: 0...256))
        if var branding = reader.object("branding") {
            readBranding(&branding)
            reader.absorb(branding)
        }
        if var settings = reader.object("settings") {
            readSettings(&settings)
            reader.absorb(settings)
        }
        if isPasswordProtected == false, case .some(.some) = password {
            reader.issue("password", "Password cannot be set when is_password_protected is false")
        }
        if isPasswordProtected == true, case .some(.none) = password {
            reader.issue("password", "Password is required when is_password_protected is true")
        }
        try reader.finish()
    }

    private mutating func readBranding(_ reader: inout JSONBodyReader) {
        logoURL = Self.emptyIsNull(reader.nullableString("logo_url", length: Self.urls))
        faviconURL = Self.emptyIsNull(reader.nullableString("favicon_url", length: Self.urls))
        primaryColor = Self.emptyIsNull(reader.nullableString("primary_color", length: 0...7))
        accentColor = Self.emptyIsNull(reader.nullableString("accent_color", length: 0...7))
        for (key, color) in [("primary_color", primaryColor), ("accent_color", accentColor)] {
            if case .some(.some(let text)) = color, !HexColor.isValid(text) {
                reader.issue(key, "\(FieldIssue.subject(key)) must be a hex colour such as #1a73e8 or #fff")
            }
        }
        companyName = Self.emptyIsNull(reader.nullableString("company_name", length: 0...255))
        customCSS = Self.emptyIsNull(reader.nullableString("custom_css", length: Self.customCSS))
        if case .some(.some(let css)) = customCSS, !CustomCSS.isSafe(css) {
            reader.issue("custom_css", "Custom_css must not contain '</style' or NUL characters")
        }
    }

    private mutating func readSettings(_ reader: inout JSONBodyReader) {
        showUptimeHistory = reader.bool("show_uptime_history")
        uptimeHistoryDays = reader.integer("uptime_history_days", in: PageDisplaySettings.historyDays)
        showIncidentHistory = reader.bool("show_incident_history")
        incidentHistoryDays = reader.integer("incident_history_days", in: PageDisplaySettings.historyDays)
        allowSubscriptions = reader.bool("allow_subscriptions")
        if let names = reader.stringArray("subscription_types") {
            let channels = names.compactMap(SubscriptionChannel.init(rawValue:))
            if channels.count != names.count {
                reader.issue("subscription_types", "Subscription_types items must be one of: email, webhook")
            } else {
                subscriptionTypes = SubscriptionChannel.allCases.filter(channels.contains)
            }
        }
    }

    /// The change to make to `page`. A PATCH (`replacing` false) changes what the body names; a PUT
    /// replaces the whole UptimeIO resource: what it leaves out goes back to its default (no
    /// description, custom domain, branding or password; published; default settings), except the
    /// name, which a page cannot be without. Fields only the OnlineOrNot shape has stay as they are.
    /// 400 when protection is asked for and there is no password, sent or kept.
    package func changes(for page: StatusPage, replacing: Bool) throws(APIError) -> StatusPageChanges {
        var changes = StatusPageChanges(
            name: name, customDomain: customDomain, description: description, faviconURL: faviconURL, logoURL: logoURL)
        changes.isPublished = isPublished
        (changes.primaryColor, changes.accentColor) = (primaryColor, accentColor)
        (changes.companyName, changes.customCSS) = (companyName, customCSS)
        changes.showUptimeHistory = showUptimeHistory
        changes.uptimeHistoryDays = uptimeHistoryDays
        changes.showIncidentHistory = showIncidentHistory
        changes.incidentHistoryDays = incidentHistoryDays
        changes.allowSubscriptions = allowSubscriptions
        changes.subscriptionTypes = subscriptionTypes
        changes.password = try passwordChange(hasPassword: page.hasPassword, replacing: replacing)
        if replacing { fillDefaults(&changes) }
        return changes
    }

    private func passwordChange(hasPassword: Bool, replacing: Bool) throws(APIError) -> String?? {
        switch (isPasswordProtected, password) {
        case (false, _): return .some(nil)
        case (_, .some(.some(let text))): return .some(text)
        case (true, _):
            // Protection without a new password keeps the one there is, if any.
            guard hasPassword else {
                throw .validation(message: "Invalid request body", issues: [
                    FieldIssue(field: "password", message: "Password is required when is_password_protected is true"),
                ])
            }
            return nil
        case (nil, .some(.none)): return .some(nil)
        case (nil, nil): return replacing ? .some(nil) : nil
        }
    }

    private func fillDefaults(_ changes: inout StatusPageChanges) {
        let defaults = PageDisplaySettings()
        if changes.description == nil { changes.description = .some(nil) }
        if changes.customDomain == nil { changes.customDomain = .some(nil) }
        if changes.faviconURL == nil { changes.faviconURL = .some(nil) }
        if changes.logoURL == nil { changes.logoURL = .some(nil) }
        if changes.isPublished == nil { changes.isPublished = true }
        if changes.primaryColor == nil { changes.primaryColor = .some(nil) }
        if changes.accentColor == nil { changes.accentColor = .some(nil) }
        if changes.companyName == nil { changes.companyName = .some(nil) }
        if changes.customCSS == nil { changes.customCSS = .some(nil) }
        changes.showUptimeHistory = changes.showUptimeHistory ?? defaults.showUptimeHistory
        changes.uptimeHistoryDays = changes.uptimeHistoryDays ?? defaults.uptimeHistoryDays
        changes.showIncidentHistory = changes.showIncidentHistory ?? defaults.showIncidentHistory
        changes.incidentHistoryDays = changes.incidentHistoryDays ?? defaults.incidentHistoryDays
        changes.allowSubscriptions = changes.allowSubscriptions ?? defaults.allowSubscriptions
        changes.subscriptionTypes = changes.subscriptionTypes ?? defaults.subscriptionTypes
    }

    private static func emptyIsNull(_ value: String??) -> String?? {
        if case .some(.some(let text)) = value, text.isEmpty { return .some(nil) }
        return value
    }
}
