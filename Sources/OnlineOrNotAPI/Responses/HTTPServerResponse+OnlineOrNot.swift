import HTTPTypes
import StatusdAPI
import StatusdHTTP

extension HTTPServerResponse {
    /// `{"result": ..., "success": true, "errors": [], "messages": []}`; `result` writes the result value.
    static func onlineOrNot(
        _ status: HTTPResponse.Status = .ok, result: (inout JSONWriter) -> Void
    ) -> HTTPServerResponse {
        var json = JSONWriter()
        json.beginObject()
        json.key("result")
        result(&json)
        json.writeSuccessTail()
        return .json(status, json.bytes)
    }

    /// A list: `result` is an array of `items`, followed by `result_info {page, per_page, count, total_count}`.
    static func onlineOrNotList<Item>(
        _ items: [Item], paging: Paging, total: Int, write: (inout JSONWriter, Item) -> Void
    ) -> HTTPServerResponse {
        var json = JSONWriter(capacity: 256 + 512 * items.count)
        json.beginObject()
        json.key("result")
        json.beginArray()
        for item in items { write(&json, item) }
        json.endArray()
        json.key("result_info")
        json.beginObject()
        json.field("page", paging.page)
        json.field("per_page", paging.pageSize)
        json.field("count", items.count)
        json.field("total_count", total)
        json.endObject()
        json.writeSuccessTail()
        return .json(.ok, json.bytes)
    }

    /// `{"result": {"id": id}, ...}`: what every delete answers.
    static func onlineOrNotDeleted(_ id: String) -> HTTPServerResponse {
        onlineOrNot { json in
            json.beginObject()
            json.field("id", id)
            json.endObject()
        }
    }
}

extension JSONWriter {
    /// `"success": true, "errors": [], "messages": []` and the closing brace of the envelope.
    fileprivate mutating func writeSuccessTail() {
        field("success", true)
        key("errors")
        beginArray()
        endArray()
        key("messages")
        beginArray()
        endArray()
        endObject()
    }
}
