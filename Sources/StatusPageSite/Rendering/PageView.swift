/// What the page template shows, every string as plain text: the template escapes each one, so
/// nothing a page's owner typed can become markup. Rendered by Mirror (swift-mustache): property
/// names are the template's tags. Every name is unique across the nesting, because Mustache looks
/// a missing (nil) key up in the enclosing objects: a component without a description must not
/// show the page's.
struct PageView {
    let pageName: String
    let pageDescription: String?
    let pageLogo: LogoView?
    let faviconURL: String?
    let noindex: Bool
    let feeds: FeedLinks
    let overall: StatusBadge
    let sections: [ComponentSection]
    let activeIncidents: [IncidentView]
    let activeMaintenance: [MaintenanceView]
    let upcomingMaintenance: [MaintenanceView]
    let history: HistoryView
    let generatedAt: TimeView
    let assets = SiteAssets.paths
    // Stored, not computed: Mirror sees stored properties only.
    let hasActiveIncidents: Bool
    let hasActiveMaintenance: Bool
    let hasUpcomingMaintenance: Bool
}

struct LogoView {
    let logoURL: String
    let darkLogoURL: String?
    let logoAlt: String
}

struct FeedLinks {
    let atomFeed: String
    let rssFeed: String
    let jsonFeed: String
}

/// A status as words and a level; the level picks the icon's shape and colour (the words say it
/// all without them).
struct StatusBadge {
    let badgeText: String
    /// `ok`, `degraded`, `partial`, `major` or `maintenance`.
    let badgeLevel: String
}

struct TimeView {
    /// `2026-12-07T07:00:00Z`, for `<time datetime>`.
    let timeISO: String
    /// `2026-12-07 07:00 UTC+00:00`.
    let timeText: String
}

struct ComponentSection {
    /// nil for the components in no group (shown first, with no heading).
    let groupName: String?
    let groupDescription: String?
    let components: [ComponentView]
}

struct ComponentView {
    let componentName: String
    let componentDescription: String?
    let componentStatus: StatusBadge
}

struct IncidentView {
    /// The fragment id of the incident on the page (`incident-…`).
    let incidentAnchor: String
    let incidentTitle: String
    let impact: StatusBadge?
    let incidentStatus: String
    let started: TimeView
    let ended: TimeView?
    let affected: String?
    /// Newest first: the latest update leads.
    let updates: [UpdateView]
    let updateCount: String
    let hasUpdates: Bool
}

struct UpdateView {
    let updateLabel: String
    let updateTime: TimeView
    let updateMessage: String
}

struct MaintenanceView {
    let maintenanceAnchor: String
    let maintenanceTitle: String
    let maintenanceDescription: String?
    let starts: TimeView
    let ends: TimeView
    let maintenanceComponents: String?
}

struct HistoryView {
    /// `2026-09-09 to 2026-12-07`
    let period: String
    let historyIncidents: [IncidentView]
    /// Said when the period holds more than the page shows.
    let more: String?
    let newer: LinkView?
    let older: LinkView?
}

struct LinkView {
    let linkHref: String
    let linkText: String
}

/// The password form, the only thing a protected page shows without its password.
struct PasswordView {
    let action: String
    let wrong: Bool
    let noindex: Bool
    let assets = SiteAssets.paths
}

/// A short page for a refusal (404, 400, 405, ...).
struct MessageView {
    let messageTitle: String
    let messageText: String
    let assets = SiteAssets.paths
}
