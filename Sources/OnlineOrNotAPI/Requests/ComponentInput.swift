import StatusdAPI
import StatusdCore
import StatusdHTTP

/// The body of a component create or update. Create requires `name`. A component's status is derived
/// from open incidents unless overridden: sending a `status` other than `OPERATIONAL` overrides it,
/// `OPERATIONAL` returns it to derived, and `override_status: false` clears an override outright.
/// `display_uptime`, `display_metrics` and `group_id` (null ungroups; the group must be the page's)
/// are kept on create (where the Terraform provider sends them) and on update.
package struct ComponentInput {
    var changes = ComponentChanges()

    package static func forCreate(_ request: HTTPServerRequest) throws(APIError) -> ComponentInput {
        try read(request, required: true)
    }

    package static func forUpdate(_ request: HTTPServerRequest) throws(APIError) -> ComponentInput {
        try read(request, required: false)
    }

    private static func read(_ request: HTTPServerRequest, required: Bool) throws(APIError) -> ComponentInput {
        var reader = try JSONBodyReader(request)
        let name = reader.string("name", required: required, length: 1...256)
        let description = reader.nullableString("description", length: 0...10_000)
        let status = reader.choice("status", OnlineOrNotVocabulary.componentStatuses)
        let override = reader.bool("override_status")
        let changes = ComponentChanges(
            name: name, description: description, statusOverride: overrideChange(status, override),
            displayUptime: reader.bool("display_uptime"), displayMetrics: reader.bool("display_metrics"),
            groupId: reader.nullableString("group_id", length: 1...128)
        )
        try reader.finish()
        return ComponentInput(changes: changes)
    }

    private static func overrideChange(_ status: ComponentStatus?, _ override: Bool?) -> ComponentStatus?? {
        if override == false { return .some(nil) }
        guard let status else { return nil }
        if status == .operational, override != true { return .some(nil) }
        return .some(status)
    }
}
