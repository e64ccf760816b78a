import GRDB
import StatusdCore

// Listing a page's incidents: filters, sort with the id tie-break, one slice, and the total.
extension Store {
    /// Filtered, sorted (ties broken by id, in the same direction), one page of it, with the total
    /// for the filters. Totals come from the trigger-kept `incident_counts` unless searching.
    /// The first pages read their rows in one statement; a deeper slice is found in the index alone
    /// (rowids: a covering read, so the rows a deep page skips are never fetched from the table),
    /// then only its rows are read, in that order, starting from the nearest `ListAnchors` anchor
    /// when one holds for the data read.
    public func incidents(_ query: IncidentQuery) throws -> Page<Incident> {
        try read { db in
            let sql = IncidentListSQL(query)
            let slice: [Incident]
            // PostgreSQL reads every slice's rows directly: the rowid reads and list anchors are
            // there for SQLite's planner, and its incidents have no rowid.
            if db.isPostgres || sql.offset < min(IncidentListSQL.rowsReadDirectlyBelowOffset, listAnchors.minimumOffset) {
                slice = try db.cachedStatement(sql: sql.selectRows)
                    .decodeAll(sql.arguments + [sql.limit, sql.offset], Incident.init(row:))
            } else {
                slice = try Self.incidents(rowids: try sliceRowids(query, sql, db), db)
            }
            let items = try Self.completed(slice, db)
            let total = try Int.fetchOne(db.cachedStatement(sql: sql.count), arguments: sql.countArguments) ?? 0
            return Page(items: items, total: total)
        }
    }

    /// The incidents of `rowids`, in that order, read by one statement.
    private static func incidents(rowids: [Int64], _ db: SQLDatabase) throws -> [Incident] {
        guard !rowids.isEmpty else { return [] }
        var byRowid: [Int64: Incident] = [:]
        try db.cachedStatement(sql: CompletionSQL.forCount(rowids.count).byRowids)
            .forEachRow(bindingIntegers: rowids) { row in byRowid[row[11]] = Incident(row: row) }
        return rowids.compactMap { byRowid[$0] }
    }

    /// The rowids of the slice: OFFSET from the start, or from an anchor (then one is left at the
    /// slice's first row for the next request).
    private func sliceRowids(_ query: IncidentQuery, _ sql: IncidentListSQL, _ db: SQLDatabase) throws -> [Int64] {
        guard sql.offset >= listAnchors.minimumOffset, sql.offset < Int.max, query.search?.isEmpty ?? true else {
            return try Int64.fetchAll(db.cachedStatement(sql: sql.select), arguments: sql.arguments + [sql.limit, sql.offset])
        }
        // Read in this transaction: the anchors used and kept are those of exactly this data.
        let version = try Self.changeCounters(db).content
        let list = ListAnchors.list(of: query)
        let rowids: [Int64]
        if let anchor = listAnchors.nearest(in: list, atOrBefore: sql.offset, version: version) {
            rowids = try Int64.fetchAll(
                db.cachedStatement(sql: sql.seekSelect),
                arguments: sql.seekArguments(value: anchor.value, id: anchor.id, skipping: sql.offset - anchor.position))
            if anchor.position == sql.offset { return rowids }
        } else {
            rowids = try Int64.fetchAll(db.cachedStatement(sql: sql.select), arguments: sql.arguments + [sql.limit, sql.offset])
        }
        if let first = rowids.first,
           let key = try db.cachedStatement(sql: "SELECT \(IncidentListSQL.column(query.sortBy)), id FROM incidents WHERE rowid = ?")
               .decodeFirst([first], { row in (value: row[0] as Int64, id: row[1] as String) }) {
            listAnchors.keep(.init(position: sql.offset, value: key.value, id: key.id), in: list, version: version)
        }
        return rowids
    }
}

/// The SQL of one incident list. Each (filter, sort) names the index whose order is the list's
/// order (see Migrations/0001_init.sql), so no list sorts in a temporary B-tree.
struct IncidentListSQL {
    /// The rowids of the slice, in list order.
    var select: String
    /// The slice's rows themselves (`Incident.columns`), in list order: for the first pages, where
    /// the few index entries skipped cost less than a second statement for the rows (a deeper page
    /// reads its rowids first, so the rows it skips are never fetched from the table).
    var selectRows: String
    /// Where the two cost the same on the bench's 10k page (measured in sqlite3: offset 100, one
    /// statement 22 % cheaper; 900, 8 % dearer).
    static let rowsReadDirectlyBelowOffset = 200
    /// The same from a list position whose row has sort key `(value, id)` (`seekArguments` before
    /// limit and offset): the index seeks there, then skips `offset` entries.
    var seekSelect: String
    /// Whether the sort column is also filtered to one value: then ids alone order the list, and
    /// the seek is on the id alone (a row-value seek would make SQLite sort).
    var sortColumnIsFixed: Bool
    var arguments: SQLArguments
    var count: String
    var countArguments: SQLArguments
    var limit: Int
    var offset: Int

    init(_ query: IncidentQuery) {
        var conditions = ["status_page_id = ?"]
        var arguments: SQLArguments = [query.statusPageId]
        if let status = query.status {
            conditions.append("status = ?")
            arguments.append(status.rawValue)
        }
        if let severity = query.severity {
            conditions.append("severity = ?")
            arguments.append(severity.rawValue)
        }
        let filters = arguments
        if let search = query.search, !search.isEmpty {
            conditions.append("(title LIKE ? ESCAPE '\\' OR description LIKE ? ESCAPE '\\')")
            let pattern = "%" + Self.escapeLike(search) + "%"
            arguments += [pattern, pattern]
        }
        let direction = query.sortOrder == .ascending ? "ASC" : "DESC"
        let index = Self.index(status: query.status != nil, severity: query.severity != nil, sort: query.sortBy)
        let column = Self.column(query.sortBy)
        let whereClause = conditions.joined(separator: " AND ")
        select = """
            SELECT rowid FROM incidents INDEXED BY \(index) WHERE \(whereClause)
            ORDER BY \(column) \(direction), id \(direction) LIMIT ? OFFSET ?
            """
        selectRows = """
            SELECT \(Incident.columns) FROM incidents INDEXED BY \(index) WHERE \(whereClause)
            ORDER BY \(column) \(direction), id \(direction) LIMIT ? OFFSET ?
            """
        sortColumnIsFixed = (query.sortBy == .status && query.status != nil)
            || (query.sortBy == .severity && query.severity != nil)
        let from = query.sortOrder == .ascending ? ">=" : "<="
        seekSelect = """
            SELECT rowid FROM incidents INDEXED BY \(index) WHERE \(whereClause)
            AND \(sortColumnIsFixed ? "id \(from) ?" : "(\(column), id) \(from) (?, ?)")
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

    /// The arguments of `seekSelect` for a start at the row with sort key `(value, id)`.
    func seekArguments(value: Int64, id: String, skipping skipped: Int) -> SQLArguments {
        arguments + (sortColumnIsFixed ? [id] : [value, id]) + [limit, skipped]
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
