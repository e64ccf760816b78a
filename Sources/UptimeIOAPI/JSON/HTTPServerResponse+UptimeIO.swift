import HTTPTypes
import StatusdAPI
import StatusdHTTP

extension HTTPServerResponse {
    /// The UptimeIO success envelope, `{"success": true, "data": {...}}`; `data` writes the members
    /// of the data object; `capacity`, the bytes to reserve (a list's, so it is not grown as written).
    static func uptimeIO(
        _ status: HTTPResponse.Status, capacity: Int = 512, data: (inout JSONWriter) -> Void
    ) -> HTTPServerResponse {
        var json = JSONWriter(capacity: capacity)
        json.beginObject()
        json.field("success", true)
        json.key("data")
        json.beginObject()
        data(&json)
        json.endObject()
        json.endObject()
        return .json(status, json.bytes)
    }
}
