import StatusdAPI
import StatusdCore
import StatusdHTTP

/// `GET .../incidents` parameters: `page`, `limit` (1–100, default 20), `status`, `severity`,
/// `sort_by` (default `created_at`), `sort_order` (default `desc`).
package enum IncidentListQuery {
    package static func parse(_ request: HTTPServerRequest, statusPageId: String) throws(APIError) -> IncidentQuery {
        var reader = QueryReader(request)
        let paging = Paging.read(from: &reader, sizeParameter: "limit")
        let status = reader.choice("status", IncidentStatus.uptimeIONames)
        let severity = reader.choice("severity", Severity.uptimeIONames)
        let sortBy = reader.choice("sort_by", IncidentQuery.SortField.uptimeIONames)
        let sortOrder = reader.choice("sort_order", IncidentQuery.SortOrder.uptimeIONames)
        try reader.finish()
        return IncidentQuery(
            statusPageId: statusPageId, status: status, severity: severity, sortBy: sortBy ?? .createdAt,
            sortOrder: sortOrder ?? .descending, page: paging.page, perPage: paging.pageSize)
    }
}

/// `GET .../incidents/{id}/updates` parameters: `page`, `limit` (1–100, default 20), `sort_order`
/// (default `desc`, newest first).
package struct UpdateListQuery {
    package var paging: Paging
    var sortOrder: IncidentQuery.SortOrder

    package static func parse(_ request: HTTPServerRequest) throws(APIError) -> UpdateListQuery {
        var reader = QueryReader(request)
        let paging = Paging.read(from: &reader, sizeParameter: "limit")
        let sortOrder = reader.choice("sort_order", IncidentQuery.SortOrder.uptimeIONames)
        try reader.finish()
        return UpdateListQuery(paging: paging, sortOrder: sortOrder ?? .descending)
    }
}
