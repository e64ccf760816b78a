import StatusdAPI
import StatusdHTTP

/// The body of the three sort-order PUTs: `component_ids` or `group_ids`, an array of distinct ids
/// (empty is allowed: nothing moves). Ids that are not in the list being ordered are the store's
/// to refuse.
package struct SortOrderInput {
    var ids: [String]

    static let maximumCount = 1000

    package static func read(_ request: HTTPServerRequest, field: String) throws(APIError) -> SortOrderInput {
        var reader = try JSONBodyReader(request)
        var ids = reader.stringArray(field, required: true) ?? []
        if ids.count > maximumCount {
            reader.issue(field, "\(FieldIssue.subject(field)) must contain at most \(maximumCount) items")
            ids = []
        }
        if ids.contains(where: { !(1...128).contains($0.unicodeScalars.count) }) {
            reader.issue(field, "\(FieldIssue.subject(field)) items must be between 1 and 128 characters long")
        }
        if Set(ids).count != ids.count {
            reader.issue(field, "\(FieldIssue.subject(field)) must not name an id twice")
        }
        try reader.finish()
        return SortOrderInput(ids: ids)
    }
}
