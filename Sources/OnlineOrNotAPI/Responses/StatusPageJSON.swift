import StatusdAPI
import StatusdCore

/// A status page in the 2026 spec's `StatusPage` shape. Branding, password and IP allow-lists are not
/// stored by statusd, so they read as null/false.
struct StatusPageJSON {
    let page: StatusPage
    let status: PageStatus

    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.field("id", page.id)
        json.field("name", page.name)
        json.field("subdomain", page.subdomain)
        json.field("custom_domain", page.customDomain)
        json.field("status", status.rawValue)
        json.field("favicon_url", nil)
        json.field("logo_url", nil)
        json.field("dark_logo_url", nil)
        json.field("description", page.description)
        json.field("hide_from_search_engines", page.hideFromSearchEngines)
        json.field("has_password", false)
        json.key("allowed_ips")
        json.null()
        json.field("project_id", page.projectId)
        json.field("created_at", page.createdAt.iso8601Milliseconds)
        json.field("updated_at", page.updatedAt.iso8601Milliseconds)
        json.endObject()
    }
}
