import HTTPTypes
import StatusdAPI
import StatusdHTTP

/// The UptimeIO success envelope, `{"success": true, "data": {...}}`, as a complete response.
extension HTTPServerResponse {
    static func uptimeIO(_ status: HTTPResponse.Status, _ data: [(key: String, value: JSONValue)]) -> HTTPServerResponse {
        let envelope = JSONValue.object([("success", .bool(true)), ("data", .object(data))])
        return uptimeIOJSON(status, envelope)
    }

    /// Any UptimeIO body: the contract puts `Content-Type: application/json; charset=utf-8` on every response.
    static func uptimeIOJSON(
        _ status: HTTPResponse.Status, _ body: JSONValue, extraFields: HTTPFields = [:]
    ) -> HTTPServerResponse {
        var fields = extraFields
        fields[.contentType] = "application/json; charset=utf-8"
        return HTTPServerResponse(status: status, headerFields: fields, body: body.jsonBytes)
    }
}

extension JSONValue {
    static func integer(_ value: Int) -> JSONValue { .number(Double(value)) }

    static func optionalString(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }
}
