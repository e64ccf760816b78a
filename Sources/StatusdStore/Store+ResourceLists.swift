// What the CLI's `project list` shows beside the rows the API reads.
extension Store {
    /// Status pages per project id (projects without pages are absent).
    public func statusPageCounts() throws -> [String: Int] {
        try read { db in
            var counts: [String: Int] = [:]
            try db.cachedStatement(sql: "SELECT project_id, COUNT(*) FROM status_pages WHERE deleted_at IS NULL GROUP BY project_id")
                .forEachRow([]) { row in counts[row[0]] = row[1] }
            return counts
        }
    }
}
