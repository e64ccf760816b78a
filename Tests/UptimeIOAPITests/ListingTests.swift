import StatusdTesting
import Testing

/// Filters, sorting in both directions with the id tie-break, and pagination over a page holding the
/// two demo incidents plus twelve made here: every severity × status combination, created within the
/// same second or two so that ties are common.
@Suite struct ListingTests {
    static let severities = ["minor", "major", "critical"]
    static let statuses = ["investigating", "identified", "monitoring", "resolved"]
    static let total = 14

    /// Runs `body` on a demo server with the twelve extra incidents.
    func withPopulatedServer(_ body: (TestServer) throws -> Void) throws {
        try withTestServer(demo: true) { server in
            for index in 0..<12 {
                try server.createIncident(
                    title: "Incident \(index)", severity: Self.severities[index % 3],
                    status: Self.statuses[index % 4], monitors: [Demo.monitor10, Demo.monitor12])
            }
            try body(server)
        }
    }

    func all(_ server: TestServer, _ query: String) throws -> TestResponse {
        let response = try server.uptimeIO("GET", "\(Demo.incidents)?limit=100&\(query)")
        #expect(response.status == 200, "\(query): \(response.text)")
        return response
    }

    @Test(arguments: statuses)
    func filterByStatus(_ status: String) throws {
        try withPopulatedServer { server in
            let everything = try all(server, "")
            let expected = everything.incidents.filter { $0["status"] as? String == status }.compactMap { $0["id"] as? String }
            let filtered = try all(server, "status=\(status)")
            #expect(filtered.incidentIds == expected)
            #expect(filtered.pagination["total"] as? Int == expected.count)
            #expect(!expected.isEmpty)
        }
    }

    @Test(arguments: severities)
    func filterBySeverity(_ severity: String) throws {
        try withPopulatedServer { server in
            let everything = try all(server, "")
            let expected = everything.incidents.filter { $0["severity"] as? String == severity }
                .compactMap { $0["id"] as? String }
            let filtered = try all(server, "severity=\(severity)")
            #expect(filtered.incidentIds == expected)
            #expect(filtered.pagination["total"] as? Int == expected.count)
        }
    }

    @Test func filtersCombine() throws {
        try withPopulatedServer { server in
            let filtered = try all(server, "status=resolved&severity=major")
            // One made here (index 7: major, resolved) plus the demo's API incident.
            for incident in filtered.incidents {
                #expect(incident["status"] as? String == "resolved")
                #expect(incident["severity"] as? String == "major")
            }
            #expect(filtered.incidentIds.contains(Demo.apiIncident))
            #expect(filtered.incidents.count == 2)
            #expect(filtered.pagination["total"] as? Int == 2)
        }
    }

    @Test func defaultOrderIsNewestFirst() throws {
        try withPopulatedServer { server in
            let defaults = try all(server, "")
            let explicit = try all(server, "sort_by=created_at&sort_order=desc")
            #expect(defaults.incidentIds == explicit.incidentIds)
            #expect(defaults.incidentIds.suffix(2) == [Demo.apiIncident, Demo.databaseIncident])
        }
    }

    @Test(arguments: ["created_at", "updated_at", "severity", "status"])
    func sortsInBothDirectionsWithStableTieBreak(_ field: String) throws {
        try withPopulatedServer { server in
            let ascending = try all(server, "sort_by=\(field)&sort_order=asc")
            let descending = try all(server, "sort_by=\(field)&sort_order=desc")
            #expect(ascending.incidents.count == Self.total)
            let rank = Self.rank(for: field)
            let keys = ascending.incidents.map(rank)
            #expect(keys == keys.sorted(), "asc by \(field) out of order")
            // Ties are broken by id in the same direction, so descending is exactly ascending reversed.
            #expect(descending.incidentIds == Array(ascending.incidentIds.reversed()))
            // Within equal keys, ids ascend. (Timestamps are stored in milliseconds but shown in seconds,
            // so equal-looking times are not ties: only the enumerated fields are checked this way.)
            let exactKeys = field == "severity" || field == "status"
            for (left, right) in zip(ascending.incidents, ascending.incidents.dropFirst())
            where exactKeys && rank(left) == rank(right) {
                #expect((left["id"] as? String ?? "") < (right["id"] as? String ?? ""))
            }
            // The same request twice gives the same order.
            #expect(try all(server, "sort_by=\(field)&sort_order=asc").incidentIds == ascending.incidentIds)
        }
    }

    @Test(arguments: ["created_at", "updated_at", "severity", "status"], ["asc", "desc"])
    func paginationCoversEveryRowExactlyOnce(_ field: String, _ order: String) throws {
        try withPopulatedServer { server in
            let sort = "sort_by=\(field)&sort_order=\(order)"
            let whole = try all(server, sort).incidentIds
            var seen: [String] = []
            for page in 1...4 {
                let response = try server.uptimeIO("GET", "\(Demo.incidents)?\(sort)&limit=4&page=\(page)")
                #expect(response.status == 200)
                seen += response.incidentIds
                let pagination = response.pagination
                #expect(pagination["page"] as? Int == page)
                #expect(pagination["pageSize"] as? Int == 4)
                #expect(pagination["total"] as? Int == Self.total)
                #expect(pagination["totalPages"] as? Int == 4)
                #expect(pagination["hasNext"] as? Bool == (page < 4))
                #expect(pagination["hasPrevious"] as? Bool == (page > 1))
            }
            #expect(seen == whole)
            #expect(Set(seen).count == Self.total)
            let beyond = try server.uptimeIO("GET", "\(Demo.incidents)?\(sort)&limit=4&page=5")
            #expect(beyond.status == 200)
            #expect(beyond.incidentIds.isEmpty)
            #expect(beyond.pagination["hasNext"] as? Bool == false)
            #expect(beyond.pagination["hasPrevious"] as? Bool == true)
        }
    }

    @Test func defaultLimitIsTwenty() throws {
        try withTestServer(demo: true) { server in
            for index in 0..<21 { try server.createIncident(title: "Bulk \(index)") }
            let response = try server.uptimeIO("GET", Demo.incidents)
            #expect(response.incidents.count == 20)
            #expect(response.pagination["pageSize"] as? Int == 20)
            #expect(response.pagination["total"] as? Int == 23)
            #expect(response.pagination["totalPages"] as? Int == 2)
            #expect(response.pagination["hasNext"] as? Bool == true)
        }
    }

    @Test func limitBoundsAreAccepted() throws {
        try withTestServer(demo: true) { server in
            let one = try server.uptimeIO("GET", "\(Demo.incidents)?limit=1")
            #expect(one.incidentIds == [Demo.apiIncident])
            #expect(one.pagination["totalPages"] as? Int == 2)
            let hundred = try server.uptimeIO("GET", "\(Demo.incidents)?limit=100")
            #expect(hundred.status == 200)
            #expect(hundred.incidents.count == 2)
        }
    }

    /// A sortable key per field: severities and statuses in their documented order, timestamps as text
    /// (the UptimeIO format sorts lexicographically), each followed by nothing else: the id tie-break is
    /// checked separately.
    static func rank(for field: String) -> ([String: Any]) -> String {
        { incident in
            let value = incident[field] as? String ?? ""
            switch field {
            case "severity": return String(severities.firstIndex(of: value) ?? -1)
            case "status": return String(statuses.firstIndex(of: value) ?? -1)
            default: return value
            }
        }
    }
}
