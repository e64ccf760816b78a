import Foundation
import GRDB
@testable import StatusdStore
import StatusdCore
import Testing

@Suite struct IncidentListTests {
    /// 37 incidents with many ties in every sort key (times, statuses, severities repeat).
    static func seed(_ store: Store) throws {
        _ = try PageFixture.make(in: store, componentCount: 0)
        _ = try PageFixture.make(in: store, pageId: "other", componentCount: 0)
        let impacts: [Impact?] = [.majorOutage, .partialOutage, .degradedPerformance, nil, .maintenance]
        try store.write { db in
            for index in 0..<37 {
                let created = Timestamp(millisecondsSince1970: 1_000 * Int64(index % 5))
                let status = IncidentStatus(rawValue: index % 4)!
                try Store.insert(IncidentRecord(
                    id: String(format: "inc-%02d", (index * 17) % 37), statusPageId: "page", title: "T\(index)",
                    description: index % 3 == 0 ? "Database 50% slow_down" : "other", status: status,
                    impact: impacts[index % 5], components: [], startedAt: created,
                    endedAt: status == .resolved ? created : nil, createdAt: created,
                    updatedAt: Timestamp(millisecondsSince1970: 1_000 * Int64(index % 7))), db)
            }
            try Store.insert(IncidentRecord(
                id: "elsewhere", statusPageId: "other", title: "x", description: "x", status: .investigating,
                impact: nil, components: [], startedAt: .init(millisecondsSince1970: 0), endedAt: nil,
                createdAt: .init(millisecondsSince1970: 0), updatedAt: .init(millisecondsSince1970: 0)), db)
        }
    }

    static func key(_ incident: Incident, _ sort: IncidentQuery.SortField) -> Int64 {
        switch sort {
        case .createdAt: incident.createdAt.millisecondsSince1970
        case .updatedAt: incident.updatedAt.millisecondsSince1970
        case .severity: Int64(incident.severity.rawValue)
        case .status: Int64(incident.status.rawValue)
        }
    }

    @Test(arguments: IncidentQuery.SortField.allCases, IncidentQuery.SortOrder.allCases)
    func everySort_pagesCoverEveryRowOnce_inOrder_tiesById(sort: IncidentQuery.SortField, order: IncidentQuery.SortOrder) throws {
        try withTestStore { store in
            try Self.seed(store)
            var seen: [Incident] = []
            for page in 1...5 {
                let slice = try store.incidents(IncidentQuery(statusPageId: "page", sortBy: sort, sortOrder: order, page: page, perPage: 8))
                #expect(slice.total == 37)
                seen += slice.items
            }
            #expect(seen.count == 37)
            #expect(Set(seen.map(\.id)).count == 37)
            for (a, b) in zip(seen, seen.dropFirst()) {
                let (ka, kb) = (Self.key(a, sort), Self.key(b, sort))
                if order == .ascending {
                    #expect(ka < kb || (ka == kb && a.id < b.id))
                } else {
                    #expect(ka > kb || (ka == kb && a.id > b.id))
                }
            }
        }
    }

    @Test func filters_byStatusAndSeverity_withTotalsFromCounts() throws {
        try withTestStore { store in
            try Self.seed(store)
            let all = try store.incidents(IncidentQuery(statusPageId: "page", perPage: 100)).items
            for status in IncidentStatus.allCases {
                for severity in [nil] + Severity.allCases.map(Optional.some) {
                    let expected = all.filter { $0.status == status && (severity == nil || $0.severity == severity) }
                    let listed = try store.incidents(IncidentQuery(
                        statusPageId: "page", status: status, severity: severity, sortBy: .updatedAt, perPage: 100))
                    #expect(listed.total == expected.count)
                    #expect(Set(listed.items.map(\.id)) == Set(expected.map(\.id)))
                }
            }
        }
    }

    @Test func search_isCaseInsensitiveSubstring_withLikeWildcardsEscaped() throws {
        try withTestStore { store in
            try Self.seed(store)
            let hits = try store.incidents(IncidentQuery(statusPageId: "page", search: "DATABASE 50%", perPage: 100))
            #expect(hits.total == 13)
            #expect(hits.items.count == 13)
            #expect(try store.incidents(IncidentQuery(statusPageId: "page", search: "50%_", perPage: 100)).total == 0)
            #expect(try store.incidents(IncidentQuery(statusPageId: "page", search: "w_d", perPage: 100)).total == 13)
            #expect(try store.incidents(IncidentQuery(statusPageId: "page", search: "t1", perPage: 100)).total == 11)
        }
    }

    @Test func pageBeyondTheEnd_isEmpty_withTotal() throws {
        try withTestStore { store in
            try Self.seed(store)
            let slice = try store.incidents(IncidentQuery(statusPageId: "page", page: 99, perPage: 20))
            #expect(slice.items.isEmpty)
            #expect(slice.total == 37)
            #expect(try store.incidents(IncidentQuery(statusPageId: "page", page: Int.max, perPage: 100)).items.isEmpty)
        }
    }

    /// Every (filter, sort) reads its slice in index order (from the index alone where it covers
    /// the filters): no temporary B-tree, no table scan.
    @Test func queryPlans_useAnIndex_andNeverSortInATempBTree() throws {
        try withSQLiteTestStore { store in
            try Self.seed(store)
            for sort in IncidentQuery.SortField.allCases {
                for status in [nil, IncidentStatus.resolved] {
                    for severity in [nil, Severity.major] {
                        for order in IncidentQuery.SortOrder.allCases {
                            let sql = IncidentListSQL(IncidentQuery(
                                statusPageId: "page", status: status, severity: severity, sortBy: sort, sortOrder: order))
                            let plan = try store.sqlitePool.read { db in
                                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql.select,
                                                 arguments: (sql.arguments + [20, 0]).statementArguments).map { $0["detail"] as String }
                            }.joined(separator: " | ")
                            #expect(!plan.contains("TEMP B-TREE"), "\(sort) \(String(describing: status)) \(String(describing: severity)): \(plan)")
                            // Covering (index only) except status + severity sorted by updated_at.
                            #expect(plan.contains("USING COVERING INDEX") || plan.contains("USING INDEX"), "\(plan)")
                            let countPlan = try store.sqlitePool.read { db in
                                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql.count, arguments: sql.countArguments.statementArguments)
                                    .map { $0["detail"] as String }
                            }.joined()
                            #expect(countPlan.contains("incident_counts"), "\(countPlan)")
                            // From an anchor: a range seek on the same index, still in its order.
                            let seekPlan = try store.sqlitePool.read { db in
                                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql.seekSelect,
                                                 arguments: sql.seekArguments(value: 0, id: "x", skipping: 0).statementArguments).map { $0["detail"] as String }
                            }.joined(separator: " | ")
                            #expect(!seekPlan.contains("TEMP B-TREE") && ["id)<", "id)>", "id<", "id>"].contains { seekPlan.contains($0) }, "\(sort) \(order) \(String(describing: status)) \(String(describing: severity)): \(seekPlan)")
                        }
                    }
                }
            }
        }
    }

    /// A store whose every slice past the first row starts from an anchor when one holds.
    static func withAnchoringStore<T>(_ body: (Store) throws -> T) throws -> T {
        try withTemporaryFolder { folder in
            let store = try Store(
                path: folder.appendingPathComponent("anchors.db").path, migrator: Migrator.bundled(),
                listAnchorMinimumOffset: 1)
            return try body(store)
        }
    }

    static func ids(_ store: Store, _ query: IncidentQuery) throws -> [String] {
        try store.incidents(query).items.map(\.id)
    }

    /// Slices read from anchors are exactly the slices read with OFFSET from the start, whatever
    /// order pages are asked in, for every filter, sort and direction.
    @Test(arguments: IncidentQuery.SortField.allCases, IncidentQuery.SortOrder.allCases)
    func anchoredSlices_equalPlainOnes_inAnyRequestOrder(sort: IncidentQuery.SortField, order: IncidentQuery.SortOrder) throws {
        try withTestStore { plain in
            try Self.withAnchoringStore { anchored in
                try Self.seed(plain)
                try Self.seed(anchored)
                for status in [nil, IncidentStatus.investigating] {
                    for severity in [nil, Severity.minor] {
                        // Forwards, backwards, then jumping about (anchors before, at and after each slice).
                        for page in Array(1...8) + Array((1...8).reversed()) + [5, 2, 7, 7, 3, 8, 1, 6] {
                            let query = IncidentQuery(
                                statusPageId: "page", status: status, severity: severity, sortBy: sort,
                                sortOrder: order, page: page, perPage: 5)
                            #expect(try Self.ids(anchored, query) == Self.ids(plain, query),
                                    "\(sort) \(order) \(String(describing: status)) \(String(describing: severity)) page \(page)")
                        }
                    }
                }
                #expect(anchored.listAnchors.nearest(
                    in: ListAnchors.list(of: IncidentQuery(statusPageId: "page", sortBy: sort, sortOrder: order)),
                    atOrBefore: 35, version: try anchored.changeCounters().content) != nil)
            }
        }
    }

    /// A write moves every row's position: anchors read before it are never used after it, so the
    /// next slices are those of the new data.
    @Test func anchors_fromBeforeAWrite_areNotUsedAfterIt() throws {
        try Self.withAnchoringStore { store in
            try Self.seed(store)
            let query = { (page: Int) in IncidentQuery(statusPageId: "page", page: page, perPage: 4) }
            let before = try (1...10).map { try Self.ids(store, query($0)) }
            // Newest first: a new incident pushes every row one place on.
            try store.write { db in
                try Store.insert(IncidentRecord(
                    id: "newest", statusPageId: "page", title: "n", description: "n", status: .investigating,
                    impact: nil, components: [], startedAt: .init(millisecondsSince1970: 9_000), endedAt: nil,
                    createdAt: .init(millisecondsSince1970: 9_000), updatedAt: .init(millisecondsSince1970: 9_000)), db)
            }
            let after = try (1...10).map { try Self.ids(store, query($0)) }
            let flatBefore = before.joined().map { $0 }
            #expect(after.joined().map { $0 } == ["newest"] + flatBefore)
        }
    }

    /// A listed incident's latest update is its timeline's newest entry (ties in time broken by
    /// insertion, a backdated entry never newest), whatever the other incidents of the page hold.
    @Test func eachListedIncidentCarriesItsOwnNewestEntry() throws {
        try withTestStore { store in
            _ = try PageFixture.make(in: store, componentCount: 0)
            let ids = try (0..<3).map { index in
                try store.createIncident(.make(id: "i\(index)", title: "T\(index)"), statusPageId: "page").id
            }
            let tie = Timestamp(millisecondsSince1970: 4_000_000_000_000)
            for message in ["first at the tie", "second at the tie"] {
                _ = try store.addUpdate(
                    NewIncidentUpdate(message: message, status: nil, createdBy: "t", happenedAt: tie),
                    incidentId: ids[0], statusPageId: "page")
            }
            _ = try store.addUpdate(
                NewIncidentUpdate(message: "backdated", status: nil, createdBy: "t",
                                  happenedAt: Timestamp(millisecondsSince1970: 1)),
                incidentId: ids[1], statusPageId: "page")
            let listed = try store.incidents(IncidentQuery(statusPageId: "page", perPage: 20)).items
            #expect(Set(listed.map(\.id)) == Set(ids))
            let latest = Dictionary(uniqueKeysWithValues: listed.map { ($0.id, $0.latestUpdate?.message) })
            #expect(latest["i0"] == "second at the tie")
            #expect(latest["i1"] == "Looking into it")
            #expect(latest["i2"] == "Looking into it")
            for incident in listed {
                let newest = try store.updates(
                    incidentId: incident.id, statusPageId: "page", page: 1, perPage: 1, order: .descending)
                #expect(incident.latestUpdate == newest?.items.first)
                #expect(incident.updatesCount == newest?.total)
            }
        }
    }

    /// Components come in the order the incident was given them (not by id), each incident its
    /// own, in a list and alone; one with no timeline entry has none and a count of 0.
    @Test func componentsKeepTheirOrderAndAnIncidentWithoutEntriesHasNone() throws {
        try withTestStore { store in
            _ = try PageFixture.make(in: store, componentCount: 3)
            let given = [["page-c2", "page-c0", "page-c1"], ["page-c1"], [], ["page-c0", "page-c2"]]
            for (index, components) in given.enumerated() {
                _ = try store.createIncident(
                    .make(id: "i\(index)", components: components.map { AffectedComponent(componentId: $0, impact: .partialOutage) }),
                    statusPageId: "page")
            }
            try store.write { db in
                try Store.insert(IncidentRecord(
                    id: "bare", statusPageId: "page", title: "b", description: "b", status: .investigating,
                    impact: nil, components: [], startedAt: .init(millisecondsSince1970: 0), endedAt: nil,
                    createdAt: .init(millisecondsSince1970: 0), updatedAt: .init(millisecondsSince1970: 0)), db)
            }
            let listed = try store.incidents(IncidentQuery(statusPageId: "page", perPage: 20)).items
            let byId = Dictionary(uniqueKeysWithValues: listed.map { ($0.id, $0) })
            for (index, components) in given.enumerated() {
                #expect(byId["i\(index)"]?.components.map(\.componentId) == components)
                #expect(try store.incident("i\(index)", statusPageId: "page")?.components.map(\.componentId) == components)
                #expect(byId["i\(index)"]?.updatesCount == 1)
            }
            #expect(byId["bare"]?.latestUpdate == nil)
            #expect(byId["bare"]?.updatesCount == 0)
            #expect(byId["bare"]?.components.isEmpty == true)
        }
    }
}
