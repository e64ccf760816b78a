import StatusdAPI
import StatusdCore
import StatusdHTTP

/// The body of a component create or update. Create requires `name`. A component's status is derived
/// from open incidents unless overridden: sending a `status` other than `OPERATIONAL` overrides it,
/// `OPERATIONAL` returns it to derived, and `override_status: false` clears an override outright.
package struct ComponentInput {
    var name: String?
    var description: String??
    /// nil: leave as is; `.some(nil)`: clear the override; `.some(status)`: override with it.
    var statusOverride: ComponentStatus??

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
        _ = reader.bool("display_uptime")
        _ = reader.bool("display_metrics")
        _ = reader.nullableString("group_id")
        try reader.finish()
        return ComponentInput(name: name, description: description, statusOverride: overrideChange(status, override))
    }

    private static func overrideChange(_ status: ComponentStatus?, _ override: Bool?) -> ComponentStatus?? {
        if override == false { return .some(nil) }
        guard let status else { return nil }
        if status == .operational, override != true { return .some(nil) }
        return .some(status)
    }
}
