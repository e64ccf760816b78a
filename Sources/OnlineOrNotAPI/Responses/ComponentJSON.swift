import StatusdAPI
import StatusdCore

/// A component in the 2026 spec's `StatusPageComponent` shape; `status` is the override, else derived.
struct ComponentJSON {
    let component: Component

    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.field("id", component.id)
        json.field("name", component.name)
        json.field("description", component.description)
        json.field("status", component.status.rawValue)
        json.field("status_overridden", component.statusOverride != nil)
        json.field("display_uptime", component.displayUptime)
        json.field("display_metrics", component.displayMetrics)
        json.field("created_at", milliseconds: component.createdAt)
        json.field("updated_at", milliseconds: component.updatedAt)
        json.field("group_id", component.groupId)
        json.field("is_external_component", false)
        json.endObject()
    }
}
