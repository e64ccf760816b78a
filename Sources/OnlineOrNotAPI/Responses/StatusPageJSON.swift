import StatusdAPI
import StatusdCore

/// A status page in the 2026 spec's `StatusPage` shape. The password is never shown, only
/// `has_password`; the public summary (`forPublic`) does not show the IP allow-list either.
struct StatusPageJSON {
    let page: StatusPage
    let status: PageStatus
    var forPublic = false

    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.field("id", page.id)
        json.field("name", page.name)
        json.field("subdomain", page.subdomain)
        json.field("custom_domain", page.customDomain)
        json.field("status", status.rawValue)
        json.field("favicon_url", page.faviconURL)
        json.field("logo_url", page.logoURL)
        json.field("dark_logo_url", page.darkLogoURL)
        json.field("description", page.description)
        json.field("hide_from_search_engines", page.hideFromSearchEngines)
        json.field("has_password", page.hasPassword)
        json.key("allowed_ips")
        if !forPublic, let allowed = page.allowedIPs {
            json.beginArray()
            for entry in allowed { json.value(entry) }
            json.endArray()
        } else {
            json.null()
        }
        json.field("project_id", page.projectId)
        json.field("created_at", milliseconds: page.createdAt)
        json.field("updated_at", milliseconds: page.updatedAt)
        json.endObject()
    }
}
