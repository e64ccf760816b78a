import Foundation
@testable import StatusdStore
import StatusdCore
import Testing

/// Deletes for the CLI: what each takes with it follows the schema's ON DELETE CASCADE.
@Suite struct ResourceDeleteTests {
    /// Rows left in each table, for "nothing else was touched" checks.
    static func rowCounts(_ store: Store) throws -> [String: Int] {
        try store.read { db in
            var counts: [String: Int] = [:]
            for table in ["projects", "status_pages", "components", "incidents", "incident_components",
                          "incident_updates", "credentials"] {
                counts[table] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)")
            }
            counts["incident_counts"] = try Int.fetchOne(db, sql: "SELECT COALESCE(SUM(count), 0) FROM incident_counts")
            return counts
        }
    }

    @Test func project_withPages_isRefusedWithoutForce_andNothingChanges() throws {
        try withTestStore { store in
            _ = try PageFixture.make(in: store)
            let before = try Self.rowCounts(store)
            #expect(try store.deleteProject("proj", force: false) == .refused(statusPages: 1))
            #expect(try Self.rowCounts(store) == before)
            #expect(try store.deleteProject("absent", force: true) == .notFound)
        }
    }

    @Test func project_withForce_takesPagesComponentsIncidentsAndScopedCredentials() throws {
        try withTestStore { store in
            _ = try PageFixture.make(in: store, pageId: "a")
            _ = try PageFixture.make(in: store, pageId: "b", componentCount: 1)
            _ = try store.createIncident(.make(components: [AffectedComponent(componentId: "a-c0")]), statusPageId: "a")
            _ = try store.createCredential(name: "scoped", projectId: "proj", readOnly: false, secret: "s1")
            _ = try store.createCredential(name: "everywhere", projectId: nil, readOnly: false, secret: "s2")
            _ = try store.createProject(id: "other", name: "Other")
            #expect(try store.deleteProject("proj", force: true)
                == .deleted(CascadedRows(statusPages: 2, components: 3, incidents: 1, credentials: 1)))
            let after = try Self.rowCounts(store)
            #expect(after == ["projects": 1, "status_pages": 0, "components": 0, "incidents": 0,
                              "incident_components": 0, "incident_updates": 0, "credentials": 1, "incident_counts": 0])
            #expect(try store.credentials().map(\.name) == ["everywhere"])
            #expect(try store.deleteProject("proj", force: true) == .notFound)
        }
    }

    @Test func project_withoutPages_isDeletedWithoutForce() throws {
        try withTestStore { store in
            _ = try store.createProject(id: "empty", name: "Empty")
            #expect(try store.deleteProject("empty", force: false) == .deleted(CascadedRows()))
            #expect(try store.project("empty") == nil)
        }
    }

    @Test func page_takesItsComponentsAndIncidents_only() throws {
        try withTestStore { store in
            _ = try PageFixture.make(in: store, pageId: "a")
            _ = try PageFixture.make(in: store, pageId: "b")
            _ = try store.createIncident(.make(components: [AffectedComponent(componentId: "a-c1")]), statusPageId: "a")
            _ = try store.createIncident(.make(), statusPageId: "a")
            _ = try store.createIncident(.make(), statusPageId: "b")
            #expect(try store.deleteStatusPageCounting("a") == CascadedRows(components: 2, incidents: 2))
            #expect(try store.deleteStatusPageCounting("a") == nil)
            let after = try Self.rowCounts(store)
            #expect(after["status_pages"] == 1 && after["components"] == 2 && after["incidents"] == 1)
            #expect(after["incident_counts"] == 1 && after["incident_updates"] == 1)
        }
    }

    @Test func component_isDeletedByIdAlone_andItsIncidentsStayWithoutIt() throws {
        try withTestStore { store in
            _ = try PageFixture.make(in: store)
            let incident = try store.createIncident(
                .make(components: [AffectedComponent(componentId: "page-c0"), AffectedComponent(componentId: "page-c1")]),
                statusPageId: "page")
            #expect(try store.deleteComponent("page-c0") == CascadedRows(incidentLinks: 1))
            #expect(try store.deleteComponent("page-c0") == nil)
            let kept = try #require(try store.incident(incident.id, statusPageId: "page"))
            #expect(kept.components.map(\.componentId) == ["page-c1"])
            #expect(try store.components(statusPageId: "page").map(\.id) == ["page-c1"])
        }
    }

    @Test func statusPageCounts_perProject() throws {
        try withTestStore { store in
            _ = try PageFixture.make(in: store, pageId: "a", componentCount: 0)
            _ = try PageFixture.make(in: store, pageId: "b", componentCount: 0)
            _ = try store.createProject(id: "empty", name: "Empty")
            #expect(try store.statusPageCounts() == ["proj": 2])
        }
    }
}
