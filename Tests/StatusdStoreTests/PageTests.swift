import Foundation
@testable import StatusdStore
import StatusdCore
import Testing

@Suite struct PageTests {
    @Test func subdomain_isDerivedFromName_andMadeUnique() throws {
        try withTestStore { store in
            _ = try store.createProject(id: "p", name: "P")
            let first = try store.createStatusPage(id: nil, projectId: "p", name: "My Status Page!", subdomain: nil, description: nil)
            let second = try store.createStatusPage(id: nil, projectId: "p", name: "my status page", subdomain: nil, description: nil)
            #expect(first.subdomain == "my-status-page")
            #expect(second.subdomain == "my-status-page-2")
            #expect(try store.statusPage(subdomain: "my-status-page-2")?.id == second.id)
            #expect(throws: StoreError.duplicate(field: "subdomain", value: "my-status-page")) {
                try store.createStatusPage(id: nil, projectId: "p", name: "x", subdomain: "my-status-page", description: nil)
            }
        }
    }

    @Test func pages_areListedPerProject_updated_andDeletedWithEverything() throws {
        try withTestStore { store in
            _ = try PageFixture.make(in: store)
            _ = try store.createProject(id: "other", name: "Other")
            _ = try store.createStatusPage(id: "elsewhere", projectId: "other", name: "E", subdomain: "e", description: nil)
            #expect(try store.statusPages(projectId: "proj").map(\.id) == ["page"])
            #expect(try store.statusPages(projectId: nil).count == 2)
            let updated = try #require(try store.updateStatusPage("page", name: "New", subdomain: "new", description: .some("d")))
            #expect(updated.name == "New" && updated.subdomain == "new" && updated.description == "d")
            #expect(throws: StoreError.duplicate(field: "subdomain", value: "e")) {
                try store.updateStatusPage("page", name: nil, subdomain: "e", description: nil)
            }
            #expect(try store.updateStatusPage("absent", name: "x", subdomain: nil, description: nil) == nil)
            _ = try store.createIncident(.make(components: [AffectedComponent(componentId: "page-c0")]), statusPageId: "page")
            #expect(try store.deleteStatusPage("page"))
            #expect(try store.deleteStatusPage("page") == false)
            let leftovers = try store.read { db in
                try Int.fetchOne(db, sql: """
                    SELECT (SELECT COUNT(*) FROM incidents) + (SELECT COUNT(*) FROM incident_updates)
                         + (SELECT COUNT(*) FROM components) + (SELECT COUNT(*) FROM incident_counts)
                    """)
            }
            #expect(leftovers == 0)
        }
    }

    @Test func projects_missingParent_andDuplicates() throws {
        try withTestStore { store in
            let project = try store.createProject(id: nil, name: "Generated")
            #expect(UUID(uuidString: project.id) != nil && project.id == project.id.lowercased())
            #expect(throws: StoreError.duplicate(field: "id", value: project.id)) {
                try store.createProject(id: project.id, name: "again")
            }
            #expect(throws: StoreError.missingParent("project")) {
                try store.createStatusPage(id: nil, projectId: "nope", name: "x", subdomain: nil, description: nil)
            }
            #expect(try store.project("nope") == nil)
        }
    }

    @Test func slug_handlesEmptyAndSymbols() {
        #expect(Subdomain.slug(from: "  !!! ") == "page")
        #expect(Subdomain.slug(from: "Acme -- Status") == "acme-status")
    }
}
