import StatusdAPI
import StatusdCore

/// A component group in the 2026 spec's `StatusPageComponentGroup` shape, plus `status_page_id`
/// (which the Terraform provider's model reads).
struct ComponentGroupJSON {
    let group: ComponentGroup

    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.field("id", group.id)
        json.field("status_page_id", group.statusPageId)
        json.field("name", group.name)
        json.field("description", group.description)
        json.field("sort_order", group.sortOrder)
        json.field("created_at", milliseconds: group.createdAt)
        json.field("updated_at", milliseconds: group.updatedAt)
        json.endObject()
    }
}
