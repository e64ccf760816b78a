import GRDB
import StatusdCore

// Listing a page's incidents: filters, sort with the id tie-break, one slice, and the total.
extension Store {
    /// Filtered, sorted (ties broken by id, in the same direction), one page of it, with the total
    /// for the filters. Totals come from the trigger-kept `incident_counts` unless searching.
    /// The slice is found in the index alone (rowids: a covering read, so the rows a deep page skips
    /// are never fetched from the table), then only its rows are read, in that order.
    public func incidents(_ query: IncidentQuery) throws -> Page<Incident> {
        try read { db in
            let sql = IncidentListSQL(query)
            let rowids = try Int64.fetchAll(
                db.cachedStatement(sql: sql.select), arguments: sql.arguments + [sql.limit, sql.offset])
            let byRowid = try db.cachedStatement(sql: "SELECT * FROM incidents WHERE rowid = ?")
            let rows = try rowids.compactMap { try Row.fetchOne(byRowid, arguments: [$0]) }
            let items = try Self.completed(rows.map(Incident.init(row:)), db)
            let total = try Int.fetchOne(db.cachedStatement(sql: sql.count), arguments: sql.countArguments) ?? 0
            return Page(items: items, total: total)
        }
    }
}

/// The SQL of one incident list. Each (filter, sort) names the index whose order is the list's
/// order (see Migrations/0001_init.sql), so no list sorts in a temporary B-tree.
struct IncidentListSQL {
    /// The rowids of the slice, in list order.
    var select: String
    var arguments: StatementArguments
    var count: String
    var countArguments: StatementArguments
    var limit: Int
    var offset: Int

    init(_ query: IncidentQuery) {
        var conditions = ["status_page_id = ?"]
        var arguments: StatementArguments = [query.statusPageId]
        if let status = query.status {
            conditions.append("status = ?")
            _ = arguments.append(contentsOf: [status.rawValue])
        }
        if let severity = query.severity {
            conditions.append("severity = ?")
            _ = arguments.append(contentsOf: [severity.rawValue])
        }
        let filters = arguments
        if let search = query.search, !search.isEmpty {
            conditions.append("(title LIKE ? ESCAPE '\\' OR description LIKE ? ESCAPE '\\')")
            let pattern = "%" + Self.escapeLike(search) + "%"
            _ = arguments.append(contentsOf: [pattern, pattern])
        }
        let direction = query.sortOrder == .ascending ? "ASC" : "DESC"
        let index = Self.index(status: query.status != nil, severity: query.severity != nil, sort: query.sortBy)
        let column = Self.column(query.sortBy)
        let whereClause = conditions.joined(separator: " AND ")
        select = """
            SELECT rowid FROM incidents INDEXED BY \(index) WHERE \(whereClause)
            ORDER BY \(column) \(direction), id \(direction) LIMIT ? OFFSET ?
            """
        self.arguments = arguments
        limit = max(query.perPage, 1)
        let (skipped, overflow) = (max(query.page, 1) - 1).multipliedReportingOverflow(by: limit)
        offset = overflow ? Int.max : skipped
        if query.search?.isEmpty == false {
            count = "SELECT COUNT(*) FROM incidents INDEXED BY \(index) WHERE \(whereClause)"
            countArguments = arguments
        } else {
            count = "SELECT COALESCE(SUM(count), 0) FROM incident_counts WHERE "
                + conditions.joined(separator: " AND ")
            countArguments = filters
        }
    }

    static func column(_ sort: IncidentQuery.SortField) -> String {
        switch sort {
        case .createdAt: "created_at"
        case .updatedAt: "updated_at"
        case .severity: "severity"
        case .status: "status"
        }
    }

    /// The index whose key order, after the equality filters, is `sort` then id.
    static func index(status: Bool, severity: Bool, sort: IncidentQuery.SortField) -> String {
        switch (status, severity, sort) {
        case (false, false, .createdAt): "incidents_created"
        case (false, false, .updatedAt): "incidents_updated"
        case (false, false, .severity): "incidents_severity"
        case (false, false, .status): "incidents_status"
        case (true, false, .createdAt): "incidents_status_created"
        case (true, false, .updatedAt): "incidents_status_updated"
        case (true, false, .severity): "incidents_status_severity"
        case (true, false, .status): "incidents_status"
        case (false, true, .createdAt): "incidents_severity_created"
        case (false, true, .updatedAt): "incidents_severity_updated"
        case (false, true, .severity): "incidents_severity"
        case (false, true, .status): "incidents_severity_status"
        case (true, true, .createdAt): "incidents_status_severity_created"
        // Severity is checked per row while walking the status filter in updated_at order.
        case (true, true, .updatedAt): "incidents_status_updated"
        case (true, true, .severity), (true, true, .status): "incidents_status_severity"
        }
    }

    /// `50%_off\` → `50\%\_off\\`: LIKE wildcards in the search text match themselves.
    static func escapeLike(_ text: String) -> String {
        var out = ""
        for character in text {
            if character == "\\" || character == "%" || character == "_" { out.append("\\") }
            out.append(character)
        }
        return out
    }
}
