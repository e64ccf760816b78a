import HTTPTypes
import StatusdAPI
import StatusdHTTP

extension HTTPServerResponse {
    /// The UptimeIO success envelope, `{"success": true, "data": {...}}`; `data` writes the members
    /// of the data object.
    static func uptimeIO(_ status: HTTPResponse.Status, data: (inout JSONWriter) -> Void) -> HTTPServerResponse {
        var json = JSONWriter()
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
