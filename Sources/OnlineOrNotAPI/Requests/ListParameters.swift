import StatusdAPI
import StatusdHTTP

/// `page`, `per_page` (defaults 1 and 20, at most 100) and `search` of every OnlineOrNot list.
package struct ListParameters {
    package var paging: Paging
    /// nil when absent or empty.
    package var search: String?

    package init(_ request: HTTPServerRequest) throws(APIError) {
        var query = QueryReader(request)
        paging = Paging.read(from: &query, sizeParameter: "per_page")
        let text = query.string("search")
        search = text?.isEmpty == false ? text : nil
        try query.finish()
    }

    /// One page of an in-memory list (pages and components are few per project).
    package func slice<T>(_ items: [T]) -> [T] {
        let start = min((paging.page - 1) * paging.pageSize, items.count)
        let end = min(start + paging.pageSize, items.count)
        return Array(items[start..<end])
    }

    /// Case-insensitive substring match of `search` in any of `fields`; true when there is no search.
    package func matches(_ fields: String?...) -> Bool {
        guard let search = search?.lowercased() else { return true }
        return fields.contains { $0?.lowercased().contains(search) == true }
    }
}
