import StatusdAPI
import StatusdCore

/// A status page in UptimeIO's shape. The docs as stored show no status-page object, so its fields
/// are those the update body takes (status-page-update.md), in its order, between the ids and the
/// timestamps every UptimeIO object has; the password is never shown, only `is_password_protected`.
enum StatusPageJSON {
    static func write(_ page: StatusPage, to json: inout JSONWriter) {
        json.beginObject()
        json.field("id", page.id)
        json.field("project_id", page.projectId)
        json.field("name", page.name)
        json.field("description", page.description)
        json.key("branding")
        json.beginObject()
        json.field("logo_url", page.logoURL)
        json.field("favicon_url", page.faviconURL)
        json.field("primary_color", page.branding.primaryColor)
        json.field("accent_color", page.branding.accentColor)
        json.field("company_name", page.branding.companyName)
        json.field("custom_css", page.branding.customCSS)
        json.endObject()
        json.key("settings")
        json.beginObject()
        json.field("show_uptime_history", page.display.showUptimeHistory)
        json.field("uptime_history_days", page.display.uptimeHistoryDays)
        json.field("show_incident_history", page.display.showIncidentHistory)
        json.field("incident_history_days", page.display.incidentHistoryDays)
        json.field("allow_subscriptions", page.display.allowSubscriptions)
        json.field("subscription_types", strings: page.display.subscriptionTypes.map(\.rawValue))
        json.endObject()
        json.field("is_published", page.isPublished)
        json.field("custom_domain", page.customDomain)
        json.field("is_password_protected", page.hasPassword)
        json.field("created_at", seconds: page.createdAt)
        json.field("updated_at", seconds: page.updatedAt)
        json.endObject()
    }
}
